import { type Command, usage } from '../../core/command';
import { toPlain } from './mrkdwn';

/**
 * The bot token's scopes. chat:write(.public) posts and answers, commands gives the slash commands,
 * users:read tells workspace admins apart (they organize every group), files:write uploads charts,
 * channels:history and groups:history let a retried scheduled post find the first attempt.
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'files:write',
  'channels:history',
  'groups:history',
] as const;

export interface ManifestOptions {
  /** Public base URL of the bot's HTTP listener; the events endpoint is `<base>/slack/events`. */
  baseUrl: string;
  /** Socket Mode apps need no request URLs. */
  socketMode?: boolean;
  name?: string;
}

/** Where a manifest's URLs point until the operator sets their own (`npm run slack:manifest -- --url …`). */
export const PLACEHOLDER_URL = 'https://bar-raiser.example.com';

// Slack's limits for slash commands in a manifest.
const DESCRIPTION_MAX = 100;
const USAGE_HINT_MAX = 1000;

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** `/studygroup timezone <zone>` etc. -> one hint: `[show] | setup | timezone <zone> | …`. */
export function usageHint(command: Command): string {
  const forms = command.subcommands.map((s) => usage(command, s).replace(`/${command.name}`, '').trim());
  const hint = forms.filter(Boolean).join(' | ');
  return cut(hint, USAGE_HINT_MAX);
}

/** The Slack app manifest, generated from the core's command registry (one source for every platform). */
export function slackManifest(commands: readonly Command[], options: ManifestOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const events = `${base}/slack/events`;
  const url = options.socketMode ? {} : { url: events };
  const name = options.name ?? 'Bar Raiser';
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Daily problems, a 24-week plan and readiness reports for Amazon EM (L6/L7) interview prep.',
      long_description:
        'Bar Raiser runs a study group in a channel: a daily practice problem matched to the plan week, ' +
        'the weekly milestone of a 24-week plan, self-assessments against the L6/L7 competency bar with a ' +
        'private readiness report, points and streaks, a leaderboard, and a weekly progress digest. ' +
        'Organizers configure it with /studygroup. Everything is answered privately unless it is meant for the group.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands.map((c) => ({
        command: `/${c.name}`,
        ...url,
        description: cut(toPlain(c.description), DESCRIPTION_MAX),
        usage_hint: usageHint(c),
        // Mentions arrive as <@U123|name>, so members are identified by id, never by a changeable name.
        should_escape: true,
      })),
    },
    oauth_config: {
      ...(options.socketMode ? {} : { redirect_urls: [`${base}/slack/oauth_redirect`] }),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      event_subscriptions: {
        ...(options.socketMode ? {} : { request_url: events }),
        bot_events: ['app_uninstalled', 'tokens_revoked'],
      },
      interactivity: { is_enabled: true, ...(options.socketMode ? {} : { request_url: events }) },
      org_deploy_enabled: false,
      socket_mode_enabled: Boolean(options.socketMode),
      token_rotation_enabled: false,
    },
  };
}

/**
 * JSON laid out the way the repository's formatter (Biome) lays it out: two-space indents, and a list of
 * plain values on one line when it fits in 120 columns, so the committed file passes `npm run lint`.
 */
function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /^( *)("[^"\n]*": )?\[\n((?: *(?:"(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null),?\n)+) *\](,?)$/gm,
    (whole, indent: string, key: string | undefined, items: string, comma: string) => {
      const list = items
        .split('\n')
        .map((i) => i.trim().replace(/,$/, ''))
        .filter(Boolean);
      const line = `${indent}${key ?? ''}[${list.join(', ')}]${comma}`;
      return line.length <= 120 ? line : whole;
    },
  );
}

/** The manifest as committed (slack-manifest.json): stable formatting, trailing newline. */
export function manifestJson(commands: readonly Command[], options: ManifestOptions): string {
  return `${formatJson(slackManifest(commands, options))}\n`;
}
