/** Peak overlap: sweep sorted arrival and departure times, releasing doors before assigning them on ties. */
export default function solve(bookings: number[][]): number {
  const arrivals = bookings.map((b) => b[0]).sort((a, b) => a - b);
  const departures = bookings.map((b) => b[1]).sort((a, b) => a - b);
  let atDock = 0;
  let peak = 0;
  let leaving = 0;
  for (const arrival of arrivals) {
    while (leaving < departures.length && departures[leaving] <= arrival) {
      leaving++;
      atDock--;
    }
    atDock++;
    peak = Math.max(peak, atDock);
  }
  return peak;
}
