def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    # Canonical order: words inside a group ascending, groups by their first (smallest) word.
    result = [sorted(group) for group in groups.values()]
    result.sort(key=lambda group: group[0])
    return result
