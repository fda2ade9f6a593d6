import { type Kysely, sql } from 'kysely';
import type { DB } from './schema';

/** Completions and distinct active members of a group between two local dates, inclusive. */
export async function groupActivity(db: Kysely<DB>, groupId: number, from: string, to: string) {
  const row = await db
    .selectFrom('completions')
    .select([sql<number>`count(*)`.as('done'), sql<number>`count(DISTINCT member_id)`.as('active')])
    .where('group_id', '=', groupId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .executeTakeFirstOrThrow();
  return { done: Number(row.done), active: Number(row.active) };
}

/** Plan-week goals ticked by members of a group between two local dates. */
export async function goalsTicked(db: Kysely<DB>, groupId: number, from: string, to: string): Promise<number> {
  const row = await db
    .selectFrom('points')
    .select(sql<number>`count(*)`.as('n'))
    .where('group_id', '=', groupId)
    .where('reason', '=', 'goal')
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function memberCount(db: Kysely<DB>, groupId: number): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select(sql<number>`count(*)`.as('n'))
    .where('group_id', '=', groupId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Problems done per local day between two dates, inclusive (days without any are absent). */
export async function completionsPerDay(
  db: Kysely<DB>,
  groupId: number,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('completions')
    .select(['local_date', sql<number>`count(*)`.as('n')])
    .where('group_id', '=', groupId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .groupBy('local_date')
    .execute();
  return new Map(rows.map((r) => [r.local_date, Number(r.n)]));
}
