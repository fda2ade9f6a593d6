import { PermissionFlagsBits } from 'discord.js';
import pino from 'pino';
import {
  DiscordAdapter,
  type DiscordAdapterOptions,
  type DiscordConfig,
} from '../../src/adapters/discord/discord-adapter';
import type { DiscordHandlers } from '../../src/adapters/discord/interactions';
import type { Command } from '../../src/core/command';
import { resolveSubcommand } from '../../src/core/command';
import { commands as registry } from '../../src/core/commands/index';
import type { Seen } from '../contract/adapter-contract';
import {
  FakeDiscord,
  type FakeDiscordOptions,
  type FakeUser,
  type InteractionRecord,
  type StoredMessage,
} from './fake-discord';

type Json = Record<string, unknown>;

/** Members of the fake server. `carol` has Manage Server; `olga` holds the organizer role. */
export const ORGANIZER_ROLE_ID = '1300000000000000021';
const MEMBER_PERMISSIONS = String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.ViewChannel);
const known: Record<string, FakeUser> = {
  alice: { id: '1400000000000000001', username: 'alice', globalName: 'Alice' },
  bob: { id: '1400000000000000002', username: 'bob' },
  carol: {
    id: '1400000000000000003',
    username: 'carol',
    permissions: String(BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild),
  },
  olga: { id: '1400000000000000004', username: 'olga', roles: [ORGANIZER_ROLE_ID] },
};

export function user(name: string): FakeUser {
  const found = known[name];
  if (found) return { permissions: MEMBER_PERMISSIONS, ...found };
  // Any other name gets a stable id of its own.
  const n = [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 1_000_000, 7);
  return { id: `14000000000${String(n).padStart(7, '0')}`, username: name, permissions: MEMBER_PERMISSIONS };
}

const OPTION_TYPES = { integer: 4, string: 3, user: 6 } as const;

/** What a member's Discord client sends for `/name tokens…`: the options Discord builds from the picker. */
export function discordOptions(name: string, tokens: string[], commands: readonly Command[] = registry): Json[] {
  const command = commands.find((c) => c.name === name);
  if (!command) return [];
  const { sub, rest } = resolveSubcommand(command, tokens);
  const options = (sub.options ?? []).flatMap((spec, i): Json[] => {
    const raw = spec.type === 'string' && spec.rest ? rest.slice(i).join(' ') : rest[i];
    if (raw === undefined || raw === '' || spec.hidden) return [];
    const value =
      spec.type === 'integer' ? Number(raw) : spec.type === 'user' ? raw.replace(/^<@discord:(\d+)>$/, '$1') : raw;
    return [{ name: spec.name, type: OPTION_TYPES[spec.type], value }];
  });
  return command.subcommands.length === 1 ? options : [{ type: 1, name: sub.name, options }];
}

