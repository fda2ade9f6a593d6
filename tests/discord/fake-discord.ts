import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake Discord on 127.0.0.1, enough for the real discord.js client: the REST API under /api/v10 and the
 * gateway (HELLO, IDENTIFY, heartbeat/ACK, READY, GUILD_CREATE, dispatches, RECONNECT, RESUME). It keeps
 * messages as Discord would, enforces the 3-second interaction deadline, honours nonces with
 * enforce_nonce, leaves nonces out of fetched messages (as Discord does), and can answer with 429s or
 * errors on request.
 */

type Json = Record<string, unknown>;

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string;
  nick?: string;
  /** Permission bitfield as Discord sends it (a decimal string). */
  permissions?: string;
  roles?: string[];
}

export interface FakeChannel {
  id: string;
  name: string;
  /** `missing-access` answers 50001 to anything sent there. */
  access?: 'ok' | 'missing-access';
}

export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  roles: { id: string; name: string }[];
}

export interface StoredMessage extends Json {
  id: string;
  channel_id: string;
  flags: number;
  embeds: Json[];
  components: Json[];
  attachments: Json[];
  content: string;
}

export interface RecordedRequest {
  method: string;
  /** The path after /api/v10, e.g. `/channels/1/messages`. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  files: { key: string; name: string; size: number }[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: Json;
  createdAt: number;
  /** Callback bodies in order (type 4 reply, 5 defer, 6 deferred update, 7 update, 9 modal). */
  callbacks: { type: number; data?: Json; at: number }[];
  /** The message the interaction's "@original" is: its reply, or the message a component was on. */
  originalId: string | undefined;
  followups: string[];
  /** Callbacks refused for arriving after Discord's 3 seconds. */
  late: number;
}

export interface GatewaySession {
  id: string;
  ws: WebSocket | null;
  seq: number;
  shard: [number, number];
  identify: Json;
  sent: { s: number; t: string; d: unknown }[];
  resumed: number;
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: Json;
  headers?: Record<string, string>;
  times: number;
}

export interface FakeDiscordOptions {
  token?: string;
  heartbeatIntervalMs?: number;
  guilds?: FakeGuild[];
  /** Discord's deadline for the first answer to an interaction. */
  interactionDeadlineMs?: number;
}

let snowflakeSeq = 1n;
/** Snowflakes that sort by creation, like Discord's. */
export function snowflake(): string {
  snowflakeSeq += 1n;
  return String((BigInt(Date.now() - 1_420_070_400_000) << 22n) + snowflakeSeq);
}

const EPHEMERAL = 64;

export class FakeDiscord {
  readonly token: string;
  readonly appId = '1200000000000000001';
  /** Deliberately not the application id: older applications have a bot user with an id of its own. */
  readonly botUser = {
    id: '1200000000000000002',
    username: 'bar-raiser',
    global_name: 'Bar Raiser',
    discriminator: '0',
    avatar: null,
    bot: true,
  };
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly sessions: GatewaySession[] = [];
  readonly gatewayUrls: string[] = [];
  /** Commands by route (`global` or the guild id), as last put. */
  readonly commands = new Map<string, Json[]>();
  heartbeats = 0;
  private readonly messages = new Map<string, StoredMessage[]>();
  private readonly nonces = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private readonly losses: { method: string; path: RegExp; times: number }[] = [];
  private readonly lost = new WeakSet<ServerResponse>();
  private readonly heartbeatIntervalMs: number;
  private readonly deadlineMs: number;
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private port = 0;

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? 'fake-bot-token';
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.deadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.guilds = options.guilds ?? [
      {
        id: '1300000000000000001',
        name: 'Study server',
        channels: [
          { id: '1300000000000000011', name: 'study' },
          { id: '1300000000000000012', name: 'locked', access: 'missing-access' },
        ],
        roles: [{ id: '1300000000000000021', name: 'Study Organizer' }],
      },
    ];
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get guild(): FakeGuild {
    return this.guilds[0] as FakeGuild;
  }

