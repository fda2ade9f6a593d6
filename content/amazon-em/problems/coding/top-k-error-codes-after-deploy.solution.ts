/** Top k frequent codes: count with a hash map, keep the k strongest in a min-heap whose top is the weakest. */
export default function solve(codes: string[], k: number): string[] {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);

  type Entry = [code: string, count: number];
  // true when a is a weaker candidate than b: fewer occurrences, or equal and a larger code.
  const weaker = (a: Entry, b: Entry): boolean => a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]);
  const heap: Entry[] = [];

  const siftUp = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!weaker(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let weakest = i;
      if (left < heap.length && weaker(heap[left], heap[weakest])) weakest = left;
      if (right < heap.length && weaker(heap[right], heap[weakest])) weakest = right;
      if (weakest === i) return;
      [heap[i], heap[weakest]] = [heap[weakest], heap[i]];
      i = weakest;
    }
  };
  const popWeakest = (): Entry => {
    const top = heap[0];
    const last = heap.pop() as Entry;
    if (heap.length > 0) {
      heap[0] = last;
      siftDown(0);
    }
    return top;
  };

  if (k <= 0) return [];
  for (const entry of counts) {
    heap.push(entry);
    siftUp(heap.length - 1);
    if (heap.length > k) popWeakest();
  }
  const result: string[] = [];
  while (heap.length > 0) result.push(popWeakest()[0]);
  return result.reverse();
}
