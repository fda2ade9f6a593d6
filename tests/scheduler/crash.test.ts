import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerSummary } from '../../src/db/posts';
import { startFakePlatform } from '../helpers/fake-platform';
import { makeGroup, schedulerDeps } from '../helpers/scheduler';

const root = path.resolve(import.meta.dirname, '../..');
const START = '2026-11-25T09:00:00Z';
const GROUPS = 300;

function worker(platformUrl: string, leaseMs: number): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/post-worker.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PLATFORM_URL: platformUrl,
      START_AT: START,
      LEASE_MS: String(leaseMs),
      CONCURRENCY: '16',
      DB_SCHEMA: `test_worker_${process.env.VITEST_POOL_ID ?? process.pid}`,
    },
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  let err = '';
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)),
    ),
  );
  return { child, done };
}

// Two processes must share the database, so this runs on Postgres only (CI sets DATABASE_URL).
describe.skipIf(!process.env.DATABASE_URL)('a worker killed mid fan-out (Postgres)', () => {
  it('posts every group exactly once after a restart', async () => {
    const { deps, database } = await schedulerDeps();
    for (let i = 0; i < GROUPS; i++) {
      await makeGroup(deps, {
        timezone: 'UTC',
        post_time: '09:00',
        cohort_start: '2026-01-05',
        created_at: new Date('2026-11-25T08:59:00Z'),
      });
    }
    const platform = await startFakePlatform(20);
    try {
      const first = worker(platform.url, 1_000);
      // Let it get part of the way through the fan-out, then kill it without warning.
      while (platform.deliveries.size < GROUPS / 3) await new Promise((r) => setTimeout(r, 10));
      first.child.kill('SIGKILL');
      await first.done;
      const atKill = platform.deliveries.size;
      expect(atKill).toBeLessThan(GROUPS);
      const before = await ledgerSummary(database.db);
      expect(before.claimed ?? 0).toBeGreaterThan(0); // work was left mid-flight

      const second = worker(platform.url, 1_000);
      const totals = JSON.parse((await second.done).trim()) as { posted: number; recovered: number };
      expect(platform.deliveries.size).toBe(GROUPS);
      expect([...platform.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(await ledgerSummary(database.db)).toEqual({ posted: GROUPS });
      // Posts the first worker sent but never recorded were found on the platform, not sent again.
      expect(totals.posted + totals.recovered).toBeGreaterThanOrEqual(GROUPS - atKill);
    } finally {
      await platform.close();
    }
  }, 120_000);
});
