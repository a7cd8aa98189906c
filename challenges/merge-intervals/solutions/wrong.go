package main

import "sort"

// Bug: a strict comparison leaves touching intervals such as [1, 4] and [4, 5] apart.
func mergeIntervals(intervals [][]int) [][]int {
	sorted := append([][]int{}, intervals...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i][0] < sorted[j][0] })
	out := [][]int{}
	for _, interval := range sorted {
		if len(out) > 0 && interval[0] < out[len(out)-1][1] {
			if interval[1] > out[len(out)-1][1] {
				out[len(out)-1][1] = interval[1]
			}
		} else {
			out = append(out, []int{interval[0], interval[1]})
		}
	}
	return out
}
