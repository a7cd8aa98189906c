package main

// height[i] is the bar at position i (width 1): return how many units of water are trapped.
func trap(height []int) int {
	return 0
}