const strip = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/^-# /, ''))
    .join('\n')
    .replace(/\*\*|__|`/g, '');

/** All readable text of a Discord message: embeds, components v2 text, content. */
export function textOf(m: StoredMessage): string {
  const parts: string[] = [];
  if (m.content) parts.push(m.content);
  for (const e of m.embeds) {
    if (e.title) parts.push(String(e.title));
    if (e.description) parts.push(String(e.description));
    for (const f of (e.fields as Json[] | undefined) ?? []) parts.push(`${String(f.name)}: ${String(f.value)}`);
    if (e.footer) parts.push(String((e.footer as Json).text));
  }
  return strip(parts.join('\n'));
}

export function buttonsOf(m: StoredMessage): Json[] {
  return m.components.flatMap((row) => ((row.components as Json[] | undefined) ?? []).filter((c) => c.type === 2));
}

export interface Rig {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  config: DiscordConfig;
  logs: Record<string, unknown>[];
  /** The study channel as the core names it. */
  channelKey: string;
  start(handlers: DiscordHandlers): Promise<void>;
  /** Waits until the adapter has answered the interaction completely. */
  settle(record: InteractionRecord): Promise<InteractionRecord>;
  /** `user` runs `/command tokens…`; resolves once answered. */
  run(user: string, command: string, tokens?: string[]): Promise<InteractionRecord>;
  /** What the member sees of an interaction, as the contract compares it. */
  see(messages: StoredMessage[]): Seen;
  seen(record: InteractionRecord): Seen;
  /** `user` presses the button labelled `label` on one of `messages`. */
  press(user: string, messages: StoredMessage[], label: string): Promise<InteractionRecord>;
  click(user: string, seen: Seen, label: string): Promise<Seen>;
  /** Submits the modal `record` was answered with; `answers` per label in order (undefined keeps the default). */
  submit(
    user: string,
    record: InteractionRecord,
    answers: (string | string[] | undefined)[],
  ): Promise<InteractionRecord>;
  submitForm(user: string, command: string, answers: Record<string, string | string[]>): Promise<Seen>;
  stop(): Promise<void>;
}

/** The current answers of a modal: what each label's input has selected by default. */
export function modalDefaults(modal: Json): (string | string[] | undefined)[] {
  return ((modal.components as Json[]) ?? []).map((label) => {
    const c = label.component as Json;
    const chosen = ((c.options as Json[]) ?? []).filter((o) => o.default).map((o) => String(o.value));
    return c.type === 21 || (c.type === 3 && c.max_values === 1) ? chosen[0] : chosen;
  });
}

/** A modal submission as Discord's client sends it. */
export function modalSubmission(modal: Json, answers: (string | string[] | undefined)[]): Json[] {
  const defaults = modalDefaults(modal);
  return ((modal.components as Json[]) ?? []).map((label, i) => {
    const c = label.component as Json;
    const a = answers[i] === undefined ? defaults[i] : answers[i];
    const values = a === undefined ? [] : Array.isArray(a) ? a : [a];
    const component =
      c.type === 21
        ? { type: 21, custom_id: c.custom_id, value: values[0] ?? null }
        : { type: c.type, custom_id: c.custom_id, values };
    return { type: 18, id: i + 1, component };
  });
}

/** A fake Discord and the adapter pointed at it (not started). */
export async function startRig(
  options: {
    fake?: FakeDiscordOptions;
    config?: Partial<DiscordConfig>;
    adapter?: Partial<DiscordAdapterOptions>;
  } = {},
): Promise<Rig> {
  const fake = await FakeDiscord.start(options.fake);
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const config: DiscordConfig = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_APPLICATION_ID: undefined,
    DISCORD_GUILD_ID: fake.guild.id,
    DISCORD_ORGANIZER_ROLE: undefined,
    ...options.config,
  };
  const adapter = new DiscordAdapter({ config, log, ...options.adapter });
  const shownBy = new WeakMap<Seen, StoredMessage[]>();

  const rig: Rig = {
    fake,
    adapter,
    config,
    logs,
    channelKey: `discord:${fake.guild.id}/${fake.channel.id}`,
    async start(handlers) {
      await adapter.start(handlers);
    },
    async settle(record) {
      await fake.waitFor(() => record.callbacks.length > 0 || record.late > 0, `an answer to interaction ${record.id}`);
      await adapter.idle();
      return record;
    },
    async run(name, command, tokens = []) {
      return rig.settle(fake.command(user(name), command, discordOptions(command, tokens)));
    },
    see(messages) {
      const seen: Seen = {
        visibility: messages.some((m) => !(m.flags & 64)) ? 'channel' : 'private',
        text: messages.map(textOf).join('\n'),
        buttons: messages.flatMap((m) => buttonsOf(m).map((b) => String(b.label))),
      };
      shownBy.set(seen, messages);
      return seen;
    },
    seen(record) {
      return rig.see(fake.shown(record));
    },
    async press(name, messages, label) {
      for (const m of messages) {
        const button = buttonsOf(m).find((b) => b.label === label);
        if (button) return rig.settle(fake.click(user(name), m, String(button.custom_id)));
      }
      throw new Error(`no button "${label}"`);
    },
    async click(name, seen, label) {
      return rig.seen(await rig.press(name, shownBy.get(seen) ?? [], label));
    },
    async submit(name, record, answers) {
      const modal = fake.modalOf(record);
      if (!modal) throw new Error('that interaction did not open a modal');
      // A modal opened by a button belongs to that button's message; a submit then updates it.
      const from = record.type === 3 ? fake.message(String((record.payload.message as Json).id)) : undefined;
      return rig.settle(fake.submitModal(user(name), String(modal.custom_id), modalSubmission(modal, answers), from));
    },
    async submitForm(name, command, answers) {
      const queue = Object.values(answers);
      let record = await rig.run(name, command, []);
      for (;;) {
        const modal = fake.modalOf(record);
        if (!modal) return rig.seen(record);
        const count = (modal.components as Json[]).length;
        record = await rig.submit(name, record, queue.splice(0, count));
        const next = fake.shown(record).find((m) => buttonsOf(m).some((b) => String(b.label).startsWith('Continue')));
        if (!next) return rig.seen(record);
        const button = buttonsOf(next).find((b) => String(b.label).startsWith('Continue'));
        record = await rig.settle(fake.click(user(name), next, String(button?.custom_id)));
      }
    },
    async stop() {
      await adapter.stop();
      await fake.close();
    },
  };
  return rig;
}

/** Discord's limits, checked on messages as the fake received them. */
export function discordLimitProblems(messages: StoredMessage[]): string[] {
  const problems: string[] = [];
  for (const m of messages) {
    let total = 0;
    if (m.embeds.length > 10) problems.push(`${m.embeds.length} embeds`);
    for (const e of m.embeds) {
      const title = String(e.title ?? '');
      const description = String(e.description ?? '');
      const fields = (e.fields as Json[] | undefined) ?? [];
      if (title.length > 256) problems.push(`title of ${title.length}`);
      if (description.length > 4096) problems.push(`description of ${description.length}`);
      if (fields.length > 25) problems.push(`${fields.length} fields`);
      for (const f of fields) {
        if (String(f.name).length > 256 || String(f.name).length === 0) problems.push(`field name "${f.name}"`);
        if (String(f.value).length > 1024 || String(f.value).length === 0)
          problems.push(`field value of ${String(f.value).length}`);
      }
      total += title.length + description.length + String((e.footer as Json | undefined)?.text ?? '').length;
      total += fields.reduce((n, f) => n + String(f.name).length + String(f.value).length, 0);
    }
    if (total > 6000) problems.push(`${total} characters of embeds`);
    if (m.components.length > 5) problems.push(`${m.components.length} rows`);
    for (const row of m.components) {
      const cs = (row.components as Json[] | undefined) ?? [];
      if (cs.length > 5) problems.push(`${cs.length} buttons in a row`);
      for (const c of cs) {
        if (String(c.custom_id ?? '').length > 100) problems.push(`custom_id of ${String(c.custom_id).length}`);
        if (String(c.label ?? '').length > 80) problems.push(`label of ${String(c.label).length}`);
      }
    }
  }
  return problems;
}
