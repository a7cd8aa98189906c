def search_insert(nums, target):
    # Lower bound over the half-open range [lo, hi): the first index whose value is >= target.
    lo, hi = 0, len(nums)
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo
