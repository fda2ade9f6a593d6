// A scheduler instance in its own process, posting to the fake platform over HTTP: used by the crash
// test (killed with SIGKILL mid fan-out, then restarted) and the fan-out benchmark (several at once).
// Runs ticks until nothing is left to post, then prints its totals as JSON and exits.
import path from 'node:path';
import pino from 'pino';
import { loadPack } from '../../src/content/load';
import type { Poster } from '../../src/core/delivery';
import { createDuePostRunner, DEFAULT_SCHEDULER_OPTIONS } from '../../src/core/jobs/run-due-posts';
import { openDatabase } from '../../src/db/database';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`post-worker needs ${name}`);
  return v;
};
const platform = env('PLATFORM_URL');
const start = new Date(env('START_AT')).getTime();
const began = Date.now();
// Simulated time runs at real speed from START_AT, so leases left by a killed worker do expire.
const now = () => new Date(start + (Date.now() - began));

const database = await openDatabase({
  url: env('DATABASE_URL'),
  schema: process.env.DB_SCHEMA,
  poolSize: Number(process.env.POOL ?? 10),
});
const pack = await loadPack(path.resolve(import.meta.dirname, '../fixtures/packs/mini'));
const http: Poster = {
  async post(channelId, _message, key) {
    const res = await fetch(
      `${platform}/post?key=${encodeURIComponent(key)}&channel=${encodeURIComponent(channelId)}`,
      { method: 'POST' },
    );
    if (!res.ok) throw new Error(`platform answered ${res.status}`);
    return (await res.json()) as { messageRef: string };
  },
  async findPost(_channelId, key) {
    const res = await fetch(`${platform}/find?key=${encodeURIComponent(key)}`);
    return (await res.json()) as { messageRef: string } | null;
  },
};
const run = createDuePostRunner(
  { db: database.db, pack, clock: { now }, log: pino({ level: 'silent' }), defaultTimezone: 'UTC' },
  http,
  {
    ...DEFAULT_SCHEDULER_OPTIONS,
    instanceId: `worker-${process.pid}`,
    leaseMs: Number(process.env.LEASE_MS ?? 60_000),
    concurrency: Number(process.env.CONCURRENCY ?? 64),
  },
);
const totals = { posted: 0, recovered: 0, failed: 0, ticks: 0 };
for (;;) {
  const r = await run(now());
  totals.ticks++;
  totals.posted += r.posted;
  totals.recovered += r.recovered;
  totals.failed += r.failed;
  const open = await database.db.selectFrom('posts').select('id').where('state', '=', 'claimed').limit(1).execute();
  if (open.length === 0 && r.claimed === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write(`${JSON.stringify(totals)}\n`);
await database.close();
