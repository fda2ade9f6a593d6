/** Longest consecutive run: hash set of all numbers, walking forward only from numbers whose predecessor is absent. */
export default function solve(orderNumbers: number[]): number {
  const present = new Set(orderNumbers);
  let best = 0;
  for (const start of present) {
    if (present.has(start - 1)) continue;
    let length = 1;
    while (present.has(start + length)) length++;
    best = Math.max(best, length);
  }
  return best;
}
