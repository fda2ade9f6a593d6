type Op = [kind: string, key: string, a: string | number, b?: number];

interface History {
  times: number[]; // sorted ascending
  values: string[];
}

/** As-of key-value store: per key, parallel arrays sorted by timestamp; reads use binary search for the floor. */
export default function solve(ops: Op[]): Array<string | null> {
  const store = new Map<string, History>();

  return ops.map(([kind, key, a, b]) => {
    if (kind === 'set') {
      const value = String(a);
      const ts = Number(b);
      let h = store.get(key);
      if (!h) {
        h = { times: [], values: [] };
        store.set(key, h);
      }
      const i = lowerBound(h.times, ts);
      if (h.times[i] === ts) {
        h.values[i] = value; // same timestamp: last write wins
      } else if (i === h.times.length) {
        h.times.push(ts); // the common case: in-order write, O(1)
        h.values.push(value);
      } else {
        h.times.splice(i, 0, ts); // late write: insert in place
        h.values.splice(i, 0, value);
      }
      return null;
    }
    // kind === 'get'
    const h = store.get(key);
    if (!h) return null;
    const ts = Number(a);
    const i = lowerBound(h.times, ts + 1) - 1; // last index with time <= ts
    return i >= 0 ? h.values[i] : null;
  });
}

/** First index whose time is >= target. */
function lowerBound(times: number[], target: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
