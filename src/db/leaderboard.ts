import { type Kysely, sql } from 'kysely';
import { currentStreak } from '../core/scoring';
import { periodKey, type Scope } from './points';
import type { DB } from './schema';

/** One ranked member. Ties share a rank (1, 2, 2, 4). */
export interface BoardRow {
  memberId: number;
  userId: string;
  displayName: string;
  points: number;
  rank: number;
  /** The streak as it stands on the board's day (zero once it has lapsed). */
  streak: number;
}

export interface Board {
  scope: Scope;
  /** The rollup period ranked, e.g. `week:2026-11-23`. */
  period: string;
  /** The top of the board, at most `limit` rows, best first. */
  top: BoardRow[];
  /** The asking member's row, also when outside the top; null without points in the period or opted out. */
  me: BoardRow | null;
  /** How many members are ranked (visible and with points in the period). */
  ranked: number;
}

export interface BoardQuery {
  groupId: number;
  scope: Scope;
  /** The group-local date that picks the week or month. */
  today: string;
  limit?: number;
  /** Whose own row to return besides the top. */
  memberId?: number;
}

/**
 * The group's ranking for a period, read from the rollup (one row per member: its cost does not grow
 * with the ledger). Opted-out members are left out before ranking, so ranks have no gaps for them.
 * The weekly digest reuses this.
 */
export async function readLeaderboard(db: Kysely<DB>, q: BoardQuery): Promise<Board> {
  const period = periodKey(q.scope, q.today);
  const limit = q.limit ?? 10;
  const { rows } = await sql<{
    member_id: number;
    user_id: string;
    display_name: string;
    points: number;
    rank: number;
    position: number;
    ranked: number;
    streak_current: number;
    streak_best: number;
    streak_last_date: string | null;
    streak_grace_date: string | null;
  }>`
    WITH ranked AS (
      SELECT r.member_id, r.points, m.user_id, m.display_name,
             m.streak_current, m.streak_best, m.streak_last_date, m.streak_grace_date,
             rank() OVER (ORDER BY r.points DESC) AS rank,
             row_number() OVER (ORDER BY r.points DESC, m.display_name, m.id) AS position,
             count(*) OVER () AS ranked
      FROM points_rollup r
      JOIN members m ON m.id = r.member_id
      WHERE r.group_id = ${q.groupId} AND r.period = ${period} AND r.points > 0 AND NOT m.leaderboard_opt_out
    )
    SELECT * FROM ranked
    WHERE position <= ${limit} OR member_id = ${q.memberId ?? null}
    ORDER BY position`.execute(db);
  const toRow = (r: (typeof rows)[number]): BoardRow => ({
    memberId: Number(r.member_id),
    userId: r.user_id,
    displayName: r.display_name,
    points: Number(r.points),
    rank: Number(r.rank),
    streak: currentStreak(
      { current: r.streak_current, best: r.streak_best, lastDate: r.streak_last_date, graceDate: r.streak_grace_date },
      q.today,
    ),
  });
  const top = rows.filter((r) => Number(r.position) <= limit).map(toRow);
  const mine = rows.find((r) => q.memberId !== undefined && Number(r.member_id) === q.memberId);
  return { scope: q.scope, period, top, me: mine ? toRow(mine) : null, ranked: Number(rows[0]?.ranked ?? 0) };
}
