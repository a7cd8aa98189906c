function twoSum(nums: number[], target: number): number[] {
  // One pass: remember where each value was seen; the first index found is always the smaller.
  const seen = new Map<number, number>();
  for (let j = 0; j < nums.length; j++) {
    const value = nums[j]!;
    const i = seen.get(target - value);
    if (i !== undefined) return [i, j];
    if (!seen.has(value)) seen.set(value, j);
  }
  return [];
}
