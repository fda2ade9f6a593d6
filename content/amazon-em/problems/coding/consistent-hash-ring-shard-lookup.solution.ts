/** Consistent-hashing ring: place every virtual node once, sort the ring, then binary-search each key's clockwise successor. */
export default function solve(nodes: string[], replicas: number, keys: string[]): Array<string | null> {
  const ring: Array<{ pos: number; label: string; node: string }> = [];
  for (const node of nodes) {
    for (let i = 0; i < replicas; i++) {
      const label = `${node}#${i}`;
      ring.push({ pos: ringHash(label), label, node });
    }
  }
  ring.sort((a, b) => a.pos - b.pos || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));

  return keys.map((key) => {
    if (ring.length === 0) return null;
    const h = ringHash(key);
    // First ring point with position >= h; past the end wraps to index 0.
    let lo = 0;
    let hi = ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ring[mid].pos < h) lo = mid + 1;
      else hi = mid;
    }
    return ring[lo === ring.length ? 0 : lo].node;
  });
}

/** The prompt's ring hash: 32-bit FNV-1a over the character codes, then the MurmurHash3 finalizer to spread nearby labels. */
function ringHash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
