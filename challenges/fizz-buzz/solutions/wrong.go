package main

import "strconv"

// Bug: tests 3 before 15, so multiples of 15 come out as "Fizz".
func fizzBuzz(n int) []string {
	out := []string{}
	for i := 1; i <= n; i++ {
		switch {
		case i % 3 == 0:
			out = append(out, "Fizz")
		case i % 15 == 0:
			out = append(out, "FizzBuzz")
		case i%5 == 0:
			out = append(out, "Buzz")
		default:
			out = append(out, strconv.Itoa(i))
		}
	}
	return out
}
