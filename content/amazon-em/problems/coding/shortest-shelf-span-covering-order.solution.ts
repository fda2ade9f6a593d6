/** Shortest covering range: expand the right end, contract the left end while a "missing units" counter stays at zero. */
export default function solve(shelves: string[], order: string[]): [number, number] | null {
  const need = new Map<string, number>();
  for (const sku of order) need.set(sku, (need.get(sku) ?? 0) + 1);

  let missing = order.length;
  let best: [number, number] | null = null;
  let left = 0;
  for (let right = 0; right < shelves.length; right++) {
    const added = shelves[right];
    const stillNeeded = need.get(added);
    if (stillNeeded === undefined) continue;
    if (stillNeeded > 0) missing--;
    need.set(added, stillNeeded - 1);

    while (missing === 0) {
      if (best === null || right - left < best[1] - best[0]) best = [left, right];
      const removed = shelves[left];
      const count = need.get(removed);
      if (count !== undefined) {
        need.set(removed, count + 1);
        if (count + 1 > 0) missing++;
      }
      left++;
    }
  }
  return best;
}
