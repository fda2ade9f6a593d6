/** Intersections of two sorted interval lists: two pointers, always advancing the window that ends first. */
export default function solve(a: number[][], b: number[][]): number[][] {
  const shared: number[][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (start < end) shared.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return shared;
}
