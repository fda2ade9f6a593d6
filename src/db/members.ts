import type { Kysely } from 'kysely';
import type { DB, Member } from './schema';

/** The member for a user in a group, created on first use; keeps the display name current. */
export async function ensureMember(
  db: Kysely<DB>,
  groupId: number,
  userId: string,
  displayName: string,
  now: Date,
): Promise<Member> {
  return db
    .insertInto('members')
    .values({ group_id: groupId, user_id: userId, display_name: displayName, last_seen_at: now, created_at: now })
    .onConflict((oc) =>
      oc.columns(['group_id', 'user_id']).doUpdateSet((eb) => ({
        // A member added by mention has no real name yet; the first own command fills it in.
        display_name: displayName === '' ? eb.ref('members.display_name') : displayName,
        last_seen_at: now,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setOrganizer(db: Kysely<DB>, groupId: number, userId: string, now: Date): Promise<Member> {
  return db
    .insertInto('members')
    .values({ group_id: groupId, user_id: userId, is_organizer: true, last_seen_at: now, created_at: now })
    .onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ is_organizer: true }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listOrganizers(db: Kysely<DB>, groupId: number): Promise<Member[]> {
  return db
    .selectFrom('members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('is_organizer', '=', true)
    .orderBy('id')
    .execute();
}
