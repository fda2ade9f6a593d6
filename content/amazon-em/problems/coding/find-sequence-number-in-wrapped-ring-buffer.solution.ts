/** Search a rotated sorted array: binary search that keeps whichever half is sorted and contains the target. */
export default function solve(slots: number[], target: number): number {
  let lo = 0;
  let hi = slots.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (slots[mid] === target) return mid;
    if (slots[lo] <= slots[mid]) {
      if (slots[lo] <= target && target < slots[mid]) hi = mid - 1;
      else lo = mid + 1;
    } else if (slots[mid] < target && target <= slots[hi]) {
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return -1;
}
