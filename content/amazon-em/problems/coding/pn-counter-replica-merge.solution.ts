type Op = [kind: string, replica: string, arg?: string | number];

interface PnState {
  inc: Map<string, number>;
  dec: Map<string, number>;
}

/** PN-counter: each replica keeps per-replica increment and decrement maps; merge is an element-wise max. */
export default function solve(ops: Op[]): Array<number | null> {
  const replicas = new Map<string, PnState>();
  const stateOf = (id: string): PnState => {
    let s = replicas.get(id);
    if (!s) {
      s = { inc: new Map(), dec: new Map() };
      replicas.set(id, s);
    }
    return s;
  };

  return ops.map((op) => {
    const [kind, replica] = op;
    const s = stateOf(replica);
    if (kind === 'inc' || kind === 'dec') {
      const map = kind === 'inc' ? s.inc : s.dec;
      map.set(replica, (map.get(replica) ?? 0) + Number(op[2]));
      return null;
    }
    if (kind === 'merge') {
      const from = stateOf(String(op[2]));
      mergeInto(s.inc, from.inc);
      mergeInto(s.dec, from.dec);
      return null;
    }
    // kind === 'value'
    return sum(s.inc) - sum(s.dec);
  });
}

function mergeInto(target: Map<string, number>, source: Map<string, number>): void {
  for (const [id, n] of source) target.set(id, Math.max(target.get(id) ?? 0, n));
}

function sum(map: Map<string, number>): number {
  let total = 0;
  for (const n of map.values()) total += n;
  return total;
}
