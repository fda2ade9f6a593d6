import { type Kysely, sql, type Transaction } from 'kysely';
import { mondayOf } from '../core/time';
import type { DB } from './schema';

export interface Award {
  memberId: number;
  groupId: number;
  /** Why, e.g. `done`, `confidence`, `streak` */
  reason: string;
  /** What for, e.g. the problem id; (member, reason, reference) is awarded at most once. */
  reference: string;
  points: number;
  localDate: string;
}

/** The periods a leaderboard ranks over; weeks run Monday to Sunday and months by the calendar, group-local. */
export type Scope = 'week' | 'month' | 'all';
export const SCOPES: readonly Scope[] = ['week', 'month', 'all'];

/** The rollup key of the period of `scope` that contains the group-local date `localDate`. */
export function periodKey(scope: Scope, localDate: string): string {
  switch (scope) {
    case 'week':
      return `week:${mondayOf(localDate)}`;
    case 'month':
      return `month:${localDate.slice(0, 7)}`;
    case 'all':
      return 'all';
  }
}

/**
 * Records an award unless the same one exists; returns whether it was new. The ledger row and the
 * leaderboard rollup (migrations/0003) are written by one statement, so every award path keeps the
 * rollup right and a duplicate changes neither.
 */
export async function award(db: Kysely<DB> | Transaction<DB>, a: Award): Promise<boolean> {
  const periods = SCOPES.map((s) => periodKey(s, a.localDate));
  const result = await sql<{ member_id: number }>`
    WITH ins AS (
      INSERT INTO points (member_id, group_id, reason, reference, points, local_date)
      VALUES (${a.memberId}, ${a.groupId}, ${a.reason}, ${a.reference}, ${a.points}, ${a.localDate})
      ON CONFLICT (member_id, reason, reference) DO NOTHING
      RETURNING member_id, group_id, points
    )
    INSERT INTO points_rollup AS r (group_id, member_id, period, points)
    SELECT ins.group_id, ins.member_id, k.period, ins.points
    FROM ins CROSS JOIN unnest(${periods}::text[]) AS k (period)
    ON CONFLICT (group_id, period, member_id) DO UPDATE SET points = r.points + excluded.points
    RETURNING r.member_id`.execute(db);
  return result.rows.length > 0;
}

export async function totalPoints(db: Kysely<DB>, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('points')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('total'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
