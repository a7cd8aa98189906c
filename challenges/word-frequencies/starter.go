package main

import (
	"bufio"
	"os"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Scan()
	// Print each word and how often it occurs, most frequent first.
}
