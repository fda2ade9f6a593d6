import { webApi } from '@slack/bolt';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Image, Message } from '../../core/message';
import type { DB } from '../../db/schema';
import { DeliveryError, type PostReceipt } from '../adapter';
import { parseScopedId } from './ids';
import { renderMessage } from './render';

/** The message metadata event type that marks the bot's scheduled posts (found again by findPost). */
export const POST_EVENT = 'bar_raiser_post';
/** How far back findPost looks: scheduled posts are retried within hours, so 1,000 messages is plenty. */
const HISTORY_PAGES = 5;

const RATE_LIMITED = /rate limit was exceeded/i;

/**
 * Retries for chat.postMessage: only 429s, which Slack did not act on. Any other failure may have
 * reached Slack, and a blind second chat.postMessage would post twice; those are settled by looking
 * the post up instead.
 */
export const postRetryConfig = {
  retries: 6,
  factor: 2,
  minTimeout: 50,
  maxTimeout: 2_000,
  onFailedAttempt(error: Error) {
    if (!RATE_LIMITED.test(error.message)) throw error;
  },
};

// Failures a retry cannot fix: said to organizers (groups.delivery_error) in these words.
const PERMANENT: Record<string, string> = {
  channel_not_found:
    'Slack cannot find this channel for the bot (channel_not_found). If it is private, invite the bot with `/invite @Bar Raiser`.',
  not_in_channel: 'The bot is not a member of this channel (not_in_channel). Invite it with `/invite @Bar Raiser`.',
  is_archived: 'This channel is archived (is_archived). Unarchive it, or pause the group with `/studygroup pause`.',
  restricted_action: 'Slack does not let the bot post in this channel (restricted_action). Ask a workspace admin.',
  restricted_action_read_only_channel: 'This channel is read-only for the bot (restricted_action_read_only_channel).',
  missing_scope: 'The Slack app lacks a permission (missing_scope). Reinstall it from the manifest.',
  invalid_blocks: 'Slack refused the post as malformed (invalid_blocks). This is a bug in the bot; please report it.',
  msg_too_long: 'Slack refused the post as too long (msg_too_long). This is a bug in the bot; please report it.',
};
const REVOKED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'team_access_not_granted',
  'ekm_access_denied',
]);

/** The error code of a Slack Web API answer with ok:false, if that is what `err` is. */
export function platformError(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && err.code === webApi.ErrorCode.PlatformError) {
    const data = (err as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : 'unknown_error';
  }
  return undefined;
}

/** Slack's failure -> a DeliveryError worded for organizers; permanent when retrying cannot help. */
export function deliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const code = platformError(err);
  if (code && PERMANENT[code]) return new DeliveryError(PERMANENT[code], true);
  if (code && REVOKED.has(code))
    return new DeliveryError(`The bot's Slack token no longer works (${code}). Reinstall the app.`, true);
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new DeliveryError(`Slack did not take the post this time (${detail}); it will be retried.`, false);
}

const historySchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
          .optional(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});
const payloadSchema = z.object({
  key: z.string(),
  part: z.number().int().min(0).default(0),
  parts: z.number().int().min(1).default(1),
});

export interface DeliveryDeps {
  db: Kysely<DB>;
  log: Logger;
  /** A posting client (rate-limit retries only) with the bot token of this workspace. */
  clientFor(team: string): Promise<webApi.WebClient>;
  uploadImage(client: webApi.WebClient, image: Image): Promise<string | undefined>;
}

export interface SlackDelivery {
  post(channelId: string, message: Message, key: string): Promise<PostReceipt>;
  findPost(channelId: string, key: string): Promise<PostReceipt | null>;
}

function target(channelId: string) {
  const scoped = parseScopedId(channelId);
  if (!scoped) throw new DeliveryError(`"${channelId}" is not a Slack channel id (slack:TEAM/CHANNEL)`, true);
  return { team: scoped.team, channel: scoped.id };
}

/** Scheduled posts: chat.postMessage marked with metadata, found again in conversations.history. */
export function slackDelivery(deps: DeliveryDeps): SlackDelivery {
  /** The parts of the post with this key already in the channel: part number -> ts. */
  async function postedParts(client: webApi.WebClient, channel: string, key: string) {
    const found = new Map<number, string>();
    let parts = 0;
    let cursor: string | undefined;
    for (let page = 0; page < HISTORY_PAGES; page++) {
      const raw = await client.conversations.history({
        channel,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      });
      const history = historySchema.parse(raw);
      for (const m of history.messages) {
        if (m.metadata?.event_type !== POST_EVENT) continue;
        const payload = payloadSchema.safeParse(m.metadata.event_payload);
        if (!payload.success || payload.data.key !== key) continue;
        found.set(payload.data.part, m.ts);
        parts = payload.data.parts;
      }
      if (parts > 0 && found.size >= parts) break;
      cursor = history.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return { found, parts };
  }

  async function record(channelId: string, error: DeliveryError) {
    if (!error.permanent) return;
    // The core shows this to organizers the next time one of them uses a command.
    await deps.db
      .updateTable('groups')
      .set({ delivery_error: error.message, updated_at: new Date() })
      .where('channel_id', '=', channelId)
      .execute()
      .catch((err: unknown) => deps.log.error({ err, channel: channelId }, 'could not record a delivery error'));
  }

  async function post(channelId: string, message: Message, key: string): Promise<PostReceipt> {
    const { team, channel } = target(channelId);
    try {
      return await send(channelId, channel, await deps.clientFor(team), message, key);
    } catch (err) {
      const error = deliveryError(err);
      await record(channelId, error);
      throw error;
    }
  }

  async function send(
    channelId: string,
    channel: string,
    client: webApi.WebClient,
    message: Message,
    key: string,
  ): Promise<PostReceipt> {
    const imageFileId = message.image ? await deps.uploadImage(client, message.image) : undefined;
    const parts = renderMessage(message, imageFileId ? { imageFileId } : {});
    // A post in several parts may be half-sent by a crash; a retry sends only the missing parts.
    const existing = parts.length > 1 ? (await postedParts(client, channel, key)).found : new Map<number, string>();
    const timestamps: string[] = [];
    for (const [part, slack] of parts.entries()) {
      const already = existing.get(part);
      if (already) {
        timestamps.push(already);
        continue;
      }
      const args = {
        channel,
        text: slack.text,
        blocks: slack.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: POST_EVENT, event_payload: { key, part, parts: parts.length } },
      };
      try {
        const sent = await client.chat.postMessage(args);
        timestamps.push(String(sent.ts));
      } catch (err) {
        if (platformError(err) === undefined && !(err instanceof DeliveryError)) {
          // No answer from Slack: the post may or may not be there. Look before anyone sends it again.
          const again = await postedParts(client, channel, key).catch(() => null);
          const ts = again?.found.get(part);
          if (ts) {
            timestamps.push(ts);
            continue;
          }
        }
        throw err;
      }
    }
    return { messageRef: `${channelId}/${timestamps[0]}` };
  }

  async function findPost(channelId: string, key: string): Promise<PostReceipt | null> {
    const { team, channel } = target(channelId);
    try {
      const client = await deps.clientFor(team);
      const { found, parts } = await postedParts(client, channel, key);
      const first = found.get(0);
      // Only a whole post counts as found; a partial one is completed by post(), which skips what is there.
      return first && parts > 0 && found.size >= parts ? { messageRef: `${channelId}/${first}` } : null;
    } catch (err) {
      const error = deliveryError(err);
      await record(channelId, error);
      throw error;
    }
  }

  return { post, findPost };
}
