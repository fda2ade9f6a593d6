/** 0/1 knapsack: best[b] = most savings within budget b; iterate budgets downward so each project is used once. */
export default function solve(projects: Array<[number, number]>, budget: number): number {
  const best = new Array<number>(budget + 1).fill(0);
  for (const [cost, savings] of projects) {
    for (let b = budget; b >= cost; b--) {
      best[b] = Math.max(best[b], best[b - cost] + savings);
    }
  }
  return best[budget];
}
