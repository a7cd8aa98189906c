def search_insert(nums, target):
    # Bug: searches the closed range [0, n - 1], so it can never answer n (target after the end).
    lo, hi = 0, len(nums) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return max(lo, 0)
