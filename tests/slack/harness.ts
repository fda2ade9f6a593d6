// One Slack adapter under test: the real Bolt app on 127.0.0.1, the fake Slack it talks to, a signed
// client playing Slack's side, and helpers that turn what Slack would show back into plain text.

import pino from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { AdapterHandlers } from '../../src/adapters/adapter';
import { SlackAdapter, type SlackAdapterOptions } from '../../src/adapters/slack/slack-adapter';
import { parseConfig } from '../../src/config';
import { fixedClock } from '../../src/core/clock';
import { dailyButtons } from '../../src/core/problem-message';
import type { Database } from '../../src/db/database';
import { type Seen, scriptedCore } from '../contract/adapter-contract';
import { type TestBot, testBot } from '../helpers/bot';
import { testDatabase } from '../helpers/db';
import { type FakeSlack, type Response, startFakeSlack } from './fake-slack';
import { type Member, SignedClient } from './signed-client';

export const TEAM = 'T0001';
export const CHANNEL = 'C0001';
export const SECRET = 'test-signing-secret-4f8a2c9e71';
export const BOT_TOKEN = 'xoxb-1111-2222-testbottoken';

/** The buttons under every daily problem, as members read them. */
export const DAILY_BUTTON_LABELS = dailyButtons('any').map((b) => b.label);

/** The members of the fake workspace: name -> Slack user id. */
export const MEMBERS: Record<string, string> = { alice: 'U0001', bob: 'U0002', olivia: 'U0009' };

type Payload = Record<string, unknown>;
interface SlackBlock {
  type: string;
  text?: { text?: string };
  fields?: { text?: string }[];
  elements?: { type?: string; text?: string | { text?: string }; value?: string; action_id?: string }[];
  alt_text?: string;
}

/** Slack mrkdwn back to the words a member reads. */
export function readMrkdwn(s: string): string {
  return s
    .replace(/<([^|<>]+)\|([^<>]+)>/g, '$2')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<((?:https?|mailto):[^<>]+)>/g, '$1')
    .replace(/[*`~]/g, '')
    .replace(/(^|[^\w])_([^_\n]+)_(?=[^\w]|$)/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** All readable text of some blocks, one line per text object. */
export function blockText(blocks: unknown[]): string {
  const lines: string[] = [];
  for (const b of blocks as SlackBlock[]) {
    if (b.text?.text) lines.push(b.text.text);
    for (const f of b.fields ?? []) if (f.text) lines.push(f.text);
    if (b.type === 'context') for (const e of b.elements ?? []) if (typeof e.text === 'string') lines.push(e.text);
    if (b.type === 'image' && b.alt_text) lines.push(b.alt_text);
  }
  return readMrkdwn(lines.join('\n'));
}

export function buttonsOf(blocks: unknown[]) {
  return (blocks as SlackBlock[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({
      label: typeof e.text === 'object' ? (e.text.text ?? '') : '',
      value: e.value ?? '',
      action_id: e.action_id ?? '',
    }));
}

/** What a member saw from some payloads, and the raw blocks kept for clicking. */
const rawOf = new WeakMap<Seen, { blocks: unknown[]; channel: string }>();

export function seenOf(payloads: Payload[], channel = CHANNEL): Seen {
  const blocks = payloads.flatMap((p) => (p.blocks as unknown[]) ?? []);
  const text = payloads.map((p) => (p.blocks ? blockText(p.blocks as unknown[]) : String(p.text ?? ''))).join('\n');
  const seen: Seen = {
    visibility: payloads.some((p) => p.response_type === 'in_channel') ? 'channel' : 'private',
    text,
    buttons: buttonsOf(blocks).map((b) => b.label),
  };
  rawOf.set(seen, { blocks, channel });
  return seen;
}

export function rawBlocks(seen: Seen) {
  return rawOf.get(seen);
}

export interface SlackTest {
  fake: FakeSlack;
  adapter: SlackAdapter;
  client: SignedClient;
  database: Database;
  logs: Record<string, unknown>[];
  /** Every log line as written, for checks that no secret leaks. */
  logText(): string;
  start(handlers: AdapterHandlers): Promise<void>;
  stop(): Promise<void>;
  member(name: string): Member;
  /** Runs `/command text` as `name` and waits until every answer has arrived. */
  run(
    name: string,
    command: string,
    text?: string,
    where?: { channel?: string },
  ): Promise<{ status: number; ms: number; responses: Response[]; seen: Seen; triggerId: string; responseUrl: string }>;
  /** Presses the button labelled `label` on what `name` saw, as `name`. */
  press(name: string, seen: Seen, label: string): Promise<{ status: number; responses: Response[]; seen: Seen }>;
}

export interface SlackTestOptions extends SlackAdapterOptions {
  /** Extra environment, e.g. OAuth variables. */
  env?: Record<string, string>;
  /** Start without SLACK_BOT_TOKEN (OAuth installs only). */
  noBotToken?: boolean;
}

export async function slackTest(options: SlackTestOptions = {}): Promise<SlackTest> {
  const fake = await startFakeSlack();
  fake.addTeam(TEAM, BOT_TOKEN);
  fake.addUser(TEAM, MEMBERS.alice ?? '', 'alice');
  fake.addUser(TEAM, MEMBERS.bob ?? '', 'bob');
  fake.addUser(TEAM, MEMBERS.olivia ?? '', 'olivia', { admin: true });
  fake.addChannel(TEAM, CHANNEL, 'study');
  fake.addChannel(TEAM, 'C0002', 'no-bot-here', { member: false });
  fake.addChannel(TEAM, 'C0003', 'old-cohort', { archived: true });

  const database = await testDatabase();
  const logs: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const log = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        lines.push(line);
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const config = parseConfig({
    ...(options.noBotToken ? {} : { SLACK_BOT_TOKEN: BOT_TOKEN }),
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    HOST: '127.0.0.1',
    ...options.env,
  });
  const { env: _env, noBotToken: _n, ...adapterOptions } = options;
  const adapter = new SlackAdapter(
    config,
    { log, db: database.db, clock: fixedClock(new Date('2026-11-25T10:00:00Z')) },
    { port: 0, ...adapterOptions },
  );
  let client: SignedClient | undefined;
  const signed = () => {
    if (!client) throw new Error('start the adapter first');
    return client;
  };

  const member = (name: string): Member => {
    let id = MEMBERS[name];
    if (!id) {
      id = `U${name
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '')
        .slice(0, 8)}`;
      MEMBERS[name] = id;
    }
    if (!fake.users.has(`${TEAM}/${id}`)) fake.addUser(TEAM, id, name);
    return { user: id, userName: name };
  };

  /** The acknowledgement's message (if any) and everything sent to the response_url after it. */
  async function settle(answer: { status: number; body: Payload | null }, responseUrl: string) {
    if (answer.body && (answer.body.blocks || answer.body.text)) {
      const problems = fake.acceptAck(responseUrl, answer.body);
      if (problems.length) throw new Error(`Slack would refuse the acknowledgement: ${problems.join('; ')}`);
    }
    await adapter.whenIdle();
    return fake.responses(responseUrl);
  }

  return {
    fake,
    adapter,
    get client() {
      return signed();
    },
    database,
    logs,
    logText: () => lines.join(''),
    async start(handlers) {
      await adapter.start(handlers);
      const port = adapter.address()?.port;
      client = new SignedClient(`http://127.0.0.1:${port}/slack/events`, SECRET, fake);
    },
    async stop() {
      await adapter.stop();
      await fake.close();
    },
    member,
    async run(name, command, text = '', where = {}) {
      const answer = await signed().command(member(name), command, text, where);
      const responses = await settle(answer, answer.responseUrl);
      return {
        status: answer.status,
        ms: answer.ms,
        responses,
        seen: seenOf(
          responses.map((r) => r.payload),
          where.channel,
        ),
        triggerId: answer.triggerId,
        responseUrl: answer.responseUrl,
      };
    },
    async press(name, seen, label) {
      const raw = rawOf.get(seen);
      const button = raw && buttonsOf(raw.blocks).find((b) => b.label === label);
      if (!raw || !button) throw new Error(`no button "${label}" on that message`);
      const answer = await signed().click(member(name), { ...button, text: label }, { channel: raw.channel });
      const responses = await settle(answer, answer.responseUrl);
      return {
        status: answer.status,
        responses,
        seen: seenOf(
          responses.map((r) => r.payload),
          raw.channel,
        ),
      };
    },
  };
}

