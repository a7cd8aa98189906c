def two_sum(nums, target):
    # Bug: j starts at i, so one element can be used twice.
    for i in range(len(nums)):
        for j in range(i, len(nums)):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
