#include <algorithm>
#include <string>
#include <vector>
using namespace std;

// Bug: forgets the replace operation (a replace costs a delete and an insert), so it overcounts whenever a replace would do.
int minDistance(string word1, string word2) {
    size_t n = word1.size(), m = word2.size();
    vector<vector<int>> d(n + 1, vector<int>(m + 1));
    for (size_t i = 0; i <= n; i++) d[i][0] = (int)i;
    for (size_t j = 0; j <= m; j++) d[0][j] = (int)j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++)
            d[i][j] = word1[i - 1] == word2[j - 1] ? d[i - 1][j - 1] : min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + 2});
    return d[n][m];
}
