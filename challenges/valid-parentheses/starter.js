// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function isValid(s) {
  // Return true when every bracket in s is closed by the same type, in the right order.
  return false;
}
