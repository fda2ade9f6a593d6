/** Windows with sum k: running prefix total plus a hash map counting earlier prefixes equal to total - k. */
export default function solve(changes: number[], k: number): number {
  const seen = new Map<number, number>([[0, 1]]);
  let total = 0;
  let windows = 0;
  for (const change of changes) {
    total += change;
    windows += seen.get(total - k) ?? 0;
    seen.set(total, (seen.get(total) ?? 0) + 1);
  }
  return windows;
}
