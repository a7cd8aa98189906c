class Solution {
    // height[i] is the bar at position i (width 1): return how many units of water are trapped.
    public int trap(int[] height) {
        return 0;
    }
}
