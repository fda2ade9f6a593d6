/** Distinct weight pairs with an exact sum: two pointers closing in from both ends of the sorted list. */
export default function solve(weights: number[], target: number): number[][] {
  const pairs: number[][] = [];
  let lo = 0;
  let hi = weights.length - 1;
  while (lo < hi) {
    const sum = weights[lo] + weights[hi];
    if (sum < target) {
      lo++;
    } else if (sum > target) {
      hi--;
    } else {
      const light = weights[lo];
      const heavy = weights[hi];
      pairs.push([light, heavy]);
      while (lo < hi && weights[lo] === light) lo++;
      while (lo < hi && weights[hi] === heavy) hi--;
    }
  }
  return pairs;
}
