package main

// Bug: j starts at i, so one element can be used twice.
func twoSum(nums []int, target int) []int {
	for i := range nums {
		for j := i; j < len(nums); j++ {
			if nums[i]+nums[j] == target {
				return []int{i, j}
			}
		}
	}
	return []int{}
}
