const NEIGHBOURS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];

/** Connected storage zones: scan the grid and flood-fill each unvisited rack cell with an explicit stack. */
export default function solve(floor: string[]): [number, number] {
  const rows = floor.length;
  const cols = rows > 0 ? floor[0].length : 0;
  const seen: boolean[][] = floor.map((row) => new Array<boolean>(row.length).fill(false));
  let zones = 0;
  let largest = 0;

  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (floor[r][c] !== 'R' || seen[r][c]) continue;
      zones++;
      let size = 0;
      const stack: Array<[number, number]> = [[r, c]];
      seen[r][c] = true;
      while (stack.length > 0) {
        const [y, x] = stack.pop() as [number, number];
        size++;
        for (const [dy, dx] of NEIGHBOURS) {
          const ny = y + dy;
          const nx = x + dx;
          if (ny < 0 || ny >= rows || nx < 0 || nx >= cols) continue;
          if (floor[ny][nx] !== 'R' || seen[ny][nx]) continue;
          seen[ny][nx] = true; // mark on push so no cell is stacked twice
          stack.push([ny, nx]);
        }
      }
      largest = Math.max(largest, size);
    }
  }
  return [zones, largest];
}
