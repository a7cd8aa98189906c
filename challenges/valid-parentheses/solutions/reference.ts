function isValid(s: string): boolean {
  const closerOf: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const stack: string[] = [];
  for (const ch of s) {
    const closer = closerOf[ch];
    if (closer !== undefined) stack.push(closer);
    else if (stack.pop() !== ch) return false;
  }
  return stack.length === 0;
}
