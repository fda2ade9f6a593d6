/** K-way merge: a min-heap holding the current head of each region, refilled from the region it came from. */
export default function solve(regions: number[][]): number[] {
  type Head = [value: number, region: number, index: number];
  const heap: Head[] = [];

  const push = (head: Head): void => {
    heap.push(head);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent][0] <= heap[i][0]) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const pop = (): Head => {
    const top = heap[0];
    const last = heap.pop() as Head;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left][0] < heap[smallest][0]) smallest = left;
        if (right < heap.length && heap[right][0] < heap[smallest][0]) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  };

  regions.forEach((events, region) => {
    if (events.length > 0) push([events[0], region, 0]);
  });
  const timeline: number[] = [];
  while (heap.length > 0) {
    const [value, region, index] = pop();
    timeline.push(value);
    const next = index + 1;
    if (next < regions[region].length) push([regions[region][next], region, next]);
  }
  return timeline;
}
