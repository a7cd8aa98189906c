def length_of_longest_substring(s):
    # Sliding window: the window start only ever moves right, past the previous copy of a repeat.
    last_seen = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        prev = last_seen.get(ch)
        if prev is not None and prev >= start:
            start = prev + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best
