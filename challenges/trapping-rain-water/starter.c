/* height[i] is the bar at position i (width 1): return how many units of water are trapped. */
int trap(int* height, int heightSize) {
    return 0;
}
