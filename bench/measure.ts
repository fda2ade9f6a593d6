import path from 'node:path';
import pino from 'pino';
import { loadPack } from '../src/content/load';
import { type Bot, createBot } from '../src/core/bot';
import { fixedClock, type MovableClock } from '../src/core/clock';
import type { Invocation } from '../src/core/types';
import type { Database } from '../src/db/database';

/** Nearest-rank percentiles of latencies in milliseconds, rounded to 0.01 ms. */
export function percentiles(samples: readonly number[]): { p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const ms = (n: number) => Number(n.toFixed(2));
  return { p50_ms: ms(at(0.5)), p99_ms: ms(at(0.99)), max_ms: ms(sorted.at(-1) ?? 0) };
}

/** Runs `fn` `warmup` times unmeasured, then `n` times one after another; returns each duration in ms. */
export async function timed(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/** The real bot core over a benchmark database, the default content pack and a fixed clock; logs go nowhere. */
export async function benchBot(database: Database, now: Date): Promise<{ bot: Bot; clock: MovableClock }> {
  const pack = await loadPack(path.resolve(import.meta.dirname, '../content/amazon-em'));
  const clock = fixedClock(now);
  const log = pino({ level: 'error' });
  return { bot: createBot({ db: database.db, pack, clock, log, defaultTimezone: 'UTC' }), clock };
}

/** A member of the benchmark channel running `/command args…`, as an adapter would hand it over. */
export function invocation(channel: string, user: string, line: string): Invocation {
  const [command = '', ...args] = line.replace(/^\//, '').split(/\s+/).filter(Boolean);
  return {
    platform: 'console',
    workspaceId: 'console:bench',
    channelId: `console:${channel}`,
    channelName: channel,
    userId: `console:${user}`,
    userName: user,
    isPlatformAdmin: false,
    command,
    args,
  };
}
