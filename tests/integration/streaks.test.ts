import { describe, expect, it } from 'vitest';
import { testBot } from '../helpers/bot';
import { onPostgres } from '../helpers/db';

const MIN = 60_000;
const DAY = 86_400_000;

describe(`streaks in the group's time zone on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('counts local days across local midnight, forgives one missed day a week, and awards a milestone once', async () => {
    // 23:50 on Monday 23 November in Los Angeles is 07:50 UTC on the 24th: by UTC the next two
    // completions would fall on one day.
    const t = await testBot(new Date('2026-11-24T07:50:00Z'), 'America/Los_Angeles');
    const streak = async () => (await t.say('alice', '/daily done')).match(/Streak: (\d+)/)?.[1];
    expect(await streak()).toBe('1'); // Mon 23:50
    t.clock.advance(20 * MIN);
    expect(await streak()).toBe('2'); // Tue 00:10, same UTC day
    expect(await t.say('alice', '/progress')).toContain('Streak: 2 days now, best 2 days');
    t.clock.advance(DAY + 23 * 60 * MIN); // Wed 23:10: nothing done Wednesday yet, the streak stands
    expect(await t.say('alice', '/progress')).toContain('Streak: 2 days now');
    t.clock.advance(55 * MIN); // Thu 00:05: Wednesday missed, the grace day keeps it
    expect(await t.say('alice', '/progress')).toContain('Streak: 2 days now');
    const third = await t.say('alice', '/daily done');
    expect(third).toMatch(/Streak: 3 days\./);
    expect(third).toContain('3-day streak reached');
    t.clock.advance(2 * DAY); // Sat 00:05: Friday missed, the grace day was used two days ago
    expect(await t.say('alice', '/progress')).toContain('Streak: 0 days now, best 3 days');
    expect(await streak()).toBe('1');
    const streakAwards = await t.database.db
      .selectFrom('points')
      .select(['reference', 'points', 'local_date'])
      .where('reason', '=', 'streak')
      .execute();
    expect(streakAwards).toEqual([{ reference: '3:2026-11-26', points: 5, local_date: '2026-11-26' }]);
  });

  it('resets after two missed local days in a row', async () => {
    const t = await testBot(new Date('2026-11-23T08:30:00Z'), 'Asia/Tokyo'); // 17:30 Monday in Tokyo
    expect(await t.say('alice', '/daily done')).toMatch(/Streak: 1 day\./);
    t.clock.advance(DAY);
    expect(await t.say('alice', '/daily done')).toMatch(/Streak: 2 days\./); // Tuesday
    t.clock.advance(3 * DAY); // Friday: Wednesday and Thursday missed
    expect(await t.say('alice', '/daily done')).toMatch(/Streak: 1 day\./);
  });
});
