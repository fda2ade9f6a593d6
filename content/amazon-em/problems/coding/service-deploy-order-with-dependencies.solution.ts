/** Kahn's topological sort with a min-heap of ready services, giving the alphabetically smallest valid order. */
export default function solve(services: string[], dependencies: Array<[string, string]>): string[] {
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const s of services) {
    indegree.set(s, 0);
    dependents.set(s, []);
  }
  for (const [before, after] of dependencies) {
    dependents.get(before)?.push(after);
    indegree.set(after, (indegree.get(after) ?? 0) + 1);
  }

  const ready = new MinHeap();
  for (const [s, d] of indegree) if (d === 0) ready.push(s);

  const order: string[] = [];
  while (ready.size > 0) {
    const s = ready.pop();
    order.push(s);
    for (const next of dependents.get(s) ?? []) {
      const d = (indegree.get(next) ?? 0) - 1;
      indegree.set(next, d);
      if (d === 0) ready.push(next);
    }
  }
  // Services left with a positive in-degree sit on (or behind) a cycle.
  return order.length === services.length ? order : [];
}

/** A small binary min-heap of strings. */
class MinHeap {
  private items: string[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: string): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent] <= a[i]) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }

  pop(): string {
    const a = this.items;
    const top = a[0];
    const last = a.pop() as string;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l] < a[m]) m = l;
        if (r < a.length && a[r] < a[m]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
