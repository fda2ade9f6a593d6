const NEIGHBOURS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/** Breadth-first search over (row, column, clearances used): the first time E is dequeued is the fewest moves. */
export default function solve(floor: string[], clearances: number): number {
  const rows = floor.length;
  const cols = rows > 0 ? floor[0].length : 0;
  let start: [number, number] | null = null;
  let end: [number, number] | null = null;
  for (let r = 0; r < rows; r++) {
    const s = floor[r].indexOf('S');
    if (s >= 0) start = [r, s];
    const e = floor[r].indexOf('E');
    if (e >= 0) end = [r, e];
  }
  if (!start || !end) return -1;
  // A straight Manhattan route crosses at most (distance - 1) cells before E, so more clearances never help.
  const distance = Math.abs(start[0] - end[0]) + Math.abs(start[1] - end[1]);
  const budget = Math.min(clearances, Math.max(0, distance - 1));

  // seen[r][c][k]: the unit has stood on (r, c) having used k clearances.
  const seen = Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => new Array<boolean>(budget + 1).fill(false)),
  );
  let frontier: Array<[number, number, number]> = [[start[0], start[1], 0]];
  seen[start[0]][start[1]][0] = true;

  for (let steps = 0; frontier.length > 0; steps++) {
    const next: Array<[number, number, number]> = [];
    for (const [r, c, used] of frontier) {
      if (floor[r][c] === 'E') return steps;
      for (const [dr, dc] of NEIGHBOURS) {
        const nr = r + dr;
        const nc = c + dc;
        if (nr < 0 || nr >= rows || nc < 0 || nc >= cols) continue;
        const k = used + (floor[nr][nc] === '#' ? 1 : 0);
        if (k > budget || seen[nr][nc][k]) continue;
        seen[nr][nc][k] = true;
        next.push([nr, nc, k]);
      }
    }
    frontier = next;
  }
  return -1;
}
