package main

import (
	"bufio"
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
		words := strings.FieldsFunc(lines[i], func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' })
		for _, word := range words {
			counts[asciiLower(word)]++
		}
	}
	sorted := make([]string, 0, len(counts))
	for word := range counts {
		sorted = append(sorted, word)
	}
	// Go compares strings by their bytes: the byte order of UTF-8 is code-point order.
	sort.Slice(sorted, func(a, b int) bool {
		if counts[sorted[a]] != counts[sorted[b]] {
			return counts[sorted[a]] > counts[sorted[b]]
		}
		return sorted[a] < sorted[b]
	})
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, word := range sorted {
		fmt.Fprintf(out, "%s %d\n", word, counts[word])
	}
}

func asciiLower(word string) string {
	lower := []byte(word)
	for i, c := range lower {
		if c >= 'A' && c <= 'Z' {
			lower[i] = c - 'A' + 'a'
		}
	}
	return string(lower)
}
