import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema';

// What we rely on in an installation; Bolt's type has much more, which is kept as it came.
const installationSchema = z
  .object({
    team: z.object({ id: z.string().min(1) }).nullish(),
    enterprise: z.object({ id: z.string().min(1) }).nullish(),
    isEnterpriseInstall: z.boolean().optional(),
    bot: z.object({ token: z.string().min(1), userId: z.string().optional() }).optional(),
  })
  .refine((i) => (i.isEnterpriseInstall ? Boolean(i.enterprise?.id) : Boolean(i.team?.id)), {
    message: 'an installation names its workspace (or its organization, when installed org-wide)',
  });

function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }) {
  if (q.isEnterpriseInstall && q.enterpriseId) return `enterprise:${q.enterpriseId}`;
  if (q.teamId) return `team:${q.teamId}`;
  return null;
}

/** Bolt's installation store, kept in Postgres (table slack_installations). */
export function postgresInstallationStore(db: Kysely<DB>): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const parsed = installationSchema.parse(installation);
      const key = keyOf({
        isEnterpriseInstall: parsed.isEnterpriseInstall ?? false,
        enterpriseId: parsed.enterprise?.id,
        teamId: parsed.team?.id,
      });
      if (!key) throw new Error('installation without a workspace or organization id');
      const row = {
        install_key: key,
        team_id: parsed.team?.id ?? null,
        enterprise_id: parsed.enterprise?.id ?? null,
        is_enterprise_install: parsed.isEnterpriseInstall ?? false,
        bot_user_id: parsed.bot?.userId ?? null,
        installation: JSON.stringify(installation),
      };
      await db
        .insertInto('slack_installations')
        .values(row)
        .onConflict((oc) =>
          oc.column('install_key').doUpdateSet({
            team_id: row.team_id,
            enterprise_id: row.enterprise_id,
            is_enterprise_install: row.is_enterprise_install,
            bot_user_id: row.bot_user_id,
            installation: row.installation,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query);
      const row = key
        ? await db
            .selectFrom('slack_installations')
            .select('installation')
            .where('install_key', '=', key)
            .executeTakeFirst()
        : undefined;
      // Bolt treats a throw as "not installed here" and answers the request with 401.
      if (!row) throw new Error(`Bar Raiser is not installed in Slack ${key ?? 'workspace (no id given)'}`);
      const installation = typeof row.installation === 'string' ? JSON.parse(row.installation) : row.installation;
      return installation as Installation<'v1' | 'v2', boolean>;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query);
      if (key) await db.deleteFrom('slack_installations').where('install_key', '=', key).execute();
    },
  };
}
