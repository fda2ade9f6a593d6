// Leaderboard at scale: one group of 2,000 members on Postgres, with 100,000 and then 1,000,000 point
// events. Times `/leaderboard week|month|all` end to end through the core (dispatch, member upsert,
// ranking, rendering) and the ranking query alone, plus the same ranking summed from the raw ledger
// for comparison, and what an award costs now that it also keeps the rollup.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { plainText } from '../src/core/message';
import { readLeaderboard } from '../src/db/leaderboard';
import { award, SCOPES, type Scope } from '../src/db/points';
import { benchBot, invocation, percentiles, timed } from './measure';
import { benchDatabase } from './pg';

const MEMBERS = 2_000;
const SIZES = [100_000, 1_000_000];
const RUNS = Number(process.env.LEADERBOARD_RUNS ?? 500);
const TODAY = '2026-11-25';
const SPAN_DAYS = 168; // a 24-week cohort

const backfill = (() => {
  const migration = readFileSync(path.resolve(import.meta.dirname, '../migrations/0003_points_rollup.sql'), 'utf8');
  return migration.slice(migration.indexOf('INSERT INTO points_rollup'));
})();

/** RUNS timings per scope (after 50 unmeasured), the scopes taking turns. */
async function interleaved(fn: (scope: Scope) => Promise<unknown>): Promise<Record<Scope, number[]>> {
  const out: Record<Scope, number[]> = { week: [], month: [], all: [] };
  for (let i = 0; i < 50; i++) for (const scope of SCOPES) await fn(scope);
  for (let i = 0; i < RUNS; i++) {
    for (const scope of SCOPES) {
      const t0 = performance.now();
      await fn(scope);
      out[scope].push(performance.now() - t0);
    }
  }
  return out;
}

export default async function main() {
  const bench = await benchDatabase('leaderboard');
  const db = bench.database.db;
  try {
    const { bot } = await benchBot(bench.database, new Date(`${TODAY}T12:00:00Z`));
    await sql`INSERT INTO groups (channel_id, workspace_id, name, timezone, cohort_start)
              VALUES ('console:lb', 'console:bench', 'lb', 'UTC', '2026-06-15')`.execute(db);
    const { id: groupId } = await db.selectFrom('groups').select('id').executeTakeFirstOrThrow();
    await sql`INSERT INTO members (group_id, user_id, display_name, streak_current, streak_best, streak_last_date)
              SELECT ${groupId}, 'console:m' || i, 'm' || i, i % 20, i % 40, ${TODAY}::date - (i % 3)
              FROM generate_series(1, ${MEMBERS}::int) AS i`.execute(db);
    const loaded = { events: 0 };

    for (const size of SIZES) {
      // Events spread over the cohort's 24 weeks, members unevenly active so ranks spread and tie.
      await sql`SELECT setseed(0.42)`.execute(db);
      await sql`
        WITH e AS MATERIALIZED (
          SELECT i, 1 + floor(${MEMBERS} * power(random(), 1.5))::int AS k
          FROM generate_series(${loaded.events + 1}::int, ${size}::int) AS i
        )
        INSERT INTO points (member_id, group_id, reason, reference, points, local_date)
        SELECT m.id, ${groupId}, 'bench', 'e' || e.i, (ARRAY[2, 5, 6, 10, 12, 15])[1 + (e.i % 6)],
               ${TODAY}::date - (e.i % ${SPAN_DAYS})
        FROM e JOIN members m ON m.user_id = 'console:m' || e.k
      `.execute(db);
      loaded.events = size;
      // The rollup as award() keeps it, rebuilt with the migration's own backfill for the bulk load.
      await sql`DELETE FROM points_rollup`.execute(db);
      await sql.raw(backfill).execute(db);
      await sql`VACUUM ANALYZE`.execute(db);
      // Measure the steady state, not the write-back of the bulk load.
      await sql`CHECKPOINT`.execute(db);
      const events = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM points`.execute(db)).rows[0]?.n);

      // The caller is last on this week's board (so also far down the others): the "your rank" row is
      // always fetched besides the top 10.
      const last = await sql<{ display_name: string }>`
        SELECT m.display_name FROM points_rollup r JOIN members m ON m.id = r.member_id
        WHERE r.group_id = ${groupId} AND r.period = 'week:2026-11-23' ORDER BY r.points, m.id LIMIT 1`.execute(db);
      const caller = last.rows[0]?.display_name ?? 'm1';
      const me = await db
        .selectFrom('members')
        .select('id')
        .where('display_name', '=', caller)
        .executeTakeFirstOrThrow();
      // Scopes take turns, so a burst of load on the machine falls on all of them alike.
      const byCommand = await interleaved(async (scope) => {
        const m = await bot.handle(invocation('lb', caller, `/leaderboard ${scope}`));
        if (!plainText(m).includes('(you)')) throw new Error(`caller row missing: ${plainText(m)}`);
      });
      const byQuery = await interleaved((scope) =>
        readLeaderboard(db, { groupId, scope, today: TODAY, limit: 10, memberId: me.id }),
      );
      const report = (scope: Scope, via: string, samples: number[]) =>
        console.log(
          JSON.stringify({
            bench: 'leaderboard',
            scope,
            events,
            members: MEMBERS,
            runs: samples.length,
            via,
            ...percentiles(samples),
          }),
        );
      for (const scope of SCOPES) report(scope, 'command', byCommand[scope]);
      for (const scope of SCOPES) report(scope, 'query', byQuery[scope]);
      // Without the rollup: the same ranking summed from the ledger, for comparison.
      const ledgerRanking = (from: string) =>
        sql`
        SELECT member_id, points, rank() OVER (ORDER BY points DESC) FROM (
          SELECT p.member_id, sum(p.points) AS points FROM points p JOIN members m ON m.id = p.member_id
          WHERE p.group_id = ${groupId} AND p.local_date BETWEEN ${from}::date AND ${TODAY}::date AND NOT m.leaderboard_opt_out
          GROUP BY p.member_id) s ORDER BY points DESC LIMIT 10`.execute(db);
      for (const [scope, from] of [
        ['week', '2026-11-23'],
        ['all', '1970-01-01'],
      ] as const) {
        report(scope, 'ledger-sum-no-rollup', await timed(20, 3, () => ledgerRanking(from)));
      }
      // An award now writes the ledger row and three rollup rows in one statement.
      const ids = (await db.selectFrom('members').select('id').execute()).map((r) => Number(r.id));
      const samples = await timed(1000, 50, (i) =>
        award(db, {
          memberId: ids[(i * 7919) % ids.length] ?? 1,
          groupId,
          reason: 'bench-award',
          reference: `${events}:${i}`,
          points: 10,
          localDate: TODAY,
        }),
      );
      console.log(JSON.stringify({ bench: 'award', events, runs: 1000, with_rollup: true, ...percentiles(samples) }));
      await sql`DELETE FROM points WHERE reason = 'bench-award'`.execute(db);
    }
  } finally {
    await bench.drop();
  }
}
