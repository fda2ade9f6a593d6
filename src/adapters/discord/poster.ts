import { createHash } from 'node:crypto';
import { DiscordAPIError, makeURLSearchParams, type REST, RESTJSONErrorCodes, Routes } from 'discord.js';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Message } from '../../core/message';
import type { DB } from '../../db/schema';
import { DeliveryError, type PostReceipt } from '../adapter';
import { messageRef, parseChannelKey } from './ids';
import { type DiscordPayload, renderMessage } from './render';

/** Discord's nonce is at most 25 characters: a hash of the post's key (and part, for a long post). */
export function nonceFor(key: string, part: number): string {
  return createHash('sha256').update(`${key}#${part}`).digest('base64url').slice(0, 25);
}

/**
 * Discord hands a nonce back only when the message is created, never on later fetches, so findPost needs a
 * mark that stays: a short reference in the footer of the post's first message.
 */
export function postMarker(key: string): string {
  return `post ${nonceFor(key, 0).slice(0, 10)}`;
}

export const FOOTER_PREFIX = 'Bar Raiser · ';

/** Codes that retrying cannot fix, with what organizers should do about them. */
const PERMANENT: Partial<Record<number, string>> = {
  [RESTJSONErrorCodes.MissingAccess]:
    'the bot cannot see this channel (Missing Access): add it to the channel or give it View Channel there',
  [RESTJSONErrorCodes.UnknownChannel]: 'the channel no longer exists (Unknown Channel)',
  [RESTJSONErrorCodes.MissingPermissions]:
    'the bot may not post here (Missing Permissions): give it Send Messages, Embed Links and Attach Files in this channel',
  [RESTJSONErrorCodes.UnknownGuild]: 'the bot is no longer in this server (Unknown Guild)',
};

const created = z.looseObject({ id: z.string() });
const recent = z.array(
  z.looseObject({
    id: z.string(),
    author: z.looseObject({ id: z.string() }),
    nonce: z.union([z.string(), z.number()]).nullish(),
    embeds: z.array(z.looseObject({ footer: z.looseObject({ text: z.string() }).optional() })).default([]),
  }),
);
const me = z.looseObject({ id: z.string() });

/** A payload as the body and files of `POST /channels/{id}/messages`. */
export function channelMessageBody(payload: DiscordPayload) {
  return {
    body: {
      embeds: payload.embeds,
      components: payload.components,
      attachments: payload.files.map((f, id) => ({ id, filename: f.name, description: f.description })),
      // Scheduled posts never ping anyone, whatever the content says.
      allowed_mentions: { parse: [] },
    },
    files: payload.files.map((f, i) => ({ name: f.name, data: f.data, key: `files[${i}]` })),
  };
}

export interface PosterOptions {
  /** Where a permanent failure is recorded on the group (`groups.delivery_error`), for organizers to see. */
  db?: Kysely<DB> | undefined;
  log: Logger;
  /** The bot's user id when a gateway client knows it; otherwise it is asked of Discord once. */
  botUserId?: () => string | undefined;
}

/**
 * Scheduled posts over Discord's REST API: every message carries a nonce with `enforce_nonce`, so a
 * retried request returns the message already made instead of a second one; @discordjs/rest waits out
 * 429s and retries 5xx with the same body.
 */
export class DiscordPoster {
  private botId: Promise<string> | undefined;

  constructor(
    private readonly rest: REST,
    private readonly options: PosterOptions,
  ) {}

  async post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt> {
    const target = parseChannelKey(channelId);
    if (!target)
      throw new DeliveryError(`"${channelId}" is not a Discord channel id (discord:<guild>/<channel>)`, true);
    const payloads = renderMessage(message, { footer: `${FOOTER_PREFIX}${postMarker(idempotencyKey)}` });
    let first: string | undefined;
    for (const [part, payload] of payloads.entries()) {
      const { body, files } = channelMessageBody(payload);
      try {
        const sent = created.parse(
          await this.rest.post(Routes.channelMessages(target.channelId), {
            body: { ...body, nonce: nonceFor(idempotencyKey, part), enforce_nonce: true },
            files,
          }),
        );
        first ??= sent.id;
      } catch (err) {
        throw await this.failure(channelId, err);
      }
    }
    await this.recordProblem(channelId, null);
    return { messageRef: messageRef(target.guildId, target.channelId, first ?? '') };
  }

  async findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null> {
    const target = parseChannelKey(channelId);
    if (!target)
      throw new DeliveryError(`"${channelId}" is not a Discord channel id (discord:<guild>/<channel>)`, true);
    try {
      const [messages, botId] = await Promise.all([
        this.rest.get(Routes.channelMessages(target.channelId), { query: makeURLSearchParams({ limit: 100 }) }),
        this.botUserId(),
      ]);
      const nonce = nonceFor(idempotencyKey, 0);
      const marker = `${FOOTER_PREFIX}${postMarker(idempotencyKey)}`;
      const found = recent
        .parse(messages)
        .find(
          (m) => m.author.id === botId && (m.nonce === nonce || m.embeds.some((e) => e.footer?.text.endsWith(marker))),
        );
      return found ? { messageRef: messageRef(target.guildId, target.channelId, found.id) } : null;
    } catch (err) {
      throw await this.failure(channelId, err);
    }
  }

  private botUserId(): Promise<string> {
    const known = this.options.botUserId?.();
    if (known) return Promise.resolve(known);
    this.botId ??= this.rest.get(Routes.user('@me')).then((u) => me.parse(u).id);
    return this.botId;
  }

  /** A REST failure as a DeliveryError; one organizers can fix is recorded on the group. */
  private async failure(channelId: string, err: unknown): Promise<DeliveryError> {
    if (err instanceof DeliveryError) return err;
    if (err instanceof DiscordAPIError) {
      const reason = typeof err.code === 'number' ? PERMANENT[err.code] : undefined;
      if (reason) {
        await this.recordProblem(channelId, `Discord: ${reason}`);
        return new DeliveryError(`Discord refused the post (${err.code}): ${reason}`, true);
      }
      // Any other 4xx is our request's fault and will not improve by sending it again.
      const permanent = err.status >= 400 && err.status < 500 && err.status !== 408;
      this.options.log.error({ err, channel: channelId }, 'discord refused a post');
      return new DeliveryError(`Discord answered ${err.status} (${err.code}): ${err.message}`, permanent);
    }
    return new DeliveryError(
      `Discord could not be reached: ${err instanceof Error ? err.message : String(err)}`,
      false,
    );
  }

  /** Sets or clears the group's delivery problem, which the core shows to its organizers. */
  private async recordProblem(channelId: string, problem: string | null): Promise<void> {
    const db = this.options.db;
    if (!db) return;
    try {
      let q = db.updateTable('groups').set({ delivery_error: problem }).where('channel_id', '=', channelId);
      if (problem === null) q = q.where('delivery_error', 'is not', null);
      await q.execute();
    } catch (err) {
      this.options.log.error({ err, channel: channelId }, 'could not record the delivery problem on the group');
    }
  }
}
