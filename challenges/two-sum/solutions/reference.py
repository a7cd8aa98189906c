def two_sum(nums, target):
    # One pass: remember where each value was seen; the first index found is always the smaller.
    seen = {}
    for j, value in enumerate(nums):
        i = seen.get(target - value)
        if i is not None:
            return [i, j]
        seen.setdefault(value, j)
    return []
