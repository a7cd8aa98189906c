type Interval = [number, number];

function mergeIntervals(intervals: number[][]): number[][] {
  const sorted: Interval[] = intervals.map(([s, e]): Interval => [s!, e!]).sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
