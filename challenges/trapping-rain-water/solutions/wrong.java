class Solution {
    // Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
    public int trap(int[] height) {
        int leftMax = 0, water = 0;
        for (int h : height) {
            leftMax = Math.max(leftMax, h);
            water += leftMax - h;
        }
        return water;
    }
}
