// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function fizzBuzz(n) {
  // Return the strings for 1..n: "Fizz", "Buzz", "FizzBuzz" or the number itself.
  return [];
}
