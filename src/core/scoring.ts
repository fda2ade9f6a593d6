import { planWeekNumber } from './plan';
import { addDays, daysBetween } from './time';

/**
 * Every rule about points and streaks lives here, so /help points and the code cannot disagree.
 * Points reward activity, never how high someone rates themselves.
 */
export const POINTS = {
  /** A daily problem marked done on its own local day. */
  doneOnDay: 10,
  /** A daily problem caught up on a later day. */
  doneLate: 6,
  /** A confidence rating given with a done problem. */
  confidence: 2,
  /** Reaching a streak of N days. */
  streakMilestones: { 3: 5, 7: 15, 14: 30, 30: 60 } as Record<number, number>,
  /** One self-assessment per plan week: every competency rated within the week (see weeklyAssessmentDone). */
  weeklyAssessment: 15,
  /** A goal of the current plan week ticked with `/plan goal N`, once per goal. */
  goal: 5,
} as const;

/** One missed day per seven keeps a streak alive, as streak apps do. */
export const GRACE_WINDOW_DAYS = 7;

export interface Streak {
  current: number;
  best: number;
  lastDate: string | null;
  graceDate: string | null;
}

/** Whether the single day missed after `lastDate` may be forgiven (no grace used in the last week). */
function graceAvailable(s: Streak): boolean {
  if (s.lastDate === null) return false;
  const missed = addDays(s.lastDate, 1);
  return s.graceDate === null || daysBetween(s.graceDate, missed) >= GRACE_WINDOW_DAYS;
}

/** The streak after activity on local day `today`; unchanged when there was already activity today. */
export function advanceStreak(prev: Streak, today: string): Streak {
  const gap = prev.lastDate === null ? Number.POSITIVE_INFINITY : daysBetween(prev.lastDate, today);
  if (gap <= 0) return prev; // already counted today (or a late record for an earlier day)
  if (gap === 1) return extend(prev, today, prev.graceDate);
  if (gap === 2 && graceAvailable(prev)) return extend(prev, today, addDays(today, -1));
  return { current: 1, best: Math.max(prev.best, 1), lastDate: today, graceDate: prev.graceDate };
}

/** The streak as it stands on `today`: zero once the last activity is too long ago to be saved. */
export function currentStreak(s: Streak, today: string): number {
  if (s.lastDate === null) return 0;
  const gap = daysBetween(s.lastDate, today);
  return gap <= 1 || (gap === 2 && graceAvailable(s)) ? s.current : 0;
}

function extend(prev: Streak, today: string, graceDate: string | null): Streak {
  const current = prev.current + 1;
  return { current, best: Math.max(prev.best, current), lastDate: today, graceDate };
}

/** The milestone bonus reached by going from `before` to `after` days, if any. */
export function streakMilestone(before: number, after: number): { days: number; points: number } | null {
  for (const [days, points] of Object.entries(POINTS.streakMilestones)) {
    const n = Number(days);
    if (before < n && after >= n) return { days: n, points };
  }
  return null;
}

/** The first local day of the plan week that contains `today`; the reference of that week's awards. */
export function planWeekStart(cohortStart: string, today: string): string {
  return addDays(cohortStart, (planWeekNumber(cohortStart, today) - 1) * 7);
}

/**
 * Whether a member has earned the week's assessment points: every competency rated within the plan
 * week, all at once or one by one. Rated once, the points come once (the ledger keys them by week).
 */
export function weeklyAssessmentDone(competencies: readonly string[], ratedThisWeek: ReadonlySet<string>): boolean {
  return competencies.every((c) => ratedThisWeek.has(c));
}

/** The ledger reference of goal `n` (1-based) of the plan week starting `weekStart`. */
export function goalReference(weekStart: string, n: number): string {
  return `${goalPrefix(weekStart)}${n}`;
}

/** What every goal reference of that week starts with. */
export function goalPrefix(weekStart: string): string {
  return `${weekStart}:`;
}
