// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function lengthOfLongestSubstring(s) {
  // Sliding window: the window start only ever moves right, past the previous copy of a repeat.
  const lastSeen = new Map();
  let start = 0;
  let best = 0;
  for (let i = 0; i < s.length; i++) {
    const prev = lastSeen.get(s[i]);
    if (prev !== undefined && prev >= start) start = prev + 1;
    lastSeen.set(s[i], i);
    best = Math.max(best, i - start + 1);
  }
  return best;
}
