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
	fmt.Println(math.Sqrt(squares / float64(n)))
}
