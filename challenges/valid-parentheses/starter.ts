function isValid(s: string): boolean {
  // Return true when every bracket in s is closed by the same type, in the right order.
  return false;
}
