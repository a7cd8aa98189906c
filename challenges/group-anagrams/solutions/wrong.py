def group_anagrams(words):
    # Bug: keeps the order in which words and groups first appear instead of the required order.
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
