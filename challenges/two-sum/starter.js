// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function twoSum(nums, target) {
  // Return [i, j] with i < j such that nums[i] + nums[j] === target.
  return [];
}
