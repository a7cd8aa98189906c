/* Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right. */
int trap(int* height, int heightSize) {
    int leftMax = 0, water = 0;
    for (int i = 0; i < heightSize; i++) {
        if (height[i] > leftMax) leftMax = height[i];
        water += leftMax - height[i];
    }
    return water;
}
