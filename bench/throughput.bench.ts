// Command throughput end to end through the core: a fake adapter hands invocations to the bot, 16
// callers at once, each waiting for its answer and rendering it, over a mix of everyday commands. In
// the same run and database, `pgbench -S -c 16` gives the server's select-only rate for scale; the
// ratio is commands per second over pgbench transactions per second.
import { execFileSync } from 'node:child_process';
import type { AdapterHandlers, ChatAdapter, PostReceipt } from '../src/adapters/adapter';
import { type Message, plainText } from '../src/core/message';
import type { Invocation } from '../src/core/types';
import { benchBot, invocation } from './measure';
import { benchDatabase } from './pg';

const CLIENTS = 16;
const SECONDS = Number(process.env.THROUGHPUT_SECONDS ?? 10);
const MEMBERS = 400;
/**
 * What members do most, in proportion (THROUGHPUT_MIX, comma-separated, replaces it); the chart-drawing
 * /assess report is left to bench/assess.
 */
const MIX = process.env.THROUGHPUT_MIX?.split(',') ?? [
  '/daily',
  '/daily',
  '/daily done 4',
  '/leaderboard',
  '/leaderboard all',
  '/progress',
  '/plan',
  '/assess history',
  '/help points',
  '/daily hint',
];

/** A chat platform that is only a function call: what the bench measures is the core and the database. */
class FakeAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private handlers: AdapterHandlers | undefined;
  async start(handlers: AdapterHandlers) {
    this.handlers = handlers;
  }
  /** A member's command arriving from the platform; the reply is rendered as the adapter would. */
  async receive(inv: Invocation): Promise<string> {
    if (!this.handlers) throw new Error('not started');
    const message: Message = await this.handlers.handle(inv);
    return plainText(message);
  }
  async post(): Promise<PostReceipt> {
    return { messageRef: 'fake' };
  }
  async findPost() {
    return null;
  }
  async stop() {}
}

function pgbench(url: string, args: string[]): string {
  return execFileSync('pgbench', [...args, url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export default async function main() {
  const bench = await benchDatabase('throughput');
  try {
    pgbench(bench.url, ['-i', '-q', '-s', '10']);
    const out = pgbench(bench.url, ['-S', '-n', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS)]);
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`no tps in pgbench output:\n${out}`);

    const { bot } = await benchBot(bench.database, new Date('2026-11-25T12:00:00Z'));
    const adapter = new FakeAdapter();
    await adapter.start(bot);
    // Members with a little history: each has opened and done today's problem once.
    for (let i = 0; i < MEMBERS; i++) await adapter.receive(invocation('study', `m${i}`, '/daily done 3'));

    const known = new Set(bot.commands.map((c) => c.name));
    for (const line of MIX) {
      if (!known.has(line.replace(/^\//, '').split(' ')[0] ?? '')) throw new Error(`not a command in the mix: ${line}`);
    }
    // One second of warm-up (JIT, pool, caches), then SECONDS counted. Callers watch the clock
    // themselves, so nothing depends on a timer firing between commands.
    const countFrom = performance.now() + 1000;
    const stopAt = countFrom + SECONDS * 1000;
    let counted = 0;
    let errors = 0;
    const caller = async (c: number) => {
      for (let i = 0; performance.now() < stopAt; i++) {
        const user = `m${(c * 97 + i * 13) % MEMBERS}`;
        const reply = await adapter.receive(invocation('study', user, MIX[(c + i) % MIX.length] ?? '/help'));
        if (reply.startsWith('Sorry')) errors++;
        const done = performance.now();
        if (done >= countFrom && done < stopAt) counted++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, c) => caller(c)));
    const seconds = SECONDS;
    const perSecond = counted / seconds;
    console.log(
      JSON.stringify({
        bench: 'throughput',
        clients: CLIENTS,
        seconds: Number(seconds.toFixed(1)),
        commands: counted,
        errors,
        commands_per_s: Math.round(perSecond),
        pgbench_tps: Math.round(tps),
        ratio: Number((perSecond / tps).toFixed(3)),
        mix: MIX.join(','),
      }),
    );
  } finally {
    await bench.drop();
  }
}
