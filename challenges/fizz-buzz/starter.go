package main

// Return the strings for 1..n: "Fizz", "Buzz", "FizzBuzz" or the number itself.
func fizzBuzz(n int) []string {
	return []string{}
}
