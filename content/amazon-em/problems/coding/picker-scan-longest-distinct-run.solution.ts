/** Longest repeat-free stretch: sliding window that jumps its start past the last sighting of a repeated code. */
export default function solve(scans: string): number {
  const lastSeen = new Map<string, number>();
  let start = 0;
  let best = 0;
  for (let end = 0; end < scans.length; end++) {
    const code = scans[end];
    const previous = lastSeen.get(code);
    if (previous !== undefined && previous >= start) start = previous + 1;
    lastSeen.set(code, end);
    best = Math.max(best, end - start + 1);
  }
  return best;
}
