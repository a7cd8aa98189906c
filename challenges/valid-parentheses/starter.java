class Solution {
    // Return true when every bracket in s is closed by the same type, in the right order.
    public boolean isValid(String s) {
        return false;
    }
}
