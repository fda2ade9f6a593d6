/** A binary min-heap of numbers. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number {
    return this.items[0];
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= items[i]) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop() as number;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < items.length && items[left] < items[smallest]) smallest = left;
        if (right < items.length && items[right] < items[smallest]) smallest = right;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest], items[i]];
        i = smallest;
      }
    }
    return top;
  }
}

/** Running median: a max-heap for the lower half and a min-heap for the upper half, kept balanced in size. */
export default function solve(samples: number[]): number[] {
  const lower = new MinHeap(); // stores negated values, so it acts as a max-heap
  const upper = new MinHeap();
  const medians: number[] = [];
  for (const sample of samples) {
    if (lower.size === 0 || sample <= -lower.peek()) lower.push(-sample);
    else upper.push(sample);

    if (lower.size > upper.size + 1) upper.push(-lower.pop());
    else if (upper.size > lower.size) lower.push(-upper.pop());

    const lowerTop = -lower.peek();
    medians.push(lower.size > upper.size ? lowerTop : (lowerTop + upper.peek()) / 2);
  }
  return medians;
}
