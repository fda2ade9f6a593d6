/** Window bounds in a sorted log: two lower-bound binary searches, for from and for to + 1. */
export default function solve(timestamps: number[], from: number, to: number): [number, number] | null {
  const lowerBound = (value: number): number => {
    let lo = 0;
    let hi = timestamps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (timestamps[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = lowerBound(from);
  const last = lowerBound(to + 1) - 1;
  return first <= last ? [first, last] : null;
}
