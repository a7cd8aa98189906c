function twoSum(nums: number[], target: number): number[] {
  // Return [i, j] with i < j such that nums[i] + nums[j] === target.
  return [];
}
