import { type Kysely, sql } from 'kysely';
import type { DB, Member } from './schema';

export interface RatingAverage {
  competency: string;
  average: number;
  raters: number;
}

/** Average of each member's latest self-rating per competency as of `at`, with how many members rated. */
export async function ratingAverages(db: Kysely<DB>, groupId: number, at: Date): Promise<RatingAverage[]> {
  const rows = await sql<{ competency: string; average: number; raters: number }>`
    SELECT competency, avg(rating)::float8 AS average, count(*)::int AS raters
    FROM (
      SELECT DISTINCT ON (r.member_id, r.competency) r.competency, r.rating
      FROM ratings r JOIN members m ON m.id = r.member_id
      WHERE m.group_id = ${groupId} AND r.rated_at <= ${at}
      ORDER BY r.member_id, r.competency, r.rated_at DESC
    ) latest
    GROUP BY competency`.execute(db);
  return rows.rows.map((r) => ({ competency: r.competency, average: Number(r.average), raters: Number(r.raters) }));
}

/** A group's members with the local date of their last completion (null if none). */
export async function membersWithLastActivity(
  db: Kysely<DB>,
  groupId: number,
): Promise<Array<Member & { last_done: string | null }>> {
  return db
    .selectFrom('members')
    .selectAll('members')
    .select((eb) =>
      eb
        .selectFrom('completions')
        .select((e) => e.fn.max('completions.local_date').as('d'))
        .whereRef('completions.member_id', '=', 'members.id')
        .as('last_done'),
    )
    .where('group_id', '=', groupId)
    .orderBy('id')
    .execute() as Promise<Array<Member & { last_done: string | null }>>;
}
