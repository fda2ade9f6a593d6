import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../src/adapters/discord/shard-link';
import { DiscordShardedAdapter } from '../../src/adapters/discord/sharding';
import type { Message } from '../../src/core/message';
import { scriptedCore } from '../contract/adapter-contract';
import { FakeDiscord, type FakeGuild } from './fake-discord';
import { discordOptions, textOf, user } from './harness';

type Json = Record<string, unknown>;

/** A guild id that Discord routes to `shard` of two: (id >> 22) % 2. */
const guildOn = (shard: bigint): FakeGuild => {
  const id = String(((100_000_000_000n + shard) << 22n) + 7n);
  return { id, name: `Server ${shard}`, channels: [{ id: `${id.slice(0, -1)}9`, name: 'study' }], roles: [] };
};

describe('sharding', () => {
  let fake: FakeDiscord | undefined;
  let adapter: DiscordShardedAdapter | undefined;
  afterEach(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('carries images across the process boundary intact', () => {
    const message: Message = {
      visibility: 'private',
      blocks: [],
      image: { png: new Uint8Array([0, 1, 2, 255]), alt: 'a', filename: 'a.png' },
    };
    const wire = JSON.parse(JSON.stringify(toWire(message)));
    expect(fromWire(wire)).toEqual(message);
  });

  it('runs one process per shard; each hands its interactions to the core in this process', async () => {
    fake = await FakeDiscord.start({ guilds: [guildOn(0n), guildOn(1n)] });
    const core = scriptedCore();
    core.setForm({
      title: 'Survey',
      submitLabel: 'Send',
      submit: { command: 'survey', args: ['submit'] },
      fields: [{ type: 'select', name: 'n', label: 'N', options: ['1', '2'].map((v) => ({ label: v, value: v })) }],
    });
    core.answer((inv) => ({
      visibility: 'private',
      blocks: [{ type: 'text', text: `hello from the core, ${inv.workspaceId}` }],
      image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'chart', filename: 'chart.png' },
    }));
    const logs: Json[] = [];
    adapter = new DiscordShardedAdapter({
      config: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_SHARDS: 2,
        LOG_LEVEL: 'warn',
      },
      log: pino({ level: 'info' }, { write: (l: string) => logs.push(JSON.parse(l) as Json) }),
      spawnDelayMs: 0,
    });
    // ShardingManager marks the whole process as a shard in process.env; this test process is not one.
    const saved = { ...process.env };
    try {
      await adapter.start(core.handlers);
    } finally {
      for (const key of ['SHARDING_MANAGER', 'SHARDING_MANAGER_MODE', 'DISCORD_TOKEN'])
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
    }

    expect(fake.sessions.map((s) => s.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // Registered once, by this process, not by every shard.
    expect(fake.requestsTo('PUT', /commands$/)).toHaveLength(1);
    expect(logs.some((l) => l.msg === 'discord shards running')).toBe(true);

    const [g0, g1] = fake.guilds as [FakeGuild, FakeGuild];
    for (const g of [g1, g0]) {
      const channelId = g.channels[0]?.id as string;
      const record = fake.command(user('alice'), 'help', discordOptions('help', []), { guildId: g.id, channelId });
      await fake.waitFor(() => fake?.shown(record).length, `an answer from the shard of ${g.name}`, 20_000);
      const [m] = fake.shown(record);
      expect(textOf(m as never)).toContain(`hello from the core, discord:${g.id}`);
      const callback = fake.requestsTo('POST', new RegExp(`/interactions/${record.id}/`))[0];
      expect(callback?.files.map((f) => f.name)).toEqual(['chart.png']);
    }
    expect(core.calls.map((c) => c.channelId)).toEqual([
      `discord:${g1.id}/${g1.channels[0]?.id}`,
      `discord:${g0.id}/${g0.channels[0]?.id}`,
    ]);

    // formFor crosses the boundary too: the shard answers with the core's form as a modal.
    const opened = fake.command(user('alice'), 'survey', [], { guildId: g1.id, channelId: g1.channels[0]?.id });
    await fake.waitFor(() => fake?.modalOf(opened), 'the modal', 20_000);

    const sessions = [...fake.sessions];
    const children = [...(adapter.shardingManager?.shards.values() ?? [])].map((s) => s.process);
    expect(children).toHaveLength(2);
    await adapter.stop();
    adapter = undefined;
    // Each shard caught SIGTERM, destroyed its client (closing the gateway socket) and exited normally.
    await fake.waitFor(() => sessions.every((s) => s.ws === null), 'both shards to disconnect');
    expect(children.map((c) => [c?.exitCode, c?.signalCode])).toEqual([
      [0, null],
      [0, null],
    ]);
  }, 120_000);
});
