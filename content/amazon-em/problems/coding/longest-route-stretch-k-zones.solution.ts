/** Longest stretch with at most k distinct zones: sliding window with per-zone counts inside the window. */
export default function solve(zones: number[], k: number): number {
  const inWindow = new Map<number, number>();
  let left = 0;
  let best = 0;
  for (let right = 0; right < zones.length; right++) {
    inWindow.set(zones[right], (inWindow.get(zones[right]) ?? 0) + 1);
    while (inWindow.size > k) {
      const zone = zones[left];
      const count = (inWindow.get(zone) ?? 0) - 1;
      if (count === 0) inWindow.delete(zone);
      else inWindow.set(zone, count);
      left++;
    }
    best = Math.max(best, right - left + 1);
  }
  return best;
}
