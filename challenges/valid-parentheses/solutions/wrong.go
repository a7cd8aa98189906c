package main

// Bug: counts each bracket type separately and ignores the order they close in.
func isValid(s string) bool {
	opener := map[rune]rune{')': '(', ']': '[', '}': '{'}
	depth := map[rune]int{}
	for _, c := range s {
		switch c {
		case '(', '[', '{':
			depth[c]++
		case ')', ']', '}':
			depth[opener[c]]--
			if depth[opener[c]] < 0 {
				return false
			}
		}
	}
	return depth['('] == 0 && depth['['] == 0 && depth['{'] == 0
}
