#include <stdlib.h>
#include <string.h>

/* Bug: forgets the replace operation (a replace costs a delete and an insert), so it overcounts whenever a replace would do. */
int minDistance(char* word1, char* word2) {
    int n = (int)strlen(word1), m = (int)strlen(word2);
    int* prev = malloc(sizeof(int) * (m + 1));
    int* cur = malloc(sizeof(int) * (m + 1));
    for (int j = 0; j <= m; j++) prev[j] = j;
    for (int i = 1; i <= n; i++) {
        cur[0] = i;
        for (int j = 1; j <= m; j++) {
            int best = (prev[j] < cur[j - 1] ? prev[j] : cur[j - 1]) + 1;
            int diagonal = word1[i - 1] == word2[j - 1] ? prev[j - 1] : prev[j - 1] + 2;
            cur[j] = best < diagonal ? best : diagonal;
        }
        int* t = prev; prev = cur; cur = t;
    }
    int answer = prev[m];
    free(prev);
    free(cur);
    return answer;
}
