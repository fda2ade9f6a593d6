/** Merge inclusive windows: sort a copy by start, then extend or close the current period in one pass. */
export default function solve(windows: number[][]): number[][] {
  const sorted = windows.map(([start, end]) => [start, end]).sort((a, b) => a[0] - b[0]);
  const periods: number[][] = [];
  for (const [start, end] of sorted) {
    const current = periods[periods.length - 1];
    if (current !== undefined && start <= current[1]) current[1] = Math.max(current[1], end);
    else periods.push([start, end]);
  }
  return periods;
}
