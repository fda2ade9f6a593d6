/** Minimum capacity: binary search on the capacity with a greedy count of the days needed at that capacity. */
export default function solve(weights: number[], days: number): number {
  if (weights.length === 0) return 0;

  const daysNeeded = (capacity: number): number => {
    let used = 1;
    let load = 0;
    for (const weight of weights) {
      if (load + weight > capacity) {
        used++;
        load = 0;
      }
      load += weight;
    }
    return used;
  };

  let lo = Math.max(...weights);
  let hi = weights.reduce((sum, weight) => sum + weight, 0);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (daysNeeded(mid) <= days) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
