package main

// Return []int{i, j} with i < j such that nums[i] + nums[j] == target.
func twoSum(nums []int, target int) []int {
	return []int{}
}
