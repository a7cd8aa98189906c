package main

// One pass: remember where each value was seen; the first index found is always the smaller.
func twoSum(nums []int, target int) []int {
	seen := map[int]int{}
	for j, value := range nums {
		if i, ok := seen[target-value]; ok {
			return []int{i, j}
		}
		if _, ok := seen[value]; !ok {
			seen[value] = j
		}
	}
	return []int{}
}
