class Solution {
    // Levenshtein distance over a full table.
    public int minDistance(String word1, String word2) {
        int n = word1.length(), m = word2.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) d[i][0] = i;
        for (int j = 0; j <= m; j++) d[0][j] = j;
        for (int i = 1; i <= n; i++)
            for (int j = 1; j <= m; j++)
                d[i][j] = word1.charAt(i - 1) == word2.charAt(j - 1)
                    ? d[i - 1][j - 1]
                    : Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + 1);
        return d[n][m];
    }
}
