def min_distance(word1, word2):
    # Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
    return 0
