import { z } from 'zod';
import type { Form, Message } from '../../core/message';
import type { Invocation } from '../../core/types';
import type { DiscordConfig } from './discord-adapter';
import type { DiscordHandlers } from './interactions';

/**
 * The messages between the sharding parent (which runs the core) and its shard processes (which hold the
 * gateway connections), over the IPC channel discord.js's ShardingManager sets up. Both ends validate
 * what they receive: a message that does not fit is dropped and logged, never acted on.
 */

const id = z.number().int().positive();
const invocation = z.object({
  platform: z.literal('discord'),
  workspaceId: z.string().startsWith('discord:'),
  channelId: z.string().startsWith('discord:'),
  channelName: z.string().optional(),
  userId: z.string().startsWith('discord:'),
  userName: z.string(),
  isPlatformAdmin: z.boolean(),
  command: z.string().max(32),
  args: z.array(z.string().max(6000)).max(100),
});
const request = z.object({ command: z.string().max(32), args: z.array(z.string().max(6000)).max(100) });

const optional = z.string().optional();
const shardConfig = z.object({
  DISCORD_TOKEN: z.string(),
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: optional,
  DISCORD_ORGANIZER_ROLE: optional,
  LOG_LEVEL: z.string(),
});
/** What a shard process is told at start: the Discord settings, and how much to log. */
export type ShardConfig = z.infer<typeof shardConfig> & DiscordConfig;

export const fromShard = z.discriminatedUnion('br', [
  z.object({ br: z.literal('hello') }),
  z.object({ br: z.literal('handle'), id, invocation }),
  z.object({ br: z.literal('form'), id, request }),
]);
export type FromShard = z.infer<typeof fromShard>;

export const toShard = z.discriminatedUnion('br', [
  z.object({ br: z.literal('config'), config: shardConfig }),
  // Messages and forms come from our own core: they are passed through as they are.
  z.object({
    br: z.literal('handled'),
    id,
    message: z.custom<WireMessage>((v) => typeof v === 'object' && v !== null),
  }),
  z.object({ br: z.literal('form'), id, form: z.custom<Form | null>((v) => typeof v === 'object') }),
]);
export type ToShard = z.infer<typeof toShard>;

/** A Message that survives JSON: the image's bytes as base64. */
export type WireMessage = Omit<Message, 'image'> & {
  image?: Omit<NonNullable<Message['image']>, 'png'> & { png: string };
};

export function toWire(message: Message): WireMessage {
  const { image, ...rest } = message;
  return image ? { ...rest, image: { ...image, png: Buffer.from(image.png).toString('base64') } } : rest;
}

export function fromWire(message: WireMessage): Message {
  const { image, ...rest } = message;
  return image ? { ...rest, image: { ...image, png: new Uint8Array(Buffer.from(image.png, 'base64')) } } : rest;
}

/** How long a shard waits for the parent's core before it gives up on an interaction. */
const CALL_TIMEOUT_MS = 5 * 60_000;

interface Channel {
  send?: (message: unknown) => boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

/** The shard's end: asks the parent for its configuration, and hands interactions to the parent's core. */
export function shardLink(channel: Channel, onInvalid: (message: unknown) => void) {
  let next = 1;
  const waiting = new Map<number, (value: ToShard) => void>();
  let gotConfig: (config: ShardConfig) => void = () => undefined;
  const config = new Promise<ShardConfig>((resolve) => {
    gotConfig = resolve;
  });
  channel.on('message', (raw) => {
    // discord.js's own messages (_eval, _fetchProp…) share the channel; they are not ours to check.
    if (typeof raw !== 'object' || raw === null || !('br' in raw)) return;
    const parsed = toShard.safeParse(raw);
    if (!parsed.success) return onInvalid(raw);
    const message = parsed.data;
    if (message.br === 'config') gotConfig(message.config);
    else waiting.get(message.id)?.(message);
  });
  const send = (message: FromShard) => {
    if (!channel.send) throw new Error('this process was not started by the sharding manager (no IPC channel)');
    channel.send(message);
  };
  function call(
    message: { br: 'handle'; invocation: Invocation } | { br: 'form'; request: Pick<Invocation, 'command' | 'args'> },
  ) {
    const callId = next++;
    return new Promise<ToShard>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(callId);
        reject(new Error(`the core did not answer within ${CALL_TIMEOUT_MS / 1000} s`));
      }, CALL_TIMEOUT_MS);
      waiting.set(callId, (value) => {
        clearTimeout(timer);
        waiting.delete(callId);
        resolve(value);
      });
      send({ ...message, id: callId } as FromShard);
    });
  }
  const handlers: DiscordHandlers = {
    async handle(inv) {
      const answer = await call({ br: 'handle', invocation: inv });
      if (answer.br !== 'handled') throw new Error(`unexpected answer "${answer.br}" from the core`);
      return fromWire(answer.message);
    },
    async formFor(req) {
      const answer = await call({ br: 'form', request: { command: req.command, args: req.args } });
      if (answer.br !== 'form') throw new Error(`unexpected answer "${answer.br}" from the core`);
      return answer.form;
    },
  };
  return {
    handlers,
    config(): Promise<ShardConfig> {
      send({ br: 'hello' });
      return config;
    },
  };
}
