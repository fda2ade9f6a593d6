type Op = [kind: string, key: string, value?: number];

interface Entry {
  key: string;
  value: number;
  prev: Entry | null;
  next: Entry | null;
}

/** LRU cache: hash map from key to a node of a doubly linked list ordered from most to least recently used. */
export default function solve(ops: Op[], capacity: number): Array<number | null> {
  const index = new Map<string, Entry>();
  let head: Entry | null = null; // most recently used
  let tail: Entry | null = null; // least recently used

  const unlink = (e: Entry): void => {
    if (e.prev) e.prev.next = e.next;
    else head = e.next;
    if (e.next) e.next.prev = e.prev;
    else tail = e.prev;
    e.prev = null;
    e.next = null;
  };
  const pushFront = (e: Entry): void => {
    e.next = head;
    if (head) head.prev = e;
    head = e;
    if (!tail) tail = e;
  };

  return ops.map(([kind, key, value]) => {
    const found = index.get(key);
    if (kind === 'get') {
      if (!found) return -1;
      unlink(found);
      pushFront(found);
      return found.value;
    }
    // kind === 'put'
    if (capacity <= 0) return null;
    if (found) {
      found.value = value ?? 0;
      unlink(found);
      pushFront(found);
      return null;
    }
    if (index.size === capacity && tail) {
      const victim: Entry = tail;
      unlink(victim);
      index.delete(victim.key);
    }
    const entry: Entry = { key, value: value ?? 0, prev: null, next: null };
    index.set(key, entry);
    pushFront(entry);
    return null;
  });
}
