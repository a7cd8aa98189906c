function trap(height: number[]): number {
  // Two pointers: the lower side is bounded by its own running maximum, so it can be settled.
  let left = 0;
  let right = height.length - 1;
  let leftMax = 0;
  let rightMax = 0;
  let water = 0;
  while (left < right) {
    const l = height[left]!;
    const r = height[right]!;
    if (l < r) {
      leftMax = Math.max(leftMax, l);
      water += leftMax - l;
      left++;
    } else {
      rightMax = Math.max(rightMax, r);
      water += rightMax - r;
      right--;
    }
  }
  return water;
}
