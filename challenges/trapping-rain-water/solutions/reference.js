// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the judge calls the entry function by name
function trap(height) {
  // Two pointers: the lower side is bounded by its own running maximum, so it can be settled.
  let left = 0;
  let right = height.length - 1;
  let leftMax = 0;
  let rightMax = 0;
  let water = 0;
  while (left < right) {
    if (height[left] < height[right]) {
      leftMax = Math.max(leftMax, height[left]);
      water += leftMax - height[left];
      left++;
    } else {
      rightMax = Math.max(rightMax, height[right]);
      water += rightMax - height[right];
      right--;
    }
  }
  return water;
}
