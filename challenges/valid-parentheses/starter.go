package main

// Return true when every bracket in s is closed by the same type, in the right order.
func isValid(s string) bool {
	return false
}
