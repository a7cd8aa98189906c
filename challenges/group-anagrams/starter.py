def group_anagrams(words):
    # Group words that are anagrams of each other; see the statement for the required order.
    return []
