def length_of_longest_substring(s):
    # Return the length of the longest substring of s with no repeated character.
    return 0
