type VectorClock = Record<string, number>;

/** Vector-clock comparison: one pass over the union of replica ids, tracking whether either side is ever smaller. */
export default function solve(pairs: Array<[VectorClock, VectorClock]>): string[] {
  return pairs.map(([a, b]) => compare(a, b));
}

function compare(a: VectorClock, b: VectorClock): string {
  let aSmaller = false;
  let bSmaller = false;
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const id of ids) {
    const x = a[id] ?? 0;
    const y = b[id] ?? 0;
    if (x < y) aSmaller = true;
    if (x > y) bSmaller = true;
  }
  if (aSmaller && bSmaller) return 'concurrent';
  if (aSmaller) return 'before';
  if (bSmaller) return 'after';
  return 'equal';
}
