const WINDOW = 300;

/** Hit counter: a 300-slot circular buffer of (second, count), so memory is fixed however many hits arrive. */
export default function solve(ops: Array<[string, number]>): Array<number | null> {
  const second = new Array<number>(WINDOW).fill(-1);
  const count = new Array<number>(WINDOW).fill(0);

  return ops.map(([kind, ts]) => {
    if (kind === 'hit') {
      const slot = ts % WINDOW;
      if (second[slot] !== ts) {
        second[slot] = ts; // the slot held a second that has left the window: recycle it
        count[slot] = 0;
      }
      count[slot]++;
      return null;
    }
    // kind === 'count': hits in the window (ts - 300, ts]
    let total = 0;
    for (let slot = 0; slot < WINDOW; slot++) {
      if (second[slot] >= 0 && ts - second[slot] < WINDOW) total += count[slot];
    }
    return total;
  });
}
