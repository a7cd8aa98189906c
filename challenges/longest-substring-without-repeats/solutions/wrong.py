def length_of_longest_substring(s):
    # Bug: jumps the window start back to an old repeat that is already outside the window.
    last_seen = {}
    start = 0
    best = 0
    for i, ch in enumerate(s):
        if ch in last_seen:
            start = last_seen[ch] + 1
        last_seen[ch] = i
        best = max(best, i - start + 1)
    return best
