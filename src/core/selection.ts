import type { Level, Pack, Problem } from '../content/schema';

/** A stable 32-bit hash (FNV-1a), so groups get different but repeatable orders. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Choice {
  week: number;
  level: Level;
  /** Problems this group has already had in the current cycle. */
  used: ReadonlySet<string>;
  /** Varies the order between groups, e.g. the group id. */
  seed: string;
}

/**
 * Picks the next problem for a plan week. Among unused problems that fit the week and level, the one
 * whose last fitting week comes soonest goes first (earliest deadline), so problems that only fit this
 * block are not crowded out by ones that could still be used later: with seven fitting problems a week,
 * a daily schedule never repeats. Returns null when every problem has been used.
 */
export function chooseProblem(pack: Pack, choice: Choice): Problem | null {
  let best: Problem | null = null;
  let bestRank: number[] = [];
  for (const p of pack.problems) {
    if (choice.used.has(p.id)) continue;
    const fits = p.weeks.includes(choice.week);
    const lastChance = Math.max(0, ...p.weeks.filter((w) => w >= choice.week));
    // Off-focus fallback: take leftovers from past weeks first, and never a future week's scarce problem
    // before one with more slack.
    const urgency = fits ? lastChance : lastChance === 0 ? 0 : 10_000 - lastChance;
    const rank = [fits ? 0 : 1, p.levels.includes(choice.level) ? 0 : 1, urgency, hash(`${choice.seed}:${p.id}`)];
    if (best === null || compareRanks(rank, bestRank) < 0) {
      best = p;
      bestRank = rank;
    }
  }
  return best;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Plays a group's whole plan, `perWeek` problems a week, and returns the weeks where the choice had to
 * leave the week's focus (or found nothing left). Empty means the pack never repeats a problem.
 */
export function simulatePlan(pack: Pack, level: Level, perWeek: number): number[] {
  const used = new Set<string>();
  const short = new Set<number>();
  for (const week of pack.plan.map((w) => w.week)) {
    for (let day = 0; day < perWeek; day++) {
      const p = chooseProblem(pack, { week, level, used, seed: `simulation:${day}` });
      if (!p?.weeks.includes(week)) short.add(week);
      if (p) used.add(p.id);
    }
  }
  return [...short];
}
