#include <string>
using namespace std;

// Return true when every bracket in s is closed by the same type, in the right order.
bool isValid(string s) {
    return false;
}
