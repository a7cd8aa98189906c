def min_distance(word1, word2):
    # Bug: forgets the replace operation (only inserts and deletes), so it answers
    # len1 + len2 - 2 * LCS, which overcounts whenever a replace would do.
    prev = [0] * (len(word2) + 1)
    for i in range(1, len(word1) + 1):
        cur = [0]
        for j in range(1, len(word2) + 1):
            if word1[i - 1] == word2[j - 1]:
                cur.append(prev[j - 1] + 1)
            else:
                cur.append(max(prev[j], cur[j - 1]))
        prev = cur
    return len(word1) + len(word2) - 2 * prev[len(word2)]
