// Fan-out: 10,000 groups due in the same minute, posted through a fake platform that takes 20 ms per
// post, by one and by three scheduler instances (separate processes) sharing one Postgres.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { ledgerSummary } from '../src/db/posts';
import { startFakePlatform } from '../tests/helpers/fake-platform';
import { benchDatabase } from './pg';

const GROUPS = Number(process.env.FANOUT_GROUPS ?? 10_000);
const START = '2026-11-25T09:00:00Z';
const root = path.resolve(import.meta.dirname, '..');

function runWorker(url: string, platformUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/post-worker.ts'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: url,
        PLATFORM_URL: platformUrl,
        START_AT: START,
        CONCURRENCY: '64',
        POOL: '12',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
  });
}

async function fanout(instances: number) {
  const bench = await benchDatabase(`fanout${instances}`);
  const platform = await startFakePlatform(20);
  try {
    // Groups whose cohort ended long ago, created a minute before: only today's daily problem is due.
    await sql`
      INSERT INTO groups (channel_id, workspace_id, name, timezone, post_time, cohort_start, created_at)
      SELECT 'console:g' || i, 'console:bench', 'g' || i, 'UTC', '09:00', '2025-01-06', ${new Date('2026-11-25T08:59:00Z')}
      FROM generate_series(1, ${GROUPS}) AS i`.execute(bench.database.db);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: instances }, () => runWorker(bench.url, platform.url)));
    const seconds = (performance.now() - t0) / 1000;
    const counts = [...platform.deliveries.values()];
    const summary = await ledgerSummary(bench.database.db);
    console.log(
      JSON.stringify({
        bench: 'fanout',
        instances,
        groups: GROUPS,
        seconds: Number(seconds.toFixed(2)),
        posts_per_s: Math.round(platform.deliveries.size / seconds),
        duplicates: counts.reduce((sum, n) => sum + (n - 1), 0),
        missed: GROUPS - platform.deliveries.size,
        ledger_posted: summary.posted ?? 0,
        note: 'includes worker start-up (tsx, content pack, pool) of about 2-3 s',
      }),
    );
  } finally {
    await platform.close();
    await bench.drop();
  }
}

export default async function main() {
  await fanout(1);
  await fanout(3);
}
