// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function twoSum(nums, target) {
  // One pass: remember where each value was seen; the first index found is always the smaller.
  const seen = new Map();
  for (let j = 0; j < nums.length; j++) {
    const i = seen.get(target - nums[j]);
    if (i !== undefined) return [i, j];
    if (!seen.has(nums[j])) seen.set(nums[j], j);
  }
  return [];
}
