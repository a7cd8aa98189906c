// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function minDistance(word1, word2) {
  // Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
  return 0;
}
