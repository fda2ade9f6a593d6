import type { Pack, PlanWeek } from '../content/schema';
import { daysBetween } from './time';

/**
 * The plan week a group is in on a local date: 1 in the cohort's first seven days. Below 1 the cohort
 * has not started yet; above the plan's length it has finished.
 */
export function planWeekNumber(cohortStart: string, today: string): number {
  return Math.floor(daysBetween(cohortStart, today) / 7) + 1;
}

/** The plan entry to study from: week 1 before the start, the last week after the end. */
export function effectiveWeek(pack: Pack, weekNumber: number): PlanWeek {
  const index = Math.min(Math.max(weekNumber, 1), pack.plan.length) - 1;
  const week = pack.plan[index];
  if (!week) throw new Error(`pack ${pack.meta.id} has no plan weeks`);
  return week;
}
