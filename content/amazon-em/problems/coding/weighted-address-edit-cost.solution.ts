/** Weighted edit distance: a DP over prefixes of both strings, kept to two rows of length |target| + 1. */
export default function solve(
  typed: string,
  target: string,
  insertCost: number,
  deleteCost: number,
  replaceCost: number,
): number {
  // prev[j]: cost to turn the first i - 1 characters of typed into the first j characters of target.
  let prev = Array.from({ length: target.length + 1 }, (_, j) => j * insertCost);
  for (let i = 1; i <= typed.length; i++) {
    const cur = new Array<number>(target.length + 1);
    cur[0] = i * deleteCost;
    for (let j = 1; j <= target.length; j++) {
      const same = typed[i - 1] === target[j - 1];
      cur[j] = Math.min(
        prev[j - 1] + (same ? 0 : replaceCost), // keep or replace
        prev[j] + deleteCost, // drop typed[i - 1]
        cur[j - 1] + insertCost, // add target[j - 1]
      );
    }
    prev = cur;
  }
  return prev[target.length];
}
