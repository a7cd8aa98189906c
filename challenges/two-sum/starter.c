#include <stdlib.h>

/* Return [i, j] with i < j such that nums[i] + nums[j] == target, in a malloc'd array whose
   length goes in *returnSize. */
int* twoSum(int* nums, int numsSize, int target, int* returnSize) {
    *returnSize = 0;
    return NULL;
}
