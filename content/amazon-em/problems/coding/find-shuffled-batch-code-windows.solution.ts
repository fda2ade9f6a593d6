/** Rearranged occurrences: fixed-size window over letter counts with a counter of letters whose counts match. */
export default function solve(feed: string, code: string): number[] {
  const size = code.length;
  const starts: number[] = [];
  if (size === 0 || size > feed.length) return starts;

  const diff = new Array<number>(26).fill(0); // window count minus code count, per letter
  for (const ch of code) diff[ch.charCodeAt(0) - 97]--;
  let matched = diff.filter((d) => d === 0).length;

  const adjust = (letter: number, delta: number): void => {
    if (diff[letter] === 0) matched--;
    diff[letter] += delta;
    if (diff[letter] === 0) matched++;
  };

  for (let right = 0; right < feed.length; right++) {
    adjust(feed.charCodeAt(right) - 97, 1);
    if (right >= size) adjust(feed.charCodeAt(right - size) - 97, -1);
    if (right >= size - 1 && matched === 26) starts.push(right - size + 1);
  }
  return starts;
}
