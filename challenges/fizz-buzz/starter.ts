function fizzBuzz(n: number): string[] {
  // Return the strings for 1..n: "Fizz", "Buzz", "FizzBuzz" or the number itself.
  return [];
}
