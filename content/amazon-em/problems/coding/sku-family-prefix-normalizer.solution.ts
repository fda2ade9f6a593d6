interface TrieNode {
  children: Map<string, TrieNode>;
  isFamily: boolean;
}

/** Trie of family prefixes; each SKU walks down it and stops at the first node that ends a family. */
export default function solve(families: string[], manifest: string): string {
  const root: TrieNode = { children: new Map(), isFamily: false };
  for (const family of families) {
    let node = root;
    for (const ch of family) {
      let child = node.children.get(ch);
      if (!child) {
        child = { children: new Map(), isFamily: false };
        node.children.set(ch, child);
      }
      node = child;
    }
    node.isFamily = true;
  }

  if (manifest === '') return '';
  return manifest
    .split(' ')
    .map((sku) => {
      let node = root;
      for (let i = 0; i < sku.length; i++) {
        const child = node.children.get(sku[i]);
        if (!child) return sku; // no family is a prefix of this SKU
        node = child;
        if (node.isFamily) return sku.slice(0, i + 1); // the shortest family wins
      }
      return sku;
    })
    .join(' ');
}
