#include <stdlib.h>

/* Merge overlapping (or touching) [start, end] intervals; return them sorted by start, as a
   malloc'd array of malloc'd pairs, with their count in *returnSize and each row's length (2) in
   the malloc'd *returnColumnSizes. */
int** mergeIntervals(int** intervals, int intervalsSize, int* intervalsColSize, int* returnSize, int** returnColumnSizes) {
    *returnSize = 0;
    *returnColumnSizes = NULL;
    return NULL;
}
