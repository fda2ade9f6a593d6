type Op = [kind: string, key: string, value?: number];

/** LFU cache: key -> (value, frequency) plus one insertion-ordered set of keys per frequency and the minimum frequency. */
export default function solve(ops: Op[], capacity: number): Array<number | null> {
  const entries = new Map<string, { value: number; freq: number }>();
  const buckets = new Map<number, Set<string>>(); // each Set iterates oldest-touched first
  let minFreq = 0;

  const addToBucket = (key: string, freq: number): void => {
    let bucket = buckets.get(freq);
    if (!bucket) {
      bucket = new Set();
      buckets.set(freq, bucket);
    }
    bucket.add(key);
  };
  const touch = (key: string, entry: { value: number; freq: number }): void => {
    const bucket = buckets.get(entry.freq);
    bucket?.delete(key);
    if (bucket && bucket.size === 0) {
      buckets.delete(entry.freq);
      if (minFreq === entry.freq) minFreq = entry.freq + 1;
    }
    entry.freq++;
    addToBucket(key, entry.freq);
  };

  return ops.map(([kind, key, value]) => {
    const entry = entries.get(key);
    if (kind === 'get') {
      if (!entry) return -1;
      touch(key, entry);
      return entry.value;
    }
    // kind === 'put'
    if (capacity <= 0) return null;
    if (entry) {
      entry.value = value ?? 0;
      touch(key, entry);
      return null;
    }
    if (entries.size === capacity) {
      const bucket = buckets.get(minFreq);
      const victim = bucket?.values().next().value;
      if (bucket && victim !== undefined) {
        bucket.delete(victim);
        if (bucket.size === 0) buckets.delete(minFreq);
        entries.delete(victim);
      }
    }
    entries.set(key, { value: value ?? 0, freq: 1 });
    addToBucket(key, 1);
    minFreq = 1;
    return null;
  });
}
