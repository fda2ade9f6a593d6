/** Unbounded min-count DP: fewest[u] = 1 + min over box sizes s <= u of fewest[u - s]. */
export default function solve(boxSizes: number[], units: number): number {
  const INF = Number.POSITIVE_INFINITY;
  const fewest = new Array<number>(units + 1).fill(INF);
  fewest[0] = 0;
  for (let u = 1; u <= units; u++) {
    for (const s of boxSizes) {
      if (s <= u && fewest[u - s] + 1 < fewest[u]) fewest[u] = fewest[u - s] + 1;
    }
  }
  return fewest[units] === INF ? -1 : fewest[units];
}
