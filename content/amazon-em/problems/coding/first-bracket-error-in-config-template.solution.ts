/** First bracket error: a stack of opener positions, checked against each closer; leftovers report the earliest. */
export default function solve(template: string): number {
  const openerFor: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<' };
  const openers = new Set(Object.values(openerFor));
  const open: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (openers.has(ch)) {
      open.push(i);
    } else if (ch in openerFor) {
      const top = open.pop();
      if (top === undefined || template[top] !== openerFor[ch]) return i;
    }
  }
  return open.length > 0 ? open[0] : -1;
}
