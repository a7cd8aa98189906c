def is_valid(s):
    closer_of = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for ch in s:
        if ch in closer_of:
            stack.append(closer_of[ch])
        elif not stack or stack.pop() != ch:
            return False
    return not stack