  get channel(): FakeChannel {
    return this.guild.channels[0] as FakeChannel;
  }

  private async listen() {
    this.server = createServer((req, res) => {
      void this.onRequest(req, res).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      this.gatewayUrls.push(req.url ?? '');
      this.wss?.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  // ---- test controls -------------------------------------------------------------------------------

  /** The next `times` requests matching answer 429 with Retry-After (seconds), then the route works again. */
  rateLimit(method: string, path: RegExp, retryAfterSeconds: number, times = 1) {
    this.failures.push({
      method,
      path,
      status: 429,
      times,
      body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      headers: {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfterSeconds),
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': 'user',
      },
    });
  }

  /** The next `times` requests matching answer `status` with a Discord error body. */
  fail(method: string, path: RegExp, status: number, code: number, message: string, times = 1) {
    this.failures.push({ method, path, status, times, body: { message, code } });
  }

  /** The next `times` matching requests are carried out, but their response is lost (the client sees a 500). */
  loseResponses(method: string, path: RegExp, times = 1) {
    this.losses.push({ method, path, times });
  }

  /** Every message Discord holds in a channel, oldest first; ephemeral ones only with `ephemeral`. */
  channelMessages(channelId = this.channel.id, ephemeral = false): StoredMessage[] {
    return (this.messages.get(channelId) ?? []).filter((m) => ephemeral || !(m.flags & EPHEMERAL));
  }

  message(id: string): StoredMessage | undefined {
    for (const list of this.messages.values()) {
      const found = list.find((m) => m.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Requests to a route, e.g. `fake.requestsTo('POST', /\/channels\/\d+\/messages$/)`. */
  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async waitFor<T>(check: () => T | undefined | false | null, what: string, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > end) throw new Error(`fake discord: timed out waiting for ${what}`);
      await sleep(5);
    }
  }

  // ---- gateway -------------------------------------------------------------------------------------

  private send(ws: WebSocket | null, payload: Json) {
    if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  private onSocket(ws: WebSocket) {
    this.send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    ws.on('message', (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw)) as Json;
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.onGatewayPayload(ws, payload);
    });
    ws.on('close', () => {
      for (const s of this.sessions) if (s.ws === ws) s.ws = null;
    });
  }

  private onGatewayPayload(ws: WebSocket, payload: Json) {
    const d = (payload.d ?? {}) as Json;
    switch (payload.op) {
      case 1:
        this.heartbeats += 1;
        this.send(ws, { op: 11, d: null, s: null, t: null });
        return;
      case 2: {
        if (d.token !== this.token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        const shard = (Array.isArray(d.shard) ? d.shard : [0, 1]) as [number, number];
        const session: GatewaySession = {
          id: randomBytes(8).toString('hex'),
          ws,
          seq: 0,
          shard,
          identify: d,
          sent: [],
          resumed: 0,
        };
        this.sessions.push(session);
        const guilds = this.guilds.filter((g) => this.shardOf(g.id, shard[1]) === shard[0]);
        this.dispatchTo(session, 'READY', {
          v: 10,
          user: this.botUser,
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: session.id,
          resume_gateway_url: this.gatewayUrl,
          shard,
          application: { id: this.appId, flags: 0 },
        });
        for (const g of guilds) this.dispatchTo(session, 'GUILD_CREATE', this.guildPayload(g));
        return;
      }
      case 6: {
        const session = this.sessions.find((s) => s.id === d.session_id);
        if (!session || d.token !== this.token) {
          this.send(ws, { op: 9, d: false, s: null, t: null });
          return;
        }
        session.ws = ws;
        session.resumed += 1;
        for (const e of session.sent) if (e.s > Number(d.seq)) this.send(ws, { op: 0, s: e.s, t: e.t, d: e.d });
        this.dispatchTo(session, 'RESUMED', {});
        return;
      }
      default:
        return;
    }
  }

  private shardOf(guildId: string, shards: number): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(shards));
  }

  /** The live session of the shard that owns a guild (the latest one, if a client identified again). */
  sessionFor(guildId: string): GatewaySession {
    const session = [...this.sessions].reverse().find((s) => this.shardOf(guildId, s.shard[1]) === s.shard[0]);
    if (!session) throw new Error(`fake discord: no gateway session for guild ${guildId}`);
    return session;
  }

  /** Sends a dispatch; a session that is disconnected keeps it for RESUME to replay. */
  dispatchTo(session: GatewaySession, t: string, d: unknown) {
    session.seq += 1;
    session.sent.push({ s: session.seq, t, d });
    this.send(session.ws, { op: 0, s: session.seq, t, d });
  }

  /** Asks every connected session to reconnect (op 7); discord.js then resumes. */
  requestReconnect() {
    for (const s of this.sessions) this.send(s.ws, { op: 7, d: null, s: null, t: null });
  }

  /** Forgets every session, as after a long outage: a RESUME is then answered with INVALID_SESSION. */
  forgetSessions() {
    for (const s of this.sessions) s.id = `forgotten-${s.id}`;
  }

  /** Closes every connection as a failing server would (4000: unknown error, which clients resume after). */
  dropConnections() {
    for (const s of this.sessions) s.ws?.close(4000, 'Unknown error');
  }

  private guildPayload(g: FakeGuild): Json {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: '1300000000000000099',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        { id: g.id, name: '@everyone', permissions: '1024', position: 0 },
        ...g.roles.map((r, i) => ({ id: r.id, name: r.name, permissions: '0', position: i + 1 })),
      ].map((r) => ({
        color: 0,
        hoist: false,
        icon: null,
        unicode_emoji: null,
        managed: false,
        mentionable: false,
        flags: 0,
        ...r,
      })),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      voice_states: [],
      members: [],
      channels: g.channels.map((c, position) => ({
        id: c.id,
        type: 0,
        guild_id: g.id,
        name: c.name,
        position,
        permission_overwrites: [],
        parent_id: null,
        topic: null,
        nsfw: false,
        last_message_id: null,
        rate_limit_per_user: 0,
      })),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ---- interactions --------------------------------------------------------------------------------

  /** A message someone else wrote in a channel (findPost must not take it for the bot's). */
  postAs(author: FakeUser, channelId: string, data: Json): StoredMessage {
    return this.store(channelId, data, {
      author: { id: author.id, username: author.username, discriminator: '0', avatar: null, global_name: null },
    });
  }

  private interactionBase(user: FakeUser, type: number, channelId: string, guildId: string): InteractionRecord {
    const guild = this.guilds.find((g) => g.id === guildId) ?? this.guild;
    const channel = guild.channels.find((c) => c.id === channelId);
    const id = snowflake();
    const token = `itok-${randomBytes(12).toString('hex')}`;
    const payload: Json = {
      id,
      application_id: this.appId,
      type,
      token,
      version: 1,
      guild_id: guild.id,
      guild: { id: guild.id, locale: 'en-US', features: [] },
      channel_id: channelId,
      channel: { id: channelId, type: 0, name: channel?.name ?? 'unknown', guild_id: guild.id, flags: 0 },
      member: {
        user: {
          id: user.id,
          username: user.username,
          global_name: user.globalName ?? null,
          discriminator: '0',
          avatar: null,
        },
        roles: user.roles ?? [],
        permissions: user.permissions ?? '2147764224',
        nick: user.nick ?? null,
        avatar: null,
        joined_at: '2026-01-01T00:00:00.000Z',
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        communication_disabled_until: null,
      },
      app_permissions: '2147764224',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 26_214_400,
    };
    const record: InteractionRecord = {
      id,
      token,
      type,
      payload,
      createdAt: Date.now(),
      callbacks: [],
      originalId: undefined,
      followups: [],
      late: 0,
    };
    this.interactions.set(token, record);
    return record;
  }

  private deliver(record: InteractionRecord, guildId: string): InteractionRecord {
    this.dispatchTo(this.sessionFor(guildId), 'INTERACTION_CREATE', record.payload);
    return record;
  }

  /** A member runs a slash command; `options` are Discord's (subcommand options nested in it). */
  command(
    user: FakeUser,
    name: string,
    options: Json[] = [],
    where: { channelId?: string; guildId?: string; dm?: boolean } = {},
  ): InteractionRecord {
    const guildId = where.guildId ?? this.guild.id;
    const record = this.interactionBase(user, 2, where.channelId ?? this.channel.id, guildId);
    if (where.dm) {
      // A direct message: no guild, and the user instead of a member.
      const member = record.payload.member as Json;
      for (const key of ['guild_id', 'guild', 'member']) delete record.payload[key];
      record.payload.user = member.user;
      record.payload.channel = { id: record.payload.channel_id, type: 1, recipients: [member.user] };
      record.payload.context = 1;
    }
    const command = (this.commands.get(guildId) ?? this.commands.get('global') ?? []).find((c) => c.name === name);
    const users = collectUsers(options);
    record.payload.data = {
      id: String(command?.id ?? snowflake()),
      name,
      type: 1,
      guild_id: guildId,
      options,
      ...(users.length
        ? {
            resolved: {
              users: Object.fromEntries(
                users.map((u) => [u, { id: u, username: `user${u.slice(-4)}`, discriminator: '0', avatar: null }]),
              ),
            },
          }
        : {}),
    };
    return this.deliver(record, guildId);
  }

  /** A member presses a button on a message. */
  click(user: FakeUser, message: StoredMessage, customId: string): InteractionRecord {
    const guildId = String(message.guild_id ?? this.guild.id);
    const record = this.interactionBase(user, 3, message.channel_id, guildId);
    record.payload.message = message;
    record.payload.data = { custom_id: customId, component_type: 2 };
    record.originalId = message.id;
    return this.deliver(record, guildId);
  }

  /** A member submits a modal; `from` is the message whose button opened it, if any. */
  submitModal(user: FakeUser, customId: string, components: Json[], from?: StoredMessage): InteractionRecord {
    const guildId = String(from?.guild_id ?? this.guild.id);
    const record = this.interactionBase(user, 5, from?.channel_id ?? this.channel.id, guildId);
    record.payload.data = { custom_id: customId, components };
    if (from) {
      record.payload.message = from;
      record.originalId = from.id;
    }
    return this.deliver(record, guildId);
  }

  /** The modal an interaction was answered with, if any. */
  modalOf(record: InteractionRecord): Json | undefined {
    return record.callbacks.find((c) => c.type === 9)?.data;
  }

  /** What the member sees of an interaction's answer: its original message (unless deleted) and follow-ups. */
  shown(record: InteractionRecord): StoredMessage[] {
    const ids = [...(record.originalId ? [record.originalId] : []), ...record.followups];
    return ids.map((id) => this.message(id)).filter((m): m is StoredMessage => m !== undefined);
  }

  // ---- REST ----------------------------------------------------------------------------------------

  private async readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedRequest['files'] }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (raw.length === 0) return { body: undefined, files: [] };
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: raw,
      }).formData();
      const files: RecordedRequest['files'] = [];
      let body: unknown;
      for (const [key, value] of form.entries()) {
        if (key === 'payload_json') body = JSON.parse(String(value));
        else if (typeof value !== 'string') files.push({ key, name: value.name, size: value.size });
      }
      return { body, files };
    }
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  }

  private reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (this.lost.has(res)) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: '500: Internal Server Error', code: 0 }));
      return;
    }
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const { body, files } = await this.readBody(req);
    if (!url.pathname.startsWith('/api/v10/')) return this.reply(res, 404, { message: '404: Not Found', code: 0 });
    const path = decodeURIComponent(url.pathname.slice('/api/v10'.length));
    this.requests.push({ method, path, query: url.searchParams, body, files, at: Date.now() });

    const failure = this.failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.times -= 1;
      return this.reply(res, failure.status, failure.body, failure.headers);
    }
    const loss = this.losses.find((l) => l.times > 0 && l.method === method && l.path.test(path));
    if (loss) {
      loss.times -= 1;
      this.lost.add(res);
    }
    // Interaction callbacks and webhooks authenticate by their token; everything else needs the bot token.
    const tokenAuth = path.startsWith('/interactions/') || path.startsWith('/webhooks/');
    if (!tokenAuth && req.headers.authorization !== `Bot ${this.token}`)
      return this.reply(res, 401, { message: '401: Unauthorized', code: 0 });

    if (method === 'GET' && path === '/gateway/bot') {
      return this.reply(res, 200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/users/@me') return this.reply(res, 200, this.botUser);
    if (method === 'GET' && path === '/applications/@me')
      return this.reply(res, 200, { id: this.appId, name: 'Bar Raiser', bot: this.botUser });
    const commands = /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/.exec(path);
    if (commands) return this.onCommands(res, method, commands[1] ?? '', commands[2] ?? 'global', body);
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path);
    if (callback && method === 'POST')
      return this.onCallback(res, callback[1] ?? '', callback[2] ?? '', body as Json, url.searchParams);
    const webhook = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(path);
    if (webhook) return this.onWebhook(res, method, webhook[2] ?? '', webhook[3], body as Json | undefined);
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (channel) return this.onChannelMessages(res, method, channel[1] ?? '', body as Json, url.searchParams);
    return this.reply(res, 404, { message: '404: Not Found', code: 0 });
  }

  private onCommands(res: ServerResponse, method: string, appId: string, scope: string, body: unknown) {
    if (appId !== this.appId) return this.reply(res, 403, { message: 'Missing Access', code: 50001 });
    if (method === 'PUT') {
      const list = (body as Json[]).map((c) => ({ id: snowflake(), application_id: this.appId, version: '1', ...c }));
      this.commands.set(scope, list);
      return this.reply(res, 200, list);
    }
    return this.reply(res, 200, this.commands.get(scope) ?? []);
  }

  private findChannel(channelId: string): { guild: FakeGuild; channel: FakeChannel } | undefined {
    for (const guild of this.guilds) {
      const channel = guild.channels.find((c) => c.id === channelId);
      if (channel) return { guild, channel };
    }
    return undefined;
  }

  private store(channelId: string, data: Json, extra: Json = {}): StoredMessage {
    const where = this.findChannel(channelId);
    const message: StoredMessage = {
      id: snowflake(),
      type: 0,
      channel_id: channelId,
      ...(where ? { guild_id: where.guild.id } : {}),
      author: this.botUser,
      content: String(data.content ?? ''),
      embeds: (data.embeds as Json[] | undefined) ?? [],
      components: (data.components as Json[] | undefined) ?? [],
      attachments: ((data.attachments as Json[] | undefined) ?? []).map((a) => ({ ...a, id: snowflake() })),
      flags: Number(data.flags ?? 0),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      ...extra,
    };
    const list = this.messages.get(channelId) ?? [];
    list.push(message);
    this.messages.set(channelId, list);
    return message;
  }

  private edit(message: StoredMessage, data: Json) {
    for (const key of ['content', 'embeds', 'components', 'attachments'] as const)
      if (data[key] !== undefined) (message as Json)[key] = data[key];
    message.edited_timestamp = new Date().toISOString();
  }

  private remove(id: string) {
    for (const [channel, list] of this.messages)
      this.messages.set(
        channel,
        list.filter((m) => m.id !== id),
      );
  }

  private onCallback(res: ServerResponse, id: string, token: string, body: Json, query: URLSearchParams) {
    const record = this.interactions.get(token);
    if (!record || record.id !== id) return this.reply(res, 404, { message: 'Unknown interaction', code: 10062 });
    if (Date.now() - record.createdAt > this.deadlineMs) {
      record.late += 1;
      return this.reply(res, 404, { message: 'Unknown interaction', code: 10062 });
    }
    if (record.callbacks.length > 0)
      return this.reply(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    const type = Number(body.type);
    const data = body.data as Json | undefined;
    record.callbacks.push({ type, ...(data ? { data } : {}), at: Date.now() });
    const channelId = String(record.payload.channel_id);
    const meta = {
      interaction_metadata: {
        id: record.id,
        type: record.type,
        user: (record.payload.member as Json | undefined)?.user ?? record.payload.user,
        authorizing_integration_owners: record.payload.authorizing_integration_owners,
      },
      application_id: this.appId,
      webhook_id: this.appId,
    };
    if (type === 4) record.originalId = this.store(channelId, data ?? {}, { ...meta, type: 20 }).id;
    if (type === 5)
      record.originalId = this.store(channelId, { flags: Number(data?.flags ?? 0) | 128 }, { ...meta, type: 20 }).id;
    if (type === 7 && record.originalId) {
      const message = this.message(record.originalId);
      if (message) this.edit(message, data ?? {});
    }
    if (query.get('with_response') === 'true') {
      return this.reply(res, 200, {
        interaction: { id: record.id, type: record.type },
        resource: { type, ...(record.originalId ? { message: this.message(record.originalId) } : {}) },
      });
    }
    return this.reply(res, 204);
  }

  private onWebhook(res: ServerResponse, method: string, token: string, messageId: string | undefined, body?: Json) {
    const record = this.interactions.get(token);
    if (!record || record.callbacks.length === 0)
      return this.reply(res, 404, { message: 'Unknown Webhook', code: 10015 });
    const id = messageId === '@original' ? record.originalId : messageId;
    if (messageId === undefined && method === 'POST') {
      const message = this.store(String(record.payload.channel_id), body ?? {}, {
        application_id: this.appId,
        webhook_id: this.appId,
      });
      record.followups.push(message.id);
      return this.reply(res, 200, message);
    }
    const message = id ? this.message(id) : undefined;
    if (!message) return this.reply(res, 404, { message: 'Unknown Message', code: 10008 });
    if (method === 'GET') return this.reply(res, 200, message);
    if (method === 'PATCH') {
      this.edit(message, body ?? {});
      // A deferred reply stops "thinking" once edited.
      message.flags &= ~128;
      return this.reply(res, 200, message);
    }
    if (method === 'DELETE') {
      this.remove(message.id);
      return this.reply(res, 204);
    }
    return this.reply(res, 405, { message: '405: Method Not Allowed', code: 0 });
  }

  private onChannelMessages(
    res: ServerResponse,
    method: string,
    channelId: string,
    body: Json,
    query: URLSearchParams,
  ) {
    const where = this.findChannel(channelId);
    if (!where) return this.reply(res, 404, { message: 'Unknown Channel', code: 10003 });
    if (where.channel.access === 'missing-access')
      return this.reply(res, 403, { message: 'Missing Access', code: 50001 });
    if (method === 'GET') {
      const limit = Math.min(100, Number(query.get('limit') ?? 50));
      // Newest first, and without nonces: Discord returns a nonce only when the message is created.
      const list = this.channelMessages(channelId)
        .slice()
        .reverse()
        .slice(0, limit)
        .map(({ nonce: _nonce, ...rest }) => rest);
      return this.reply(res, 200, list);
    }
    if (method === 'POST') {
      const nonce = body.nonce === undefined ? undefined : String(body.nonce);
      if (nonce !== undefined && nonce.length > 25)
        return this.reply(res, 400, { message: 'Invalid Form Body', code: 50035, errors: { nonce: 'too long' } });
      const key = `${channelId}|${nonce}`;
      if (nonce !== undefined && body.enforce_nonce === true) {
        const existing = this.nonces.get(key);
        const message = existing ? this.message(existing) : undefined;
        if (message) return this.reply(res, 200, { ...message, nonce });
      }
      const message = this.store(channelId, body, nonce === undefined ? {} : { nonce });
      if (nonce !== undefined) this.nonces.set(key, message.id);
      return this.reply(res, 200, message);
    }
    return this.reply(res, 405, { message: '405: Method Not Allowed', code: 0 });
  }
}

function collectUsers(options: Json[]): string[] {
  return options.flatMap((o) =>
    o.type === 6 ? [String(o.value)] : Array.isArray(o.options) ? collectUsers(o.options as Json[]) : [],
  );
}
