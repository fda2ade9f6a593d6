import pino from 'pino';
import { type Bot, createBot } from '../../src/core/bot';
import { fixedClock, type MovableClock } from '../../src/core/clock';
import type { Message } from '../../src/core/message';
import { plainText } from '../../src/core/message';
import type { Invocation } from '../../src/core/types';
import type { Database } from '../../src/db/database';
import { miniPack, resetDatabase, testDatabase } from './db';

export interface TestBot {
  bot: Bot;
  clock: MovableClock;
  database: Database;
  logs: Record<string, unknown>[];
  /** Runs `/command args…` as a member of #study, like a user typing it. */
  as(user: string, line: string, extra?: Partial<Invocation>): Promise<Message>;
  /** The same, reduced to plain text for readable assertions. */
  say(user: string, line: string, extra?: Partial<Invocation>): Promise<string>;
}

/** A bot on the shared test database (emptied first), the mini pack and a clock fixed at `start`. */
export async function testBot(start = new Date('2026-11-25T10:00:00Z'), timezone = 'UTC'): Promise<TestBot> {
  const database = await testDatabase();
  await resetDatabase(database);
  const clock = fixedClock(start);
  const logs: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'debug' },
    { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  );
  const bot = createBot({ db: database.db, pack: await miniPack(), clock, log, defaultTimezone: timezone });
  const as = (user: string, line: string, extra: Partial<Invocation> = {}) => {
    const [command = '', ...args] = line.replace(/^\//, '').split(/\s+/).filter(Boolean);
    return bot.handle({
      platform: 'console',
      workspaceId: 'console:local',
      channelId: 'console:study',
      channelName: 'study',
      userId: `console:${user}`,
      userName: user,
      isPlatformAdmin: false,
      command,
      args,
      ...extra,
    });
  };
  return { bot, clock, database, logs, as, say: async (u, l, e) => plainText(await as(u, l, e)) };
}
