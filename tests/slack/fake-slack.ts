// A fake Slack on 127.0.0.1: the Web API methods the bot uses, response_url endpoints, file uploads and
// OAuth code exchange. It records every call, enforces Block Kit limits and Slack's rules for
// trigger_ids and response_urls, and can be told to fail (429 with Retry-After, channel_not_found, …).

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { messageBlockProblems, viewProblems } from './block-kit';

export interface FakeMessage {
  ts: string;
  text: string;
  blocks: unknown[];
  metadata?: { event_type: string; event_payload?: Record<string, unknown> };
  /** How it got there: chat.postMessage, or an in_channel answer to a command or click. */
  via: 'api' | 'response';
}

export interface FakeChannel {
  id: string;
  team: string;
  name: string;
  /** Whether the bot is a member (otherwise chat.postMessage answers not_in_channel). */
  member: boolean;
  archived: boolean;
  messages: FakeMessage[];
}

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  /** The bearer token the call carried. */
  token: string | undefined;
  at: number;
}

/** What a member was shown through one response_url (or the acknowledgement of the request that had it). */
export interface Response {
  payload: Record<string, unknown>;
  at: number;
  via: 'ack' | 'response_url';
}

interface ResponseTarget {
  team: string;
  channel: string;
  user: string;
  responses: Response[];
  uses: number;
}

export interface Fault {
  status?: number;
  retryAfter?: number;
  error?: string;
  /** Waits this long before answering (the fault's error or the normal answer). */
  delayMs?: number;
  /** Carries the call out before failing, like an answer lost on the way back. */
  commit?: boolean;
  /** Lets this many calls through before the fault applies. */
  after?: number;
}

export interface FakeView {
  id: string;
  user: string;
  team: string;
  view: Record<string, unknown>;
  history: Record<string, unknown>[];
}

