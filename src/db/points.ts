import type { Kysely, Transaction } from 'kysely';
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

/** Records an award unless the same one exists; returns whether it was new. */
export async function award(db: Kysely<DB> | Transaction<DB>, a: Award): Promise<boolean> {
  const inserted = await db
    .insertInto('points')
    .values({
      member_id: a.memberId,
      group_id: a.groupId,
      reason: a.reason,
      reference: a.reference,
      points: a.points,
      local_date: a.localDate,
    })
    .onConflict((oc) => oc.columns(['member_id', 'reason', 'reference']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function totalPoints(db: Kysely<DB>, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('points')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('total'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
