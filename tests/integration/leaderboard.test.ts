import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/message';
import { readLeaderboard } from '../../src/db/leaderboard';
import { award } from '../../src/db/points';
import { type TestBot, testBot } from '../helpers/bot';
import { onPostgres } from '../helpers/db';

/** Members (created by running a command as them) with the given points on a local day. */
async function seed(t: TestBot, points: Record<string, number>, localDate = '2026-11-25'): Promise<void> {
  for (const name of Object.keys(points)) await t.as(name, '/help');
  const members = await t.database.db.selectFrom('members').select(['id', 'group_id', 'display_name']).execute();
  for (const [name, pts] of Object.entries(points)) {
    const m = members.find((x) => x.display_name === name);
    if (!m) throw new Error(`no member ${name}`);
    await award(t.database.db, {
      memberId: m.id,
      groupId: m.group_id,
      reason: 'test',
      reference: `${localDate}:${pts}`,
      points: pts,
      localDate,
    });
  }
}

const lines = (text: string) => text.split('\n').filter((l) => /^\*\*\d+\.\*\*/.test(l));

describe(`/leaderboard on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('ranks by points with shared ranks for ties, and shows streaks', async () => {
    const t = await testBot();
    await seed(t, { alice: 30, bob: 20, carol: 20, dave: 10 });
    await t.as('dave', '/daily done'); // +10 and a one-day streak
    const board = await t.as('alice', '/leaderboard');
    expect(board.visibility).toBe('private');
    expect(board.title).toBe('Leaderboard: this week (from Monday 2026-11-23)');
    expect(lines(plainText(board))).toEqual([
      '**1.** alice (you): 30 points',
      '**2.** bob: 20 points',
      '**2.** carol: 20 points',
      '**2.** dave: 20 points, 1-day streak',
    ]);
    expect(plainText(board)).toContain('4 members ranked');
  });

  it("shows the caller's own rank when outside the top 10", async () => {
    const t = await testBot();
    const points: Record<string, number> = {};
    for (let i = 0; i < 12; i++) points[`m${String(i).padStart(2, '0')}`] = 200 - i * 10;
    points.zed = 5;
    await seed(t, points);
    const text = plainText(await t.as('zed', '/leaderboard week'));
    const rows = lines(text);
    expect(rows).toHaveLength(11);
    expect(rows.slice(0, 10).map((r) => r.split(':')[0])).toEqual(
      Array.from({ length: 10 }, (_, i) => `**${i + 1}.** m${String(i).padStart(2, '0')}`),
    );
    expect(rows[10]).toBe('**13.** zed (you): 5 points');
    expect(text).toContain('13 members ranked');
    // Inside the top 10 the caller is marked in place, not repeated.
    const top = lines(plainText(await t.as('m03', '/leaderboard')));
    expect(top).toHaveLength(10);
    expect(top[3]).toBe('**4.** m03 (you): 170 points');
  });

  it('hides members who opted out, ranks the rest without gaps, and lets them back in', async () => {
    const t = await testBot();
    await seed(t, { alice: 30, bob: 20, carol: 10 });
    expect(await t.say('bob', '/progress optout')).toContain('hidden from the leaderboard');
    const text = plainText(await t.as('carol', '/leaderboard all'));
    expect(lines(text)).toEqual(['**1.** alice: 30 points', '**2.** carol (you): 10 points']);
    expect(text).not.toContain('bob');
    expect(await t.say('bob', '/leaderboard')).toContain('You are hidden from the leaderboard (`/progress optin`');
    expect(await t.say('bob', '/progress')).toContain('Rank: hidden (you opted out)');
    await t.as('bob', '/progress optin');
    expect(lines(await t.say('carol', '/leaderboard all'))).toEqual([
      '**1.** alice: 30 points',
      '**2.** bob: 20 points',
      '**3.** carol (you): 10 points',
    ]);
  });

  it('honours an organizer turning the board off', async () => {
    const t = await testBot();
    await seed(t, { alice: 30, bob: 20 });
    await t.as('alice', '/studygroup setup');
    await t.as('alice', '/studygroup leaderboard off');
    const m = await t.as('bob', '/leaderboard');
    expect(m.visibility).toBe('private');
    expect(plainText(m)).toBe(
      "This group's organizers turned the leaderboard off (`/studygroup leaderboard on` brings it back). Your own figures are in `/progress`.",
    );
    expect(await t.say('bob', '/progress')).toContain('Rank: leaderboard off in this group');
    await t.as('alice', '/studygroup leaderboard on');
    expect(lines(await t.say('bob', '/leaderboard'))).toHaveLength(2);
  });

  it('counts week (Monday to Sunday), month and all time separately', async () => {
    const t = await testBot(); // Wednesday 2026-11-25
    await seed(t, { alice: 5, bob: 40 }, '2026-11-23'); // this week's Monday
    await seed(t, { alice: 50 }, '2026-11-22'); // last week's Sunday, same month
    await seed(t, { bob: 30 }, '2026-10-31'); // last month
    expect(lines(await t.say('alice', '/leaderboard week'))).toEqual([
      '**1.** bob: 40 points',
      '**2.** alice (you): 5 points',
    ]);
    expect(lines(await t.say('alice', '/leaderboard month'))).toEqual([
      '**1.** alice (you): 55 points',
      '**2.** bob: 40 points',
    ]);
    expect(await t.say('alice', '/leaderboard month')).toContain('Leaderboard: November 2026');
    expect(lines(await t.say('alice', '/leaderboard all'))).toEqual([
      '**1.** bob: 70 points',
      '**2.** alice (you): 55 points',
    ]);
    expect(await t.say('alice', '/leaderboard year')).toContain('scope must be one of week, month, all (got "year")');
  });

  it('says so when nobody has points yet', async () => {
    const t = await testBot();
    const text = await t.say('alice', '/leaderboard');
    expect(text).toContain('Nobody has points for this week (from Monday 2026-11-23) yet.');
    expect(text).toContain('You have no points for this week');
  });

  it('shows a streak only while it stands: a lapsed streak reads as none', async () => {
    const t = await testBot(new Date('2026-11-23T10:00:00Z'));
    await t.as('alice', '/daily done');
    t.clock.advance(86_400_000);
    await t.as('alice', '/daily done');
    expect(lines(await t.say('alice', '/leaderboard'))).toEqual(['**1.** alice (you): 20 points, 2-day streak']);
    t.clock.advance(3 * 86_400_000); // two days missed in a row: over
    expect(lines(await t.say('alice', '/leaderboard'))).toEqual(['**1.** alice (you): 20 points']);
  });

  it('gives the digest the top N of a scope with the caller row, from one function', async () => {
    const t = await testBot();
    await seed(t, { alice: 30, bob: 20, carol: 20, dave: 10 });
    const group = await t.database.db.selectFrom('groups').select('id').executeTakeFirstOrThrow();
    const dave = await t.database.db
      .selectFrom('members')
      .select('id')
      .where('display_name', '=', 'dave')
      .executeTakeFirstOrThrow();
    const board = await readLeaderboard(t.database.db, {
      groupId: group.id,
      scope: 'week',
      today: '2026-11-29',
      limit: 2,
      memberId: dave.id,
    });
    expect(board.period).toBe('week:2026-11-23');
    expect(board.top.map((r) => [r.displayName, r.rank, r.points])).toEqual([
      ['alice', 1, 30],
      ['bob', 2, 20],
    ]);
    expect(board.me).toMatchObject({ displayName: 'dave', rank: 4, points: 10 });
    expect(board.ranked).toBe(4);
    const nextWeek = await readLeaderboard(t.database.db, { groupId: group.id, scope: 'week', today: '2026-11-30' });
    expect(nextWeek).toMatchObject({ top: [], me: null, ranked: 0 });
  });
});