const JSON_ARGS = new Set(['blocks', 'metadata', 'view', 'files', 'attachments']);
const TRIGGER_LIFETIME_MS = 3_000;

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<
    string,
    { id: string; team: string; name: string; displayName: string; admin: boolean; owner: boolean }
  >();
  readonly views = new Map<string, FakeView>();
  readonly files = new Map<string, { filename: string; bytes: number; completed: boolean }>();
  /** Bot tokens -> the team they belong to. */
  readonly tokens = new Map<string, { team: string; botUserId: string; botId: string }>();
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly triggers = new Map<string, { issued: number; used: boolean }>();
  private readonly oauthCodes = new Map<string, { team: string; token: string }>();
  private readonly faults: { method: string; fault: Fault; times: number }[] = [];
  private server: Server | undefined;
  private counter = 0;
  /** App-level tokens (xapp-) that may open Socket Mode connections. */
  readonly appTokens = new Set<string>();
  /** What the bot sent over Socket Mode (acknowledgements), in order. */
  readonly socketMessages: Record<string, unknown>[] = [];
  private sockets: Socket[] = [];
  base = '';

  /** The Web API base URL, for SLACK_API_URL. */
  get url(): string {
    return `${this.base}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    });
    this.server.on('upgrade', (req: IncomingMessage, socket: Socket) => this.upgrade(req, socket));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addTeam(team: string, token: string): void {
    this.tokens.set(token, { team, botUserId: `UB${team}`, botId: `B${team}` });
  }

  addUser(team: string, id: string, name: string, rights: { admin?: boolean; owner?: boolean } = {}): void {
    this.users.set(`${team}/${id}`, {
      id,
      team,
      name,
      displayName: name[0]?.toUpperCase() + name.slice(1),
      admin: rights.admin ?? false,
      owner: rights.owner ?? false,
    });
  }

  addChannel(team: string, id: string, name: string, options: { member?: boolean; archived?: boolean } = {}) {
    this.channels.set(id, {
      id,
      team,
      name,
      member: options.member ?? true,
      archived: options.archived ?? false,
      messages: [],
    });
  }

  /** Makes the next `times` calls to `method` fail (or wait) as described. */
  fault(method: string, fault: Fault, times = 1): void {
    this.faults.push({ method, fault, times });
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A response_url for a request from `user` in `channel`. */
  responseUrl(team: string, channel: string, user: string): string {
    const id = `R${++this.counter}`;
    this.responseTargets.set(id, { team, channel, user, responses: [], uses: 0 });
    return `${this.base}/respond/${id}`;
  }

  /** A trigger_id, valid for 3 seconds and for one use, like Slack's. */
  trigger(): string {
    const id = `${++this.counter}.${randomBytes(4).toString('hex')}`;
    this.triggers.set(id, { issued: Date.now(), used: false });
    return id;
  }

  /** Everything shown through a response_url (and the acknowledgement carrying it), in order. */
  responses(responseUrl: string): Response[] {
    return this.target(responseUrl)?.responses ?? [];
  }

  /** Records an acknowledgement body that carried a message, as Slack would show it. */
  acceptAck(responseUrl: string, payload: Record<string, unknown>): string[] {
    const target = this.target(responseUrl);
    if (!target) return ['unknown response_url'];
    const problems = messageBlockProblems(payload.blocks ?? []);
    if (problems.length) return problems;
    target.responses.push({ payload, at: Date.now(), via: 'ack' });
    if (payload.response_type === 'in_channel') this.append(target.channel, payload, 'response');
    return [];
  }

  /** Lets `code` be exchanged (oauth.v2.access) for a bot token of `team`. */
  oauthCode(team: string, token: string): string {
    const code = `code-${++this.counter}`;
    this.oauthCodes.set(code, { team, token });
    return code;
  }

  private target(responseUrl: string): ResponseTarget | undefined {
    return this.responseTargets.get(responseUrl.split('/').at(-1) ?? '');
  }

  private nextTs(): string {
    this.counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.counter).padStart(6, '0')}`;
  }

  private append(channelId: string, payload: Record<string, unknown>, via: FakeMessage['via']): FakeMessage {
    const message: FakeMessage = {
      ts: this.nextTs(),
      text: String(payload.text ?? ''),
      blocks: (payload.blocks as unknown[]) ?? [],
      ...(payload.metadata ? { metadata: payload.metadata as FakeMessage['metadata'] } : {}),
      via,
    };
    this.channels.get(channelId)?.messages.push(message);
    return message;
  }

  private async route(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', this.base).pathname;
    if (path.startsWith('/api/')) return this.api(path.slice(5), req, raw, res);
    if (path.startsWith('/respond/')) return this.respond(path.slice(9), raw, res);
    if (path.startsWith('/upload/')) {
      const file = this.files.get(path.slice(8));
      if (!file) return send(res, 404, 'no such upload');
      file.bytes = raw.length;
      return send(res, 200, 'OK');
    }
    return send(res, 404, 'not found');
  }

  private respond(id: string, raw: Buffer, res: ServerResponse) {
    const target = this.responseTargets.get(id);
    if (!target) return send(res, 404, JSON.stringify({ ok: false, error: 'expired_url' }));
    // Slack allows five answers per response_url.
    if (target.uses >= 5) return send(res, 404, JSON.stringify({ ok: false, error: 'used_url' }));
    const payload = JSON.parse(raw.toString()) as Record<string, unknown>;
    const problems = messageBlockProblems(payload.blocks ?? []);
    if (problems.length) return send(res, 400, JSON.stringify({ ok: false, error: 'invalid_blocks', problems }));
    target.uses += 1;
    target.responses.push({ payload, at: Date.now(), via: 'response_url' });
    if (payload.response_type === 'in_channel') this.append(target.channel, payload, 'response');
    return send(res, 200, JSON.stringify({ ok: true }));
  }

  private async api(method: string, req: IncomingMessage, raw: Buffer, res: ServerResponse) {
    const args: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw.toString())) {
      args[key] = JSON_ARGS.has(key) ? JSON.parse(value) : value;
    }
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    this.calls.push({ method, args, token, at: Date.now() });

    const i = this.faults.findIndex((f) => f.method === method && f.times > 0);
    let fault = i >= 0 ? this.faults[i] : undefined;
    if (fault?.fault.after) {
      fault.fault.after -= 1;
      fault = undefined;
    }
    if (fault) {
      fault.times -= 1;
      if (fault.fault.delayMs) await new Promise((r) => setTimeout(r, fault.fault.delayMs));
      const bot = token ? this.tokens.get(token) : undefined;
      if (fault.fault.commit && bot) this.method(method, args, bot);
      if (fault.fault.status === 429) {
        res.writeHead(429, { 'retry-after': String(fault.fault.retryAfter ?? 1) });
        return res.end();
      }
      if (fault.fault.status) return send(res, fault.fault.status, 'fault');
      if (fault.fault.error) return ok(res, { ok: false, error: fault.fault.error });
    }

    if (method === 'oauth.v2.access') return this.oauthAccess(args, res);
    if (method === 'apps.connections.open') {
      if (!token || !this.appTokens.has(token)) return ok(res, { ok: false, error: 'invalid_auth' });
      return ok(res, { ok: true, url: `${this.base.replace('http:', 'ws:')}/socket?ticket=${++this.counter}` });
    }
    const bot = token ? this.tokens.get(token) : undefined;
    if (!bot) return ok(res, { ok: false, error: token ? 'invalid_auth' : 'not_authed' });
    return ok(res, this.method(method, args, bot));
  }

  private oauthAccess(args: Record<string, unknown>, res: ServerResponse) {
    const grant = this.oauthCodes.get(String(args.code));
    if (!grant) return ok(res, { ok: false, error: 'invalid_code' });
    this.oauthCodes.delete(String(args.code));
    this.tokens.set(grant.token, { team: grant.team, botUserId: `UB${grant.team}`, botId: `B${grant.team}` });
    return ok(res, {
      ok: true,
      app_id: 'A0BARRAISER',
      authed_user: { id: 'U0INSTALLER' },
      scope: 'commands,chat:write',
      token_type: 'bot',
      access_token: grant.token,
      bot_user_id: `UB${grant.team}`,
      team: { id: grant.team, name: `Team ${grant.team}` },
      enterprise: null,
      is_enterprise_install: false,
    });
  }

  private method(
    method: string,
    args: Record<string, unknown>,
    bot: { team: string; botUserId: string; botId: string },
  ): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: `https://${bot.team.toLowerCase()}.slack.com/`,
          team: `Team ${bot.team}`,
          team_id: bot.team,
          user_id: bot.botUserId,
          bot_id: bot.botId,
        };
      case 'users.info': {
        const user = this.users.get(`${bot.team}/${String(args.user)}`);
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.team,
            name: user.name,
            real_name: user.displayName,
            is_admin: user.admin,
            is_owner: user.owner,
            profile: { display_name: user.displayName, real_name: user.displayName },
          },
        };
      }
      case 'chat.postMessage': {
        const channel = this.channels.get(String(args.channel));
        if (!channel || channel.team !== bot.team) return { ok: false, error: 'channel_not_found' };
        if (channel.archived) return { ok: false, error: 'is_archived' };
        if (!channel.member) return { ok: false, error: 'not_in_channel' };
        if (!args.text && !args.blocks) return { ok: false, error: 'no_text' };
        const problems = messageBlockProblems(args.blocks ?? []);
        if (problems.length) return { ok: false, error: 'invalid_blocks', errors: problems };
        const message = this.append(channel.id, args, 'api');
        return { ok: true, channel: channel.id, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'conversations.history': {
        const channel = this.channels.get(String(args.channel));
        if (!channel || channel.team !== bot.team) return { ok: false, error: 'channel_not_found' };
        if (!channel.member) return { ok: false, error: 'not_in_channel' };
        const limit = Math.min(Number(args.limit ?? 100), 999);
        const start = Number(args.cursor ?? 0);
        const newestFirst = [...channel.messages].reverse();
        const page = newestFirst.slice(start, start + limit);
        const withMetadata = args.include_all_metadata === 'true';
        const next = start + limit < newestFirst.length ? String(start + limit) : '';
        return {
          ok: true,
          messages: page.map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            blocks: m.blocks,
            bot_id: bot.botId,
            // Slack returns metadata only when asked for it.
            ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}),
          })),
          has_more: Boolean(next),
          response_metadata: { next_cursor: next },
        };
      }
      case 'views.open': {
        const trigger = this.triggers.get(String(args.trigger_id));
        if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
        if (trigger.used || Date.now() - trigger.issued > TRIGGER_LIFETIME_MS)
          return { ok: false, error: 'expired_trigger_id' };
        const problems = viewProblems(args.view);
        if (problems.length)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        trigger.used = true;
        const id = `V${++this.counter}`;
        const view = args.view as Record<string, unknown>;
        this.views.set(id, { id, user: '', team: bot.team, view, history: [view] });
        return { ok: true, view: { id, ...view } };
      }
      case 'views.update': {
        const stored = this.views.get(String(args.view_id));
        if (!stored) return { ok: false, error: 'not_found' };
        const problems = viewProblems(args.view);
        if (problems.length)
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
        stored.view = args.view as Record<string, unknown>;
        stored.history.push(stored.view);
        return { ok: true, view: { id: stored.id, ...stored.view } };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${++this.counter}`;
        this.files.set(id, { filename: String(args.filename), bytes: 0, completed: false });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string }[]) ?? [];
        for (const f of files) {
          const file = this.files.get(f.id);
          if (!file || file.bytes === 0) return { ok: false, error: 'file_not_found' };
          file.completed = true;
        }
        return { ok: true, files: files.map((f) => ({ id: f.id })) };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  // A minimal WebSocket server (RFC 6455) for Socket Mode: text frames, ping/pong and close; enough
  // for the real @slack/socket-mode client, without another dependency.
  private upgrade(req: IncomingMessage, socket: Socket) {
    const key = req.headers['sec-websocket-key'];
    if (!req.url?.startsWith('/socket') || typeof key !== 'string') return socket.destroy();
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.push(socket);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const frame = readFrame(buffer);
        if (!frame) break;
        buffer = buffer.subarray(frame.length);
        if (frame.opcode === 0x1) this.socketMessages.push(JSON.parse(frame.payload.toString()));
        else if (frame.opcode === 0x9) socket.write(writeFrame(0xa, frame.payload));
        else if (frame.opcode === 0x8) socket.end(writeFrame(0x8, Buffer.alloc(0)));
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets = this.sockets.filter((s) => s !== socket);
    });
    this.socketSend({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0BARRAISER' } });
  }

  /** Sends a Socket Mode message (an envelope, hello, disconnect) to every connected client. */
  socketSend(message: Record<string, unknown>): void {
    const frame = writeFrame(0x1, Buffer.from(JSON.stringify(message)));
    for (const socket of this.sockets) socket.write(frame);
  }

  get socketConnections(): number {
    return this.sockets.length;
  }

  /** A view a test acts on: the one opened most recently. */
  lastView(): FakeView | undefined {
    return [...this.views.values()].at(-1);
  }

  /** Records what a view_submission acknowledgement did to the view (update), like Slack would. */
  acceptViewAck(viewId: string, body: Record<string, unknown> | null): string[] {
    const stored = this.views.get(viewId);
    if (!stored || !body) return [];
    if (body.response_action === 'update') {
      const problems = viewProblems(body.view);
      if (problems.length) return problems;
      stored.view = body.view as Record<string, unknown>;
      stored.history.push(stored.view);
    }
    return [];
  }
}

function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (buffer.length < 2) return null;
  const opcode = (buffer[0] ?? 0) & 0x0f;
  const masked = ((buffer[1] ?? 0) & 0x80) !== 0;
  let length = (buffer[1] ?? 0) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return null;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return null;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? buffer.subarray(offset, offset + 4) : null;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return null;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return { opcode, payload, length: offset + length };
}

function writeFrame(opcode: number, payload: Buffer): Buffer {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(payload.length)]);
  return Buffer.concat([head, payload]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body);
}

function ok(res: ServerResponse, body: Record<string, unknown>) {
  send(res, 200, JSON.stringify(body));
}

export async function startFakeSlack(): Promise<FakeSlack> {
  return new FakeSlack().start();
}
