#include <stdlib.h>

/* Bug: j starts at i, so one element can be used twice. */
int* twoSum(int* nums, int numsSize, int target, int* returnSize) {
    int* result = malloc(sizeof(int) * 2);
    *returnSize = 0;
    for (int i = 0; i < numsSize; i++)
        for (int j = i; j < numsSize; j++)
            if (nums[i] + nums[j] == target) {
                result[0] = i;
                result[1] = j;
                *returnSize = 2;
                return result;
            }
    return result;
}
