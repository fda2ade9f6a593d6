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
 * The group's ranking for a period, read from the rollup along the index (group, period, points DESC):
 * the top is the first rows of that index, the caller's rank one count over it, so the cost depends on
 * the group's size, never on how long the ledger has grown. Opted-out members are left out before
 * ranking, so ranks have no gaps for them. The weekly digest reuses this.
 */
export async function readLeaderboard(db: Kysely<DB>, q: BoardQuery): Promise<Board> {
  const period = periodKey(q.scope, q.today);
  const limit = q.limit ?? 10;
  const { rows } = await sql<{
    member_id: number;
    points: number;
    rank: number;
    position: number | null;
    ranked: number;
    user_id: string;
    display_name: string;
    streak_current: number;
    streak_best: number;
    streak_last_date: string | null;
    streak_grace_date: string | null;
  }>`
    WITH hidden AS (
      SELECT coalesce(array_agg(id), '{}') AS ids FROM members WHERE group_id = ${q.groupId} AND leaderboard_opt_out
    ), visible AS NOT MATERIALIZED (
      SELECT r.member_id, r.points FROM points_rollup r, hidden
      WHERE r.group_id = ${q.groupId} AND r.period = ${period} AND r.points > 0 AND r.member_id <> ALL (hidden.ids)
    ), top AS (
      SELECT member_id, points, rank() OVER (ORDER BY points DESC) AS rank,
             row_number() OVER (ORDER BY points DESC, member_id) AS position
      FROM (SELECT member_id, points FROM visible ORDER BY points DESC, member_id LIMIT ${limit}) t
    ), mine AS (
      SELECT v.member_id, v.points, 1 + (SELECT count(*) FROM visible w WHERE w.points > v.points) AS rank,
             NULL::bigint AS position
      FROM visible v WHERE v.member_id = ${q.memberId ?? null}
    )
    SELECT x.*, (SELECT count(*) FROM visible) AS ranked, m.user_id, m.display_name,
           m.streak_current, m.streak_best, m.streak_last_date, m.streak_grace_date
    FROM (SELECT * FROM top UNION ALL SELECT * FROM mine) x JOIN members m ON m.id = x.member_id
    ORDER BY x.position NULLS LAST`.execute(db);
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
  const top = rows.filter((r) => r.position !== null).map(toRow);
  // Tied members read alphabetically; which of them make the cut is settled by the index order.
  top.sort((a, b) => a.rank - b.rank || a.displayName.localeCompare(b.displayName));
  const mine = rows.find((r) => r.position === null);
  return { scope: q.scope, period, top, me: mine ? toRow(mine) : null, ranked: Number(rows[0]?.ranked ?? 0) };
}
