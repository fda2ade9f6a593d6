import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { award, periodKey } from '../../src/db/points';
import { testBot } from '../helpers/bot';
import { onPostgres } from '../helpers/db';

const FULL = 'coding=3 system-design=2 aws=3 distributed-systems=1 ai-ml=2';

type Db = Awaited<ReturnType<typeof testBot>>['database']['db'];

/** The rollup as it should be: the ledger summed per member and period. */
async function ledgerSums(db: Db) {
  const { rows } = await sql<{ member_id: number; period: string; points: number }>`
    SELECT member_id, period, sum(points)::int AS points FROM points
    CROSS JOIN LATERAL (VALUES ('all'),
      ('week:' || to_char(local_date - (extract(isodow FROM local_date)::int - 1), 'YYYY-MM-DD')),
      ('month:' || to_char(local_date, 'YYYY-MM'))) AS k (period)
    GROUP BY member_id, period ORDER BY member_id, period`.execute(db);
  return rows.map((r) => ({ ...r, member_id: Number(r.member_id) }));
}

async function rollup(db: Db) {
  const rows = await db
    .selectFrom('points_rollup')
    .select(['member_id', 'period', 'points'])
    .orderBy('member_id')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({ ...r, member_id: Number(r.member_id) }));
}

describe(`points ledger on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('keys the rollup periods by Monday-to-Sunday week and calendar month', () => {
    expect(periodKey('week', '2026-11-23')).toBe('week:2026-11-23'); // Monday
    expect(periodKey('week', '2026-11-29')).toBe('week:2026-11-23'); // Sunday
    expect(periodKey('week', '2026-11-30')).toBe('week:2026-11-30');
    expect(periodKey('week', '2027-01-01')).toBe('week:2026-12-28'); // a week across the new year
    expect(periodKey('month', '2026-11-30')).toBe('month:2026-11');
    expect(periodKey('all', '2026-11-30')).toBe('all');
  });

  it('awards once under concurrent duplicate requests, and the rollup counts it once', async () => {
    const t = await testBot();
    await t.as('alice', '/help');
    const m = await t.database.db.selectFrom('members').select(['id', 'group_id']).executeTakeFirstOrThrow();
    const a = {
      memberId: m.id,
      groupId: m.group_id,
      reason: 'goal',
      reference: 'x',
      points: 5,
      localDate: '2026-11-25',
    };
    const results = await Promise.all(Array.from({ length: 25 }, () => award(t.database.db, a)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await t.database.db.selectFrom('points').select('points').execute()).toEqual([{ points: 5 }]);
    expect((await rollup(t.database.db)).map((r) => [r.period, r.points])).toEqual([
      ['all', 5],
      ['month:2026-11', 5],
      ['week:2026-11-23', 5],
    ]);
  });

  it('loses no increment when many different awards for one member land at once', async () => {
    const t = await testBot();
    await t.as('alice', '/help');
    const m = await t.database.db.selectFrom('members').select(['id', 'group_id']).executeTakeFirstOrThrow();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        award(t.database.db, {
          memberId: m.id,
          groupId: m.group_id,
          reason: 'test',
          reference: String(i),
          points: i + 1,
          localDate: i % 2 ? '2026-11-25' : '2026-12-01',
        }),
      ),
    );
    expect(await rollup(t.database.db)).toEqual(await ledgerSums(t.database.db));
    expect((await rollup(t.database.db)).find((r) => r.period === 'all')?.points).toBe((40 * 41) / 2);
  });

  it('counts concurrent duplicate commands once: /daily done, /plan goal and /assess', async () => {
    const t = await testBot();
    await t.as('alice', '/daily');
    const burst = (line: string) => Promise.all(Array.from({ length: 12 }, () => t.as('alice', line)));
    const dones = await burst('/daily done 4');
    expect(
      dones.filter((d) => /\+12 points/.test(d.blocks.map((b) => ('text' in b ? b.text : '')).join())),
    ).toHaveLength(1);
    await burst('/plan goal 1');
    await burst(`/assess submit ${FULL}`);
    const points = await t.database.db.selectFrom('points').select(['reason', 'points']).orderBy('reason').execute();
    expect(points).toEqual([
      { reason: 'assessment', points: 15 },
      { reason: 'confidence', points: 2 },
      { reason: 'done', points: 10 },
      { reason: 'goal', points: 5 },
    ]);
    expect(await t.database.db.selectFrom('completions').selectAll().execute()).toHaveLength(1);
    expect(await rollup(t.database.db)).toEqual(await ledgerSums(t.database.db));
  });

  it("backfills the rollup from an existing ledger exactly as award keeps it (migration 0003's own SQL)", async () => {
    const t = await testBot();
    for (const u of ['alice', 'bob', 'carol']) await t.as(u, '/help');
    const members = await t.database.db.selectFrom('members').select(['id', 'group_id']).execute();
    let n = 0;
    for (const m of members)
      for (const date of ['2026-10-31', '2026-11-01', '2026-11-02', '2026-11-29', '2026-11-30', '2027-01-01'])
        await award(t.database.db, {
          memberId: m.id,
          groupId: m.group_id,
          reason: 'test',
          reference: `${date}:${n}`,
          points: ++n,
          localDate: date,
        });
    const kept = await rollup(t.database.db);
    expect(kept).toEqual(await ledgerSums(t.database.db));
    const migration = readFileSync(
      path.resolve(import.meta.dirname, '../../migrations/0003_points_rollup.sql'),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('INSERT INTO points_rollup'));
    await sql`DELETE FROM points_rollup`.execute(t.database.db);
    await sql.raw(backfill).execute(t.database.db);
    expect(await rollup(t.database.db)).toEqual(kept);
  });
});
