#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>
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
    vector<pair<string, int>> sorted(counts.begin(), counts.end());
    // Byte order of UTF-8 is code-point order, as the other languages sort.
    stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (const auto& [word, count] : sorted) cout << word << ' ' << count << '\n';
}
