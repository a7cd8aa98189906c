// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function searchInsert(nums, target) {
  // Lower bound over the half-open range [lo, hi): the first index whose value is >= target.
  let lo = 0;
  let hi = nums.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nums[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
