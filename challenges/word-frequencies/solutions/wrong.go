package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

func main() {
	data, _ := io.ReadAll(os.Stdin)
	lines := strings.Split(string(data), "\n")
	n, _ := strconv.Atoi(strings.TrimSpace(lines[0]))
	counts := map[string]int{}
	for i := 1; i <= n && i < len(lines); i++ {
		for _, word := range strings.Fields(lines[i]) {
			counts[strings.ToLower(word)]++
		}
	}
	sorted := make([]string, 0, len(counts))
	for word := range counts {
		sorted = append(sorted, word)
	}
	// Bug: alphabetical order only, not the most frequent first.
	sort.Strings(sorted)
	for _, word := range sorted {
		fmt.Printf("%s %d\n", word, counts[word])
	}
}
