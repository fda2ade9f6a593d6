import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { z } from 'zod';

/** What the bot needs to know about a Slack member besides their id. */
export interface MemberInfo {
  /** Workspace admins and owners count as organizers of every group in the workspace. */
  isAdmin: boolean;
  /** The name other members see; falls back to the handle Slack sent with the request. */
  displayName: string;
}

const usersInfo = z.object({
  user: z.object({
    name: z.string().optional(),
    real_name: z.string().optional(),
    is_admin: z.boolean().optional(),
    is_owner: z.boolean().optional(),
    is_primary_owner: z.boolean().optional(),
    profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
  }),
});

export interface MemberDirectory {
  lookup(client: webApi.WebClient, team: string, user: string, fallbackName: string): Promise<MemberInfo>;
}

/**
 * users.info, cached briefly: admin rights change rarely, and a command should not wait on Slack twice.
 * A failed lookup counts as "not an admin" (the group's own organizers still work) and is not cached.
 */
export function memberDirectory(log: Logger, ttlMs = 5 * 60_000, maxEntries = 10_000, now = Date.now): MemberDirectory {
  const cache = new Map<string, { info: MemberInfo; until: number }>();
  return {
    async lookup(client, team, user, fallbackName) {
      const key = `${team}/${user}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.info;
      try {
        const parsed = usersInfo.parse(await client.users.info({ user }));
        const u = parsed.user;
        const info: MemberInfo = {
          isAdmin: Boolean(u.is_admin || u.is_owner || u.is_primary_owner),
          displayName: u.profile?.display_name || u.profile?.real_name || u.real_name || u.name || fallbackName,
        };
        cache.delete(key);
        if (cache.size >= maxEntries) cache.delete(cache.keys().next().value ?? '');
        cache.set(key, { info, until: now() + ttlMs });
        return info;
      } catch (err) {
        log.warn({ err: err instanceof Error ? err.message : String(err), team, user }, 'users.info failed');
        return { isAdmin: false, displayName: fallbackName };
      }
    },
  };
}
