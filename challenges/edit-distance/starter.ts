function minDistance(word1: string, word2: string): number {
  // Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
  return 0;
}