interface InputBlock {
  type: string;
  block_id?: string;
  element?: { type: string; options?: { value: string }[]; option_groups?: { options: { value: string }[] }[] };
}

/**
 * The state Slack would submit for a modal when a member picks these answers (by the core's option
 * values, or by Slack's own option values for options whose values are too long to carry).
 */
export function stateFor(view: Record<string, unknown>, answers: Record<string, string | string[]>) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of (view.blocks as InputBlock[]) ?? []) {
    if (block.type !== 'input' || !block.block_id || !block.element) continue;
    const name = block.block_id.split('~')[0] ?? '';
    const wanted = answers[name];
    const options = block.element.options ?? block.element.option_groups?.flatMap((g) => g.options) ?? [];
    if (block.element.type === 'static_select') {
      const picked = options.find((o) => o.value === wanted);
      values[block.block_id] = { value: { type: 'static_select', selected_option: picked ?? null } };
    } else {
      const list = Array.isArray(wanted) ? wanted : [];
      values[block.block_id] = {
        value: { type: 'checkboxes', selected_options: options.filter((o) => list.includes(o.value)) },
      };
    }
  }
  return values;
}

/** A Slack adapter around each test of the enclosing describe, serving the real bot (test database, mini pack). */
export function withRealBot(options: SlackTestOptions = {}) {
  const s = {} as { t: SlackTest; tb: TestBot };
  beforeEach(async () => {
    s.tb = await testBot();
    s.t = await slackTest(options);
    await s.t.start(s.tb.bot);
  });
  afterEach(() => s.t.stop());
  return s;
}

/** A Slack adapter around each test of the enclosing describe, serving a scripted core (the adapter alone). */
export function withScriptedCore(options: SlackTestOptions = {}, prepare?: (t: SlackTest) => void) {
  const s = {} as { t: SlackTest; core: ReturnType<typeof scriptedCore> };
  beforeEach(async () => {
    s.t = await slackTest(options);
    s.core = scriptedCore();
    prepare?.(s.t);
    await s.t.start(s.core.handlers);
  });
  afterEach(() => s.t.stop());
  return s;
}
