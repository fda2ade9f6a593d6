/** Days until a busier day: a monotonic stack of unresolved days, resolved when a strictly busier day arrives. */
export default function solve(volumes: number[]): number[] {
  const wait = new Array<number>(volumes.length).fill(0);
  const waiting: number[] = [];
  for (let day = 0; day < volumes.length; day++) {
    while (waiting.length > 0 && volumes[day] > volumes[waiting[waiting.length - 1]]) {
      const earlier = waiting.pop() as number;
      wait[earlier] = day - earlier;
    }
    waiting.push(day);
  }
  return wait;
}
