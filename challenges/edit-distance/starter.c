/* Return the fewest single-character inserts, deletes and replaces turning word1 into word2. */
int minDistance(char* word1, char* word2) {
    return 0;
}
