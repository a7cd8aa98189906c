// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function isValid(s) {
  // Bug: counts each bracket type separately and ignores the order they close in.
  const depth = { '(': 0, '[': 0, '{': 0 };
  const openerOf = { ')': '(', ']': '[', '}': '{' };
  for (const ch of s) {
    if (ch in depth) depth[ch]++;
    else if (--depth[openerOf[ch]] < 0) return false;
  }
  return depth['('] === 0 && depth['['] === 0 && depth['{'] === 0;
}
