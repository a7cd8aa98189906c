function mergeIntervals(intervals: number[][]): number[][] {
  // Merge overlapping (or touching) [start, end] intervals; return them sorted by start.
  return [];
}
