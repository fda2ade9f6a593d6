/** Online union-find with path halving and union by size; after each link report segment count and largest segment. */
export default function solve(hosts: number, links: Array<[number, number]>): Array<[number, number]> {
  const parent = Array.from({ length: hosts }, (_, i) => i);
  const size = new Array<number>(hosts).fill(1);
  let segments = hosts;
  let largest = hosts > 0 ? 1 : 0;

  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving
      x = parent[x];
    }
    return x;
  };

  return links.map(([a, b]) => {
    let ra = find(a);
    let rb = find(b);
    if (ra !== rb) {
      if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
      parent[rb] = ra;
      size[ra] += size[rb];
      segments--;
      largest = Math.max(largest, size[ra]);
    }
    return [segments, largest];
  });
}
