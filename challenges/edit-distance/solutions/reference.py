def min_distance(word1, word2):
    # Levenshtein DP keeping one row: prev[j] = distance between word1[:i] and word2[:j].
    prev = list(range(len(word2) + 1))
    for i in range(1, len(word1) + 1):
        cur = [i]
        a = word1[i - 1]
        for j in range(1, len(word2) + 1):
            replace = prev[j - 1] + (0 if a == word2[j - 1] else 1)
            cur.append(min(replace, prev[j] + 1, cur[j - 1] + 1))
        prev = cur
    return prev[len(word2)]
