import { describe, expect, it } from 'vitest';
import { localParts } from '../../src/core/time';
import { fakePoster } from '../helpers/fake-poster';
import { makeGroup, runner, schedulerDeps, tickEveryMinute } from '../helpers/scheduler';

/** Ticks every minute through one whole local day and returns the instants the daily problem went out. */
async function dailyPostsOn(timezone: string, date: string, fromUtc: string, toUtc: string) {
  const { deps, database } = await schedulerDeps();
  const fake = fakePoster();
  await makeGroup(deps, {
    timezone,
    post_time: '09:00',
    cohort_start: date,
    digest_weekday: 3,
    created_at: new Date('2025-01-01T00:00:00Z'),
  });
  const run = runner(deps, fake.poster);
  const ticks = await tickEveryMinute(run, new Date(fromUtc), new Date(toUtc));
  const posts = await database.db.selectFrom('posts').selectAll().where('kind', '=', 'daily').execute();
  return { ticks, posts, fake };
}

describe('daily post time in every zone', () => {
  it.each([
    // zone, local date, a UTC span covering that whole local day, the UTC instant of 09:00 local
    [
      'America/New_York (spring forward)',
      'America/New_York',
      '2026-03-08',
      '2026-03-08T04:00:00Z',
      '2026-03-09T04:30:00Z',
      '2026-03-08T13:00:00.000Z',
    ],
    [
      'America/New_York (fall back)',
      'America/New_York',
      '2026-11-01',
      '2026-11-01T03:30:00Z',
      '2026-11-02T05:30:00Z',
      '2026-11-01T14:00:00.000Z',
    ],
    [
      'Europe/London (spring forward)',
      'Europe/London',
      '2026-03-29',
      '2026-03-29T00:00:00Z',
      '2026-03-29T23:30:00Z',
      '2026-03-29T08:00:00.000Z',
    ],
    [
      'Asia/Kolkata (+05:30)',
      'Asia/Kolkata',
      '2026-11-27',
      '2026-11-26T18:30:00Z',
      '2026-11-27T18:29:00Z',
      '2026-11-27T03:30:00.000Z',
    ],
    [
      'Australia/Sydney (DST ends)',
      'Australia/Sydney',
      '2026-04-05',
      '2026-04-04T13:00:00Z',
      '2026-04-05T13:59:00Z',
      '2026-04-04T23:00:00.000Z',
    ],
    [
      'Australia/Sydney (DST starts)',
      'Australia/Sydney',
      '2026-10-04',
      '2026-10-03T14:00:00Z',
      '2026-10-04T12:59:00Z',
      '2026-10-03T22:00:00.000Z',
    ],
    [
      'Pacific/Chatham (+13:45)',
      'Pacific/Chatham',
      '2026-11-27',
      '2026-11-26T10:15:00Z',
      '2026-11-27T10:14:00Z',
      '2026-11-26T19:15:00.000Z',
    ],
    ['UTC', 'UTC', '2026-11-27', '2026-11-27T00:00:00Z', '2026-11-27T23:59:00Z', '2026-11-27T09:00:00.000Z'],
  ])('%s: exactly once, at 09:00 local', async (_name, zone, date, from, to, expected) => {
    const { ticks, posts, fake } = await dailyPostsOn(zone, date, from, to);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ period_key: date, state: 'posted' });
    expect(ticks.map((t) => t.toISOString())).toEqual([expected]);
    expect(localParts(ticks[0] as Date, zone)).toMatchObject({ date, time: '09:00' });
    expect(fake.delivered.filter((d) => d.message.title?.startsWith('Daily problem'))).toHaveLength(1);
  });

  it('a post time inside the spring-forward gap (02:30 New York) goes out once, right after the gap', async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    await makeGroup(deps, {
      timezone: 'America/New_York',
      post_time: '02:30',
      cohort_start: '2026-03-08',
      created_at: new Date('2025-01-01T00:00:00Z'),
    });
    const ticks = await tickEveryMinute(
      runner(deps, fake.poster),
      new Date('2026-03-08T05:00:00Z'),
      new Date('2026-03-08T12:00:00Z'),
    );
    expect(ticks.map((t) => t.toISOString())).toEqual(['2026-03-08T07:30:00.000Z']); // 03:30 EDT
    expect(await database.db.selectFrom('posts').selectAll().where('kind', '=', 'daily').execute()).toHaveLength(1);
  });

  it("a group created after today's post time gets its first post tomorrow, not today", async () => {
    const { deps, database } = await schedulerDeps();
    const fake = fakePoster();
    await makeGroup(deps, {
      timezone: 'Europe/Berlin',
      post_time: '09:00',
      cohort_start: '2026-11-23',
      created_at: new Date('2026-11-25T10:30:00Z'),
    });
    const run = runner(deps, fake.poster);
    const ticks = await tickEveryMinute(run, new Date('2026-11-25T10:31:00Z'), new Date('2026-11-26T08:30:00Z'));
    expect(ticks.map((t) => t.toISOString())).toEqual(['2026-11-26T08:00:00.000Z']);
    const posts = await database.db.selectFrom('posts').select(['kind', 'period_key', 'state']).execute();
    expect(posts).toEqual([{ kind: 'daily', period_key: '2026-11-26', state: 'posted' }]);
  });
});
