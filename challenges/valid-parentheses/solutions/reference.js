// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function isValid(s) {
  const closerOf = { '(': ')', '[': ']', '{': '}' };
  const stack = [];
  for (const ch of s) {
    if (ch in closerOf) stack.push(closerOf[ch]);
    else if (stack.pop() !== ch) return false;
  }
  return stack.length === 0;
}
