import { z } from 'zod';
import { isTimeZone } from './core/time';

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (name: string, protocols: string[]) =>
  optional.refine(
    (v) => {
      if (v === undefined) return true;
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `${name} is not a ${protocols.map((p) => `${p}//`).join(' or ')} URL` },
  );

const envSchema = z.object({
  DATABASE_URL: url('DATABASE_URL', ['postgres:', 'postgresql:']),
  DATA_DIR: optional.transform((v) => v ?? './.data'),
  CONTENT_DIR: optional.transform((v) => v ?? './content'),
  CONTENT_PACK: optional.transform((v) => v ?? 'amazon-em'),
  DEFAULT_TIMEZONE: optional
    .transform((v) => v ?? 'UTC')
    .refine(isTimeZone, {
      error: (i) => `DEFAULT_TIMEZONE "${String(i.input)}" is not an IANA time zone; try Europe/Berlin`,
    }),
  LOG_LEVEL: optional
    .transform((v) => v ?? 'info')
    .pipe(
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: (i) => `LOG_LEVEL "${String(i.input)}" is not one of fatal, error, warn, info, debug, trace, silent`,
      }),
    ),
  PORT: optional
    .transform((v) => v ?? '3000')
    .pipe(
      z
        .string()
        .regex(/^\d+$/, { error: (i) => `PORT "${String(i.input)}" is not a port number` })
        .transform(Number)
        .refine((n) => n >= 1 && n <= 65535, { error: (i) => `PORT ${String(i.input)} is not between 1 and 65535` }),
    ),
  HOST: optional.transform((v) => v ?? '0.0.0.0'),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: url('SLACK_API_URL', ['http:', 'https:']),
  /** OAuth for multi-workspace installs; without them the single-workspace token mode is used. */
  SLACK_CLIENT_ID: optional,
  SLACK_CLIENT_SECRET: optional,
  SLACK_STATE_SECRET: optional,
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: url('DISCORD_API_URL', ['http:', 'https:']),
  /** Run discord.js's ShardingManager with this many shards (needed from 2,500 guilds). */
  DISCORD_SHARDS: optional.pipe(
    z
      .string()
      .regex(/^[1-9]\d*$/, { error: (i) => `DISCORD_SHARDS "${String(i.input)}" is not a positive whole number` })
      .transform(Number)
      .optional(),
  ),
  /** A role (id or name) whose members may run /studygroup besides those with Manage Server. */
  DISCORD_ORGANIZER_ROLE: optional,
});

/** The bot's configuration: parsed once from the environment, frozen. */
export type Config = Readonly<z.infer<typeof envSchema>>;

/** Raised with every problem in the environment at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        // Our messages already name the variable; zod's defaults do not.
        const name = String(i.path[0] ?? '');
        return i.message.includes(name) ? i.message : `${name}: ${i.message}`;
      }),
    );
  }
  const config = result.data;
  const problems: string[] = [];
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN)
    problems.push(
      'SLACK_BOT_TOKEN is set but neither SLACK_SIGNING_SECRET (HTTP mode) nor SLACK_APP_TOKEN (Socket Mode) is',
    );
  if (config.DISCORD_APPLICATION_ID && !config.DISCORD_TOKEN)
    problems.push('DISCORD_APPLICATION_ID is set but DISCORD_TOKEN is not');
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
