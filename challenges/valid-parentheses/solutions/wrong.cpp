#include <map>
#include <string>
using namespace std;

// Bug: counts each bracket type separately and ignores the order they close in.
bool isValid(string s) {
    map<char, int> depth;
    map<char, char> opener = {{')', '('}, {']', '['}, {'}', '{'}};
    for (char c : s) {
        if (c == '(' || c == '[' || c == '{') depth[c]++;
        else if (opener.count(c) && --depth[opener[c]] < 0) return false;
    }
    return depth['('] == 0 && depth['['] == 0 && depth['{'] == 0;
}
