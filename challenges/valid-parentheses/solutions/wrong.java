class Solution {
    // Bug: counts each bracket type separately and ignores the order they close in.
    public boolean isValid(String s) {
        int round = 0, square = 0, curly = 0;
        for (char c : s.toCharArray()) {
            if (c == '(') round++;
            if (c == ')' && --round < 0) return false;
            if (c == '[') square++;
            if (c == ']' && --square < 0) return false;
            if (c == '{') curly++;
            if (c == '}' && --curly < 0) return false;
        }
        return round == 0 && square == 0 && curly == 0;
    }
}
