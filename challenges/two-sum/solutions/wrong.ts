function twoSum(nums: number[], target: number): number[] {
  // Bug: j starts at i, so one element can be used twice.
  for (let i = 0; i < nums.length; i++) {
    for (let j = i; j < nums.length; j++) {
      if (nums[i]! + nums[j]! === target) return [i, j];
    }
  }
  return [];
}
