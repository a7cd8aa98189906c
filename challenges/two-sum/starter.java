class Solution {
    // Return {i, j} with i < j such that nums[i] + nums[j] == target.
    public int[] twoSum(int[] nums, int target) {
        return new int[0];
    }
}
