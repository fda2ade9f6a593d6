import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/discord-adapter';
import { DiscordShardedAdapter } from '../../src/adapters/discord/sharding';
import { createAdapters } from '../../src/adapters/index';
import { parseConfig } from '../../src/config';
import { fixedClock } from '../../src/core/clock';
import { testDatabase } from '../helpers/db';

async function adaptersFor(env: Record<string, string>) {
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (l: string) => logs.push(JSON.parse(l) as Record<string, unknown>) });
  const { db } = await testDatabase();
  const choice = await createAdapters(
    parseConfig(env),
    { log, db, clock: fixedClock(new Date('2026-11-25T10:00:00Z')) },
    { forceConsole: false, input: new PassThrough(), output: new PassThrough() },
  );
  return { ...choice, logs };
}

describe('choosing the Discord adapter', () => {
  it('runs Discord, and no console, when DISCORD_TOKEN is set', async () => {
    const { adapters, console, logs } = await adaptersFor({ DISCORD_TOKEN: 'token' });
    expect(adapters).toHaveLength(1);
    expect(adapters[0]).toBeInstanceOf(DiscordAdapter);
    expect(adapters[0]?.platform).toBe('discord');
    expect(console).toBeUndefined();
    expect(logs.filter((l) => String(l.msg).includes('no discord adapter'))).toEqual([]);
  });

  it('runs the sharding manager when DISCORD_SHARDS is set', async () => {
    const { adapters } = await adaptersFor({ DISCORD_TOKEN: 'token', DISCORD_SHARDS: '3' });
    expect(adapters[0]).toBeInstanceOf(DiscordShardedAdapter);
  });
});
