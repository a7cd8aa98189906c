class Solution {
    // Merge overlapping (or touching) [start, end] intervals; return them sorted by start.
    public int[][] mergeIntervals(int[][] intervals) {
        return new int[0][];
    }
}
