function isValid(s: string): boolean {
  // Bug: counts each bracket type separately and ignores the order they close in.
  const depth: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  const openerOf: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (const ch of s) {
    const opener = openerOf[ch];
    if (opener === undefined) depth[ch] = (depth[ch] ?? 0) + 1;
    else if ((depth[opener] = (depth[opener] ?? 0) - 1) < 0) return false;
  }
  return depth['('] === 0 && depth['['] === 0 && depth['{'] === 0;
}
