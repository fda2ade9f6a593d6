/** Anagram groups: bucket labels by a letter-count key, then sort each group and order groups by their first label. */
export default function solve(labels: string[]): string[][] {
  const byLetters = new Map<string, string[]>();
  for (const label of labels) {
    const counts = new Array<number>(26).fill(0);
    for (let i = 0; i < label.length; i++) counts[label.charCodeAt(i) - 97]++;
    const key = counts.join('#');
    const bucket = byLetters.get(key);
    if (bucket) bucket.push(label);
    else byLetters.set(key, [label]);
  }
  const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const groups = [...byLetters.values()].map((group) => group.sort(byCodeUnit));
  return groups.sort((a, b) => byCodeUnit(a[0], b[0]));
}
