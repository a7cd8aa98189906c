def merge_intervals(intervals):
    # Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart.
    merged = []
    for start, end in sorted(intervals, key=lambda iv: iv[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
