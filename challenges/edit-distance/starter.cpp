#include <string>
using namespace std;

// Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
int minDistance(string word1, string word2) {
    return 0;
}
