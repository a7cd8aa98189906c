/* Two pointers: the lower side's running maximum bounds the water above it. */
int trap(int* height, int heightSize) {
    int lo = 0, hi = heightSize - 1, leftMax = 0, rightMax = 0, water = 0;
    while (lo < hi) {
        if (height[lo] < height[hi]) {
            if (height[lo] > leftMax) leftMax = height[lo]; else water += leftMax - height[lo];
            lo++;
        } else {
            if (height[hi] > rightMax) rightMax = height[hi]; else water += rightMax - height[hi];
            hi--;
        }
    }
    return water;
}
