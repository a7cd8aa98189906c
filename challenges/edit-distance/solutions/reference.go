package main

// Levenshtein distance over a full table.
func minDistance(word1 string, word2 string) int {
	a, b := []rune(word1), []rune(word2)
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				d[i][j] = d[i-1][j-1]
				continue
			}
			best := d[i-1][j-1] + 1
			if d[i-1][j]+1 < best {
				best = d[i-1][j] + 1
			}
			if d[i][j-1]+1 < best {
				best = d[i][j-1] + 1
			}
			d[i][j] = best
		}
	}
	return d[len(a)][len(b)]
}
