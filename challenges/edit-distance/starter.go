package main

// Return the fewest single-character inserts, deletes and replaces turning word1 into word2.
func minDistance(word1 string, word2 string) int {
	return 0
}
