function trap(height: number[]): number {
  // height[i] is the bar at position i (width 1): return how many units of water are trapped.
  return 0;
}
