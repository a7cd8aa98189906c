function trap(height: number[]): number {
  // Bug: only looks at the highest bar to the left, as if an infinite wall stood on the right.
  let leftMax = 0;
  let water = 0;
  for (const h of height) {
    leftMax = Math.max(leftMax, h);
    water += leftMax - h;
  }
  return water;
}
