import { describe, expect, it } from 'vitest';
import { idempotencyKey } from '../../src/core/jobs/run-due-posts';
import { ledgerSummary } from '../../src/db/posts';
import { fakePoster } from '../helpers/fake-poster';
import { makeGroup, runner, schedulerDeps } from '../helpers/scheduler';

const at = (iso: string) => new Date(iso);

async function ledger(db: Awaited<ReturnType<typeof schedulerDeps>>['database']['db']) {
  return db
    .selectFrom('posts')
    .select(['kind', 'period_key', 'state', 'attempts', 'last_error'])
    .orderBy('due_at')
    .orderBy('kind')
    .execute();
}

// Groups use the defaults unless a test says otherwise: UTC, daily at 09:00, digest Sunday 18:00.
describe('scheduler delivery', () => {
  it('catches up after downtime: same-day daily, same-week milestone and a digest within 24 h are sent late', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    // Cohort week 2 starts Monday 2026-11-30; digest Sunday 18:00.
    await makeGroup(deps, {
      cohort_start: '2026-11-23',
      created_at: at('2026-11-29T07:00:00Z'),
    });
    const run = runner(deps, fake.poster);
    expect(await run(at('2026-11-29T08:00:00Z'))).toMatchObject({ claimed: 0, skipped: 0 }); // last tick before the outage
    const r = await run(at('2026-11-30T15:00:00Z')); // back up on Monday afternoon
    expect(r).toMatchObject({ posted: 3, skipped: 1 });
    expect((await ledger(database.db)).map((p) => [p.kind, p.period_key, p.state])).toEqual([
      ['daily', '2026-11-29', 'skipped'], // Sunday's problem is not sent on Monday
      ['digest', '2026-11-29', 'posted'], // 21 h late: still within a day
      ['daily', '2026-11-30', 'posted'],
      ['milestone', '2026-11-23:week-2', 'posted'],
    ]);
  });

  it('skips and records what is outdated after a long outage, and sends what is still current', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    await makeGroup(deps, {
      cohort_start: '2026-11-23',
      created_at: at('2026-11-26T07:00:00Z'),
    });
    const run = runner(deps, fake.poster);
    await run(at('2026-11-26T08:00:00Z'));
    await run(at('2026-12-01T10:00:00Z')); // down Thursday to Tuesday
    const rows = await ledger(database.db);
    const state = (kind: string, key: string) => rows.find((p) => p.kind === kind && p.period_key === key)?.state;
    for (const d of ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'])
      expect(state('daily', d)).toBe('skipped');
    expect(state('daily', '2026-12-01')).toBe('posted');
    expect(state('digest', '2026-11-29')).toBe('skipped'); // more than 24 h late
    expect(state('milestone', '2026-11-23:week-2')).toBe('posted'); // still week 2
    expect(rows.find((p) => p.state === 'skipped')?.last_error).toMatch(/outdated/);
    expect(fake.delivered).toHaveLength(2);
  });

  it('gives a paused group nothing, and resumes with what is current', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    const g = await makeGroup(deps, {
      cohort_start: '2026-11-23',
      created_at: at('2026-11-25T08:00:00Z'),
      paused: true,
    });
    const run = runner(deps, fake.poster);
    await run(at('2026-11-25T09:00:00Z'));
    expect(fake.calls).toBe(0);
    await database.db.updateTable('groups').set({ paused: false }).where('id', '=', g.id).execute();
    await run(at('2026-11-26T09:01:00Z'));
    expect(fake.delivered.map((d) => d.key)).toEqual([`br:${g.id}:daily:2026-11-26`]);
    expect((await ledger(database.db)).find((p) => p.period_key === '2026-11-25')?.state).toBe('skipped');
  });

  it('two schedulers racing on one database post each post once', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster({ latencyMs: 5 });
    for (let i = 0; i < 30; i++)
      await makeGroup(deps, {
        cohort_start: '2026-11-23',
        created_at: at('2026-11-25T08:00:00Z'),
      });
    const a = runner(deps, fake.poster, { concurrency: 8 });
    const b = runner(deps, fake.poster, { concurrency: 8 });
    const now = at('2026-11-25T09:00:00Z');
    const [ra, rb] = await Promise.all([a(now), b(now)]);
    expect(ra.posted + rb.posted).toBe(30);
    const keys = fake.delivered.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(30);
    expect(await ledgerSummary(database.db)).toEqual({ posted: 30 });
    // And again a minute later: nothing new.
    await Promise.all([a(at('2026-11-25T09:01:00Z')), b(at('2026-11-25T09:01:00Z'))]);
    expect(fake.calls).toBe(30);
  });

  it('retries transient failures with backoff and delivers once', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    await makeGroup(deps, {
      cohort_start: '2026-11-25',
      created_at: at('2026-11-25T08:00:00Z'),
    });
    fake.fail(fake.transient('HTTP 429 Too Many Requests'), 2);
    const run = runner(deps, fake.poster, { retryBaseMs: 30_000 });
    expect(await run(at('2026-11-25T09:00:00Z'))).toMatchObject({ retrying: 2, posted: 0 }); // daily and milestone
    expect(await run(at('2026-11-25T09:00:20Z'))).toMatchObject({ posted: 0 }); // backoff not over yet
    const r = await run(at('2026-11-25T09:00:31Z'));
    expect(r).toMatchObject({ posted: 2, retrying: 0 });
    expect(fake.delivered).toHaveLength(2);
    expect((await ledger(database.db)).map((p) => [p.state, p.attempts])).toEqual([
      ['posted', 2],
      ['posted', 2],
    ]);
  });

  it('records a permanent failure on the group, tells organizers, and clears it after a later success', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    const g = await makeGroup(deps, {
      cohort_start: '2026-11-23',
      created_at: at('2026-11-25T08:00:00Z'),
    });
    fake.fail(fake.permanent('channel_not_found'), 1);
    const run = runner(deps, fake.poster);
    expect(await run(at('2026-11-25T09:00:00Z'))).toMatchObject({ failed: 1 });
    const failed = await database.db
      .selectFrom('groups')
      .select('delivery_error')
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    expect(failed.delivery_error).toBe('channel_not_found (daily 2026-11-25)');
    expect((await ledger(database.db))[0]).toMatchObject({ state: 'failed', last_error: 'channel_not_found' });
    await run(at('2026-11-26T09:00:00Z'));
    const fixed = await database.db
      .selectFrom('groups')
      .select('delivery_error')
      .where('id', '=', g.id)
      .executeTakeFirstOrThrow();
    expect(fixed.delivery_error).toBeNull();
  });

  it('after a crash, looks for the post on the platform before sending again', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    const g = await makeGroup(deps, {
      cohort_start: '2026-11-25',
      created_at: at('2026-11-25T08:00:00Z'),
    });
    // Instance A claimed both posts and delivered the daily, then died before recording anything.
    const crashed = runner(
      deps,
      { post: async () => new Promise(() => {}), findPost: async () => null },
      { leaseMs: 60_000, instanceId: 'dead' },
    );
    void crashed(at('2026-11-25T09:00:00Z'));
    await new Promise((r) => setTimeout(r, 200));
    const daily = await database.db
      .selectFrom('posts')
      .selectAll()
      .where('kind', '=', 'daily')
      .executeTakeFirstOrThrow();
    await fake.poster.post(g.channel_id, { visibility: 'channel', blocks: [] }, idempotencyKey(daily));
    const b = runner(deps, fake.poster, { leaseMs: 60_000 });
    expect(await b(at('2026-11-25T09:00:30Z'))).toMatchObject({ posted: 0, recovered: 0 }); // A's lease still holds
    const r = await b(at('2026-11-25T09:01:01Z'));
    expect(r).toMatchObject({ recovered: 1, posted: 1 });
    expect(fake.delivered.map((d) => d.key).sort()).toEqual([
      `br:${g.id}:daily:2026-11-25`,
      `br:${g.id}:milestone:2026-11-25:week-1`,
    ]);
  });
});
