// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function mergeIntervals(intervals) {
  // Merge overlapping (or touching) [start, end] intervals; return them sorted by start.
  return [];
}
