import type { Kysely, Updateable } from 'kysely';
import type { DB, Group, GroupsTable } from './schema';

export interface NewGroup {
  channelId: string;
  workspaceId: string;
  name: string;
  timezone: string;
  cohortStart: string;
  /** The injected clock's now: scheduled posts are owed only from this instant on. */
  now: Date;
}

/** The group for a channel, created with defaults the first time the channel is used. */
export async function ensureGroup(db: Kysely<DB>, g: NewGroup): Promise<Group> {
  const existing = await db.selectFrom('groups').selectAll().where('channel_id', '=', g.channelId).executeTakeFirst();
  if (existing) return existing;
  // Two first commands at once: one insert wins, the other reads it back.
  await db
    .insertInto('groups')
    .values({
      channel_id: g.channelId,
      workspace_id: g.workspaceId,
      name: g.name,
      timezone: g.timezone,
      cohort_start: g.cohortStart,
      created_at: g.now,
      updated_at: g.now,
    })
    .onConflict((oc) => oc.column('channel_id').doNothing())
    .execute();
  return db.selectFrom('groups').selectAll().where('channel_id', '=', g.channelId).executeTakeFirstOrThrow();
}

export type GroupSettings = Omit<Updateable<GroupsTable>, 'id' | 'channel_id' | 'workspace_id' | 'created_at'>;

export async function updateGroup(db: Kysely<DB>, id: number, patch: GroupSettings): Promise<Group> {
  return db
    .updateTable('groups')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function getGroupByChannel(db: Kysely<DB>, channelId: string): Promise<Group | undefined> {
  return db.selectFrom('groups').selectAll().where('channel_id', '=', channelId).executeTakeFirst();
}
