import type { Kysely } from 'kysely';
import type { DB, Group, Member } from './schema';

const MEMBER_COLUMNS = [
  'id',
  'group_id',
  'user_id',
  'display_name',
  'target_level',
  'is_organizer',
  'leaderboard_opt_out',
  'streak_current',
  'streak_best',
  'streak_last_date',
  'streak_grace_date',
  'last_seen_at',
  'created_at',
] as const satisfies readonly (keyof Member)[];

/**
 * The caller's group and member row in one round trip: every command starts here, so the common case
 * (both exist) costs one read instead of a read and a write.
 */
export async function findCaller(
  db: Kysely<DB>,
  channelId: string,
  userId: string,
): Promise<{ group: Group | undefined; member: Member | undefined }> {
  const row = await db
    .selectFrom('groups')
    .leftJoin('members', (join) => join.onRef('members.group_id', '=', 'groups.id').on('members.user_id', '=', userId))
    .selectAll('groups')
    .select(MEMBER_COLUMNS.map((c) => `members.${c} as m_${c}` as const))
    .where('groups.channel_id', '=', channelId)
    .executeTakeFirst();
  if (!row) return { group: undefined, member: undefined };
  const { m_id, ...rest } = row as typeof row & Record<`m_${(typeof MEMBER_COLUMNS)[number]}`, unknown>;
  const group = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('m_'))) as unknown as Group;
  if (m_id === null || m_id === undefined) return { group, member: undefined };
  const member = Object.fromEntries(
    MEMBER_COLUMNS.map((c) => [c, (row as Record<string, unknown>)[`m_${c}`]]),
  ) as unknown as Member;
  return { group, member };
}
