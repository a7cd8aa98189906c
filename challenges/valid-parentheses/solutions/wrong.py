def is_valid(s):
    # Bug: counts each bracket type separately and ignores the order they close in.
    depth = {"(": 0, "[": 0, "{": 0}
    opener_of = {")": "(", "]": "[", "}": "{"}
    for ch in s:
        if ch in depth:
            depth[ch] += 1
        else:
            depth[opener_of[ch]] -= 1
            if depth[opener_of[ch]] < 0:
                return False
    return all(v == 0 for v in depth.values())
