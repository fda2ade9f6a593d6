import type { Kysely, Transaction } from 'kysely';
import type { Level } from '../content/schema';
import type { RatingEntry } from '../core/readiness';
import type { DB } from './schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Appends one self-rating per competency given, all stamped `at` so they read back as one assessment. */
export async function insertRatings(
  db: Db,
  memberId: number,
  level: Level,
  ratings: Readonly<Record<string, number>>,
  at: Date,
): Promise<void> {
  const rows = Object.entries(ratings).map(([competency, rating]) => ({
    member_id: memberId,
    competency,
    rating,
    level,
    rated_at: at,
  }));
  if (rows.length > 0) await db.insertInto('ratings').values(rows).execute();
}

/** Every self-rating a member ever gave, oldest first; ratings are never overwritten. */
export async function ratingHistory(db: Db, memberId: number): Promise<RatingEntry[]> {
  const rows = await db
    .selectFrom('ratings')
    .select(['competency', 'rating', 'level', 'rated_at'])
    .where('member_id', '=', memberId)
    .orderBy('rated_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ competency: r.competency, rating: r.rating, level: r.level, ratedAt: r.rated_at }));
}

/** The checklist items a member has ticked, as of their latest mark per item. */
export async function checkedItems(db: Db, memberId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('checklist_marks')
    .select(['item_id', 'done'])
    .distinctOn('item_id')
    .where('member_id', '=', memberId)
    .orderBy('item_id')
    .orderBy('marked_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return new Set(rows.filter((r) => r.done).map((r) => r.item_id));
}

/**
 * Moves the checklist to `wanted` for the items in `scope` (the ones the member was shown), appending a
 * mark only where the state changes, so the history records what changed and when.
 */
export async function setChecklist(
  db: Db,
  memberId: number,
  scope: readonly string[],
  wanted: ReadonlySet<string>,
  at: Date,
): Promise<{ checked: string[]; unchecked: string[] }> {
  const current = await checkedItems(db, memberId);
  const checked = scope.filter((id) => wanted.has(id) && !current.has(id));
  const unchecked = scope.filter((id) => !wanted.has(id) && current.has(id));
  const rows = [
    ...checked.map((item_id) => ({ member_id: memberId, item_id, done: true, marked_at: at })),
    ...unchecked.map((item_id) => ({ member_id: memberId, item_id, done: false, marked_at: at })),
  ];
  if (rows.length > 0) await db.insertInto('checklist_marks').values(rows).execute();
  return { checked, unchecked };
}

/** A member's own target level; null follows the group's. */
export async function setMemberLevel(db: Db, memberId: number, level: Level | null): Promise<void> {
  await db.updateTable('members').set({ target_level: level }).where('id', '=', memberId).execute();
}
