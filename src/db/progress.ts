import type { Kysely } from 'kysely';
import { addDays } from '../core/time';
import { periodKey, SCOPES, type Scope } from './points';
import type { DB } from './schema';

/** Whether a member shows on the leaderboard (and in the digest's top). */
export async function setLeaderboardOptOut(db: Kysely<DB>, memberId: number, optOut: boolean): Promise<void> {
  await db.updateTable('members').set({ leaderboard_opt_out: optOut }).where('id', '=', memberId).execute();
}

/** A member's points in the week, month and all time around `today` (group-local), from the rollup. */
export async function pointsByScope(
  db: Kysely<DB>,
  groupId: number,
  memberId: number,
  today: string,
): Promise<Record<Scope, number>> {
  const keys = SCOPES.map((s) => periodKey(s, today));
  const rows = await db
    .selectFrom('points_rollup')
    .select(['period', 'points'])
    .where('group_id', '=', groupId)
    .where('member_id', '=', memberId)
    .where('period', 'in', keys)
    .execute();
  const byKey = new Map(rows.map((r) => [r.period, Number(r.points)]));
  return { week: byKey.get(keys[0] ?? '') ?? 0, month: byKey.get(keys[1] ?? '') ?? 0, all: byKey.get('all') ?? 0 };
}

/** The problems a member has marked done, with the local day. */
export async function doneProblems(db: Kysely<DB>, memberId: number): Promise<{ problemId: string; date: string }[]> {
  const rows = await db
    .selectFrom('completions')
    .select(['problem_id', 'local_date'])
    .where('member_id', '=', memberId)
    .orderBy('local_date')
    .execute();
  return rows.map((r) => ({ problemId: r.problem_id, date: r.local_date }));
}

/** The references of a member's awards for `reason` that start with `prefix` (e.g. the goals ticked in a week). */
export async function awardedReferences(
  db: Kysely<DB>,
  memberId: number,
  reason: string,
  prefix: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('points')
    .select('reference')
    .where('member_id', '=', memberId)
    .where('reason', '=', reason)
    .where('reference', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .execute();
  return rows.map((r) => r.reference);
}

export interface GroupDay {
  date: string;
  /** Problems marked done that day. */
  done: number;
  /** Members who marked at least one problem done that day. */
  members: number;
}

/** Seven group-local days from `from`, with what the group did each day; for the digest's week chart. */
export async function groupWeek(db: Kysely<DB>, groupId: number, from: string): Promise<GroupDay[]> {
  const to = addDays(from, 6);
  const rows = await db
    .selectFrom('completions')
    .select((eb) => [
      'local_date',
      eb.fn.countAll<number>().as('done'),
      eb.fn.count<number>('member_id').distinct().as('members'),
    ])
    .where('group_id', '=', groupId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .groupBy('local_date')
    .execute();
  const byDate = new Map(rows.map((r) => [r.local_date, r]));
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(from, i);
    const r = byDate.get(date);
    return { date, done: Number(r?.done ?? 0), members: Number(r?.members ?? 0) };
  });
}
