package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
)

func main() {
	in := bufio.NewReader(os.Stdin)
	var n int
	fmt.Fscan(in, &n)
	values := make([]float64, n)
	for i := range values {
		fmt.Fscan(in, &values[i])
	}
	mean := 0.0
	for _, v := range values {
		mean += v
	}
	mean /= float64(n)
	squares := 0.0
	for _, v := range values {
		squares += (v - mean) * (v - mean)
	}
	fmt.Println(mean)
	// Bug: the sample deviation (n - 1) instead of the population one.
	fmt.Println(math.Sqrt(squares / float64(max(n-1, 1))))
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}
