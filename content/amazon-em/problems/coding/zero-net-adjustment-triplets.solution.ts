/** Zero-sum triplets: sort, fix the smallest value, then two-pointer search for the remaining pair. */
export default function solve(adjustments: number[]): number[][] {
  const values = [...adjustments].sort((x, y) => x - y);
  const triplets: number[][] = [];
  for (let i = 0; i < values.length - 2; i++) {
    if (values[i] > 0) break;
    if (i > 0 && values[i] === values[i - 1]) continue;
    let lo = i + 1;
    let hi = values.length - 1;
    while (lo < hi) {
      const sum = values[i] + values[lo] + values[hi];
      if (sum < 0) {
        lo++;
      } else if (sum > 0) {
        hi--;
      } else {
        const middle = values[lo];
        const largest = values[hi];
        triplets.push([values[i], middle, largest]);
        while (lo < hi && values[lo] === middle) lo++;
        while (lo < hi && values[hi] === largest) hi--;
      }
    }
  }
  return triplets;
}
