package main

// Merge overlapping (or touching) [start, end] intervals; return them sorted by start.
func mergeIntervals(intervals [][]int) [][]int {
	return [][]int{}
}
