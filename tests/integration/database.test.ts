import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordCompletion } from '../../src/db/completions';
import { ensureGroup } from '../../src/db/groups';
import { ensureMember } from '../../src/db/members';
import { migrate } from '../../src/db/migrate';
import { onPostgres, resetDatabase, testDatabase } from '../helpers/db';

/** One group with one member, on an emptied database. */
async function groupWithMember(database: Awaited<ReturnType<typeof testDatabase>>) {
  const now = new Date();
  const g = await ensureGroup(database.db, {
    channelId: 'c',
    workspaceId: 'w',
    name: '',
    timezone: 'UTC',
    cohortStart: '2026-11-23',
    now,
  });
  const m = await ensureMember(database.db, g.id, 'u', 'U', now);
  return { g, m };
}

describe(`database on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('records applied migrations and applies nothing twice, even when started twice at once', async () => {
    const { db } = await testDatabase();
    const again = await Promise.all([migrate(db), migrate(db)]);
    expect(again).toEqual([[], []]);
    const names = (await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name);
    expect(names).toContain('0001_init.sql');
  });

  it('returns the same types from both drivers: numbers for counts and sums, text for dates', async () => {
    const database = await testDatabase();
    await resetDatabase(database);
    const group = await ensureGroup(database.db, {
      channelId: 'c',
      workspaceId: 'w',
      name: 'n',
      timezone: 'UTC',
      cohortStart: '2026-11-23',
      now: new Date(),
    });
    expect(group.id).toBe(1);
    expect(group.cohort_start).toBe('2026-11-23');
    expect(group.created_at).toBeInstanceOf(Date);
    const row = await database.db
      .selectFrom('groups')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('id').as('s'), sql<number>`12345678901::bigint`.as('big')])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 1, s: 1, big: 12_345_678_901 });
  });

  it('creates a group once when two first commands race', async () => {
    const database = await testDatabase();
    await resetDatabase(database);
    const g = {
      channelId: 'race',
      workspaceId: 'w',
      name: '',
      timezone: 'UTC',
      cohortStart: '2026-11-23',
      now: new Date(),
    };
    const [a, b] = await Promise.all([ensureGroup(database.db, g), ensureGroup(database.db, g)]);
    expect(a.id).toBe(b.id);
  });

  it('awards a completion once under concurrent duplicate requests', async () => {
    const database = await testDatabase();
    await resetDatabase(database);
    const { g, m } = await groupWithMember(database);
    const input = {
      memberId: m.id,
      groupId: g.id,
      problemId: 'p1',
      problemDate: '2026-11-25',
      today: '2026-11-25',
      confidence: 4,
    };
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => recordCompletion(database.db, input)));
    const ok = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ status: string }>).value.status);
    expect(ok.filter((s) => s === 'recorded')).toHaveLength(1);
    const total = await database.db
      .selectFrom('points')
      .select((eb) => eb.fn.sum<number>('points').as('t'))
      .executeTakeFirstOrThrow();
    expect(total.t).toBe(12);
    const member = await database.db.selectFrom('members').select('streak_current').executeTakeFirstOrThrow();
    expect(member.streak_current).toBe(1);
  });
});

describe(`concurrent completions on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('lets one member complete two different problems at once without a deadlock', async () => {
    const database = await testDatabase();
    await resetDatabase(database);
    const { g, m } = await groupWithMember(database);
    const base = { memberId: m.id, groupId: g.id, problemDate: '2026-11-25', today: '2026-11-25' };
    for (let round = 0; round < 10; round++) {
      const results = await Promise.all([
        recordCompletion(database.db, { ...base, problemId: `a${round}` }),
        recordCompletion(database.db, { ...base, problemId: `b${round}` }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['recorded', 'recorded']);
    }
    const done = await database.db.selectFrom('completions').select('id').execute();
    expect(done).toHaveLength(20);
  });
});
