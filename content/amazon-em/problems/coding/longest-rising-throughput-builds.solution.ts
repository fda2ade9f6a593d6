/** Patience sorting: tails[k] is the smallest last value of any strictly rising chain of length k + 1. */
export default function solve(throughput: number[]): number {
  const tails: number[] = [];
  for (const x of throughput) {
    // First tail >= x: x extends the chain before it, or replaces it with a smaller ending.
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}
