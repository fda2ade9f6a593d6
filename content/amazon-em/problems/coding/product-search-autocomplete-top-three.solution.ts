interface TrieNode {
  children: Map<string, TrieNode>;
  top: Array<[string, number]>; // best three products under this prefix, in ranking order
}

/** Trie whose every node caches its three best-ranked products, so each typed character is answered in O(1). */
export default function solve(products: Array<[string, number]>, typed: string): string[][] {
  const root: TrieNode = { children: new Map(), top: [] };
  for (const product of products) {
    let node = root;
    for (const ch of product[0]) {
      let child = node.children.get(ch);
      if (!child) {
        child = { children: new Map(), top: [] };
        node.children.set(ch, child);
      }
      node = child;
      offer(node, product);
    }
  }

  const result: string[][] = [];
  let node: TrieNode | undefined = root;
  for (const ch of typed) {
    node = node?.children.get(ch);
    result.push(node ? node.top.map(([name]) => name) : []);
  }
  return result;
}

/** Higher popularity first; equal popularity in alphabetical order. */
function ranksBefore(a: [string, number], b: [string, number]): boolean {
  return a[1] !== b[1] ? a[1] > b[1] : a[0] < b[0];
}

/** Insert a product into a node's top-three list if it ranks high enough. */
function offer(node: TrieNode, product: [string, number]): void {
  const top = node.top;
  let i = top.length;
  while (i > 0 && ranksBefore(product, top[i - 1])) i--;
  if (i < 3) {
    top.splice(i, 0, product);
    if (top.length > 3) top.pop();
  }
}
