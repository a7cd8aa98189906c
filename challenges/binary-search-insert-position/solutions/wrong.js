// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function searchInsert(nums, target) {
  // Bug: searches the closed range [0, n - 1], so it can never answer n (target after the end).
  let lo = 0;
  let hi = nums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nums[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(lo, 0);
}
