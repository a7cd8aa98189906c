#include <iostream>
#include <string>
using namespace std;

int main() {
    string line;
    getline(cin, line);
    // Print each word and how often it occurs, most frequent first.
}
