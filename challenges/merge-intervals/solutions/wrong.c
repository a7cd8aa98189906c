#include <stdlib.h>

/* Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart. */
static int byStart(const void* a, const void* b) {
    const int* x = *(int* const*)a;
    const int* y = *(int* const*)b;
    return (x[0] > y[0]) - (x[0] < y[0]);
}

int** mergeIntervals(int** intervals, int intervalsSize, int* intervalsColSize, int* returnSize, int** returnColumnSizes) {
    (void)intervalsColSize;
    int** sorted = malloc(sizeof(int*) * (intervalsSize > 0 ? intervalsSize : 1));
    for (int i = 0; i < intervalsSize; i++) sorted[i] = intervals[i];
    qsort(sorted, intervalsSize, sizeof(int*), byStart);
    int** out = malloc(sizeof(int*) * (intervalsSize > 0 ? intervalsSize : 1));
    int count = 0;
    for (int i = 0; i < intervalsSize; i++) {
        if (count > 0 && sorted[i][0] < out[count - 1][1]) {
            if (sorted[i][1] > out[count - 1][1]) out[count - 1][1] = sorted[i][1];
        } else {
            out[count] = malloc(sizeof(int) * 2);
            out[count][0] = sorted[i][0];
            out[count][1] = sorted[i][1];
            count++;
        }
    }
    *returnColumnSizes = malloc(sizeof(int) * (count > 0 ? count : 1));
    for (int i = 0; i < count; i++) (*returnColumnSizes)[i] = 2;
    *returnSize = count;
    free(sorted);
    return out;
}
