/** Pooled water: two pointers moving inward, always settling the side whose running maximum is lower. */
export default function solve(heights: number[]): number {
  let lo = 0;
  let hi = heights.length - 1;
  let leftMax = 0;
  let rightMax = 0;
  let water = 0;
  while (lo <= hi) {
    leftMax = Math.max(leftMax, heights[lo]);
    rightMax = Math.max(rightMax, heights[hi]);
    if (leftMax <= rightMax) {
      water += leftMax - heights[lo];
      lo++;
    } else {
      water += rightMax - heights[hi];
      hi--;
    }
  }
  return water;
}
