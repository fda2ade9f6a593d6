/** Dijkstra from the hub with a binary min-heap of (minutes, node); stale heap entries are skipped. */
export default function solve(
  stations: number,
  roads: Array<[number, number, number]>,
  hub: number,
  destinations: number[],
): number[] {
  const adj: Array<Array<[number, number]>> = Array.from({ length: stations }, () => []);
  for (const [from, to, minutes] of roads) adj[from].push([to, minutes]);

  const best = new Array<number>(stations).fill(Number.POSITIVE_INFINITY);
  best[hub] = 0;
  const heap: Array<[number, number]> = [[0, hub]];

  while (heap.length > 0) {
    const [d, u] = popMin(heap);
    if (d > best[u]) continue; // an outdated entry: u was already settled with a smaller time
    for (const [v, w] of adj[u]) {
      if (d + w < best[v]) {
        best[v] = d + w;
        pushHeap(heap, [d + w, v]);
      }
    }
  }
  return destinations.map((t) => (best[t] === Number.POSITIVE_INFINITY ? -1 : best[t]));
}

function pushHeap(h: Array<[number, number]>, item: [number, number]): void {
  h.push(item);
  let i = h.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (h[p][0] <= h[i][0]) break;
    [h[p], h[i]] = [h[i], h[p]];
    i = p;
  }
}

function popMin(h: Array<[number, number]>): [number, number] {
  const top = h[0];
  const last = h.pop() as [number, number];
  if (h.length > 0) {
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l][0] < h[m][0]) m = l;
      if (r < h.length && h[r][0] < h[m][0]) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i], h[m]];
      i = m;
    }
  }
  return top;
}
