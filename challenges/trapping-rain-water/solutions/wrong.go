package main

// Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
func trap(height []int) int {
	leftMax, water := 0, 0
	for _, h := range height {
		if h > leftMax {
			leftMax = h
		}
		water += leftMax - h
	}
	return water
}
