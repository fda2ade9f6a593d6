import type { Group, PostKind } from '../db/schema';
import { planWeekNumber } from './plan';
import { addDays, daysBetween, localParts, weekdayOf } from './time';

/** How far back a tick looks for posts it has not yet handled (recorded as skipped when outdated). */
export const LOOKBACK_DAYS = 7;
/** A digest is still worth posting this long after it was due. */
export const DIGEST_GRACE_MS = 24 * 3_600_000;

function offsetMinutes(instant: number, timeZone: string): number {
  const p = localParts(new Date(instant), timeZone);
  const [y, m, d] = p.date.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) + p.minutes * 60_000;
  return Math.round((wall - (instant - (instant % 60_000))) / 60_000);
}

/**
 * The instant when the wall clock in `timeZone` shows `date` `time`. A time skipped by a DST change
 * (02:30 on a spring-forward night) maps to the first instant after the gap; a time that occurs twice
 * maps to the first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  // Every tick asks this for every group and day; thousands of groups share a few zones and times.
  const key = `${timeZone}|${date}|${time}`;
  const hit = instants.get(key);
  if (hit !== undefined) return new Date(hit);
  if (instants.size > 50_000) instants.clear();
  const at = computeInstant(date, time, timeZone);
  instants.set(key, at.getTime());
  return at;
}

const instants = new Map<string, number>();

function computeInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const naive = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const candidates = new Set<number>();
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    candidates.add(naive - offsetMinutes(probe, timeZone) * 60_000);
  }
  const sorted = [...candidates].sort((a, b) => a - b);
  const exact = sorted.find((t) => {
    const p = localParts(new Date(t), timeZone);
    return p.date === date && p.time === time;
  });
  if (exact !== undefined) return new Date(exact);
  // In a DST gap: the wall clock jumps over `time`; post at the first instant after it.
  const after = sorted.find((t) => {
    const p = localParts(new Date(t), timeZone);
    return p.date > date || (p.date === date && p.time > time);
  });
  return new Date(after ?? naive);
}

/** A post a group is owed: `relevant` false means it is too late to send and is recorded as skipped. */
export interface DuePost {
  kind: PostKind;
  periodKey: string;
  /** The local date the post belongs to (the daily's day, the milestone's first day, the digest's day). */
  localDate: string;
  dueAt: Date;
  relevant: boolean;
  /** For milestones: the plan week. */
  week?: number;
}

export type ScheduledGroup = Pick<
  Group,
  'timezone' | 'post_time' | 'digest_weekday' | 'digest_time' | 'cohort_start' | 'created_at' | 'paused'
>;

/**
 * Every post due for a group at `now` within the look-back: the daily problem at the post time, the
 * milestone on the first day of each plan week, the digest on its day and time. Nothing is owed for
 * times before the group existed or before its cohort started, and a paused group is owed nothing.
 */
export function duePosts(group: ScheduledGroup, now: Date, planLength: number): DuePost[] {
  if (group.paused) return [];
  const today = localParts(now, group.timezone).date;
  const due: DuePost[] = [];
  const owed = (dueAt: Date) => dueAt.getTime() <= now.getTime() && dueAt.getTime() >= group.created_at.getTime();

  for (let back = LOOKBACK_DAYS; back >= 0; back--) {
    const date = addDays(today, -back);
    if (date < group.cohort_start) continue;
    const dueAt = zonedInstant(date, group.post_time, group.timezone);
    if (owed(dueAt)) due.push({ kind: 'daily', periodKey: date, localDate: date, dueAt, relevant: date === today });
  }

  const week = planWeekNumber(group.cohort_start, today);
  for (const n of [week - 1, week]) {
    if (n < 1 || n > planLength) continue;
    const first = addDays(group.cohort_start, (n - 1) * 7);
    const dueAt = zonedInstant(first, group.post_time, group.timezone);
    if (owed(dueAt))
      due.push({
        kind: 'milestone',
        periodKey: `${group.cohort_start}:week-${n}`,
        localDate: first,
        dueAt,
        relevant: n === week,
        week: n,
      });
  }

  const lastDigestDay = addDays(today, -((weekdayOf(today) - group.digest_weekday + 7) % 7));
  for (const date of [addDays(lastDigestDay, -7), lastDigestDay]) {
    const dueAt = zonedInstant(date, group.digest_time, group.timezone);
    if (owed(dueAt) && date >= group.cohort_start && daysBetween(date, today) <= LOOKBACK_DAYS)
      due.push({
        kind: 'digest',
        periodKey: date,
        localDate: date,
        dueAt,
        relevant: now.getTime() - dueAt.getTime() < DIGEST_GRACE_MS,
      });
  }
  return due;
}

/** Whether a claimed post may still be sent at `now` (a retry after downtime may find it outdated). */
export function stillRelevant(
  group: ScheduledGroup,
  post: { kind: PostKind; period_key: string; due_at: Date | null },
  now: Date,
): boolean {
  const today = localParts(now, group.timezone).date;
  switch (post.kind) {
    case 'daily':
      return post.period_key === today;
    case 'milestone': {
      const week = planWeekNumber(group.cohort_start, today);
      return post.period_key === `${group.cohort_start}:week-${week}`;
    }
    case 'digest':
      return post.due_at !== null && now.getTime() - post.due_at.getTime() < DIGEST_GRACE_MS;
  }
}

/** The first instant after `after` when something falls due for the group (for jumping through time). */
export function nextDueInstant(group: ScheduledGroup, after: Date): Date | null {
  if (group.paused) return null;
  const today = localParts(after, group.timezone).date;
  let best: number | null = null;
  for (let ahead = 0; ahead <= 7; ahead++) {
    const date = addDays(today, ahead);
    const times = [group.post_time, ...(weekdayOf(date) === group.digest_weekday ? [group.digest_time] : [])];
    for (const time of times) {
      const t = zonedInstant(date, time, group.timezone).getTime();
      if (t > after.getTime() && (best === null || t < best)) best = t;
    }
    if (best !== null) break;
  }
  return best === null ? null : new Date(best);
}
