#include <stdlib.h>

/* Sorts indices by value, then walks two pointers inward: O(n log n), no hash table in C. */
static int* values;

static int byValue(const void* a, const void* b) {
    int x = values[*(const int*)a], y = values[*(const int*)b];
    return (x > y) - (x < y);
}

int* twoSum(int* nums, int numsSize, int target, int* returnSize) {
    int* order = malloc(sizeof(int) * (numsSize > 0 ? numsSize : 1));
    for (int i = 0; i < numsSize; i++) order[i] = i;
    values = nums;
    qsort(order, numsSize, sizeof(int), byValue);
    int lo = 0, hi = numsSize - 1;
    int* result = malloc(sizeof(int) * 2);
    *returnSize = 0;
    while (lo < hi) {
        long long sum = (long long)nums[order[lo]] + nums[order[hi]];
        if (sum == target) {
            int a = order[lo], b = order[hi];
            result[0] = a < b ? a : b;
            result[1] = a < b ? b : a;
            *returnSize = 2;
            break;
        }
        if (sum < target) lo++; else hi--;
    }
    free(order);
    return result;
}
