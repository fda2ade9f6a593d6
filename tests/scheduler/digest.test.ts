import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/message';
import { testBot } from '../helpers/bot';
import { fakePoster } from '../helpers/fake-poster';
import { runner } from '../helpers/scheduler';

/** A group of `n` members where `raters` of them rated system design, and carol has gone quiet. */
async function groupWithRatings(raters: number) {
  const t = await testBot(new Date('2026-11-16T10:00:00Z'));
  await t.as('olivia', '/studygroup setup');
  await t.as('olivia', '/studygroup start 2026-11-16');
  await t.as('carol', '/daily done 3'); // carol's only activity, two weeks before the digest
  t.clock.set(new Date('2026-11-25T10:00:00Z'));
  const names = ['alice', 'bob', 'dave', 'erin'];
  for (const name of names) await t.as(name, '/daily done 4');
  for (const day of ['2026-11-27', '2026-11-28', '2026-11-29']) {
    t.clock.set(new Date(`${day}T10:00:00Z`));
    await t.as('alice', '/daily done 5'); // alice keeps a streak going (the 26th is her grace day)
  }
  const members = await t.database.db.selectFrom('members').select(['id', 'user_id']).execute();
  const rated = members.filter((m) => names.slice(0, raters).includes(m.user_id.replace('console:', '')));
  for (const [i, m] of rated.entries()) {
    await t.database.db
      .insertInto('ratings')
      .values({
        member_id: m.id,
        competency: 'system-design',
        rating: 2 + i,
        level: 'L6',
        rated_at: new Date('2026-11-24T10:00:00Z'),
      })
      .execute();
  }
  return t;
}

async function channelDigest(t: Awaited<ReturnType<typeof groupWithRatings>>) {
  const fake = fakePoster();
  const run = runner(t.bot.deps, fake.poster);
  await run(new Date('2026-11-29T18:00:00Z')); // Sunday 18:00 UTC: digest time
  const digest = fake.delivered.find((d) => d.message.title?.startsWith('Weekly digest'));
  expect(digest?.message.visibility).toBe('channel');
  return plainText(digest?.message ?? { visibility: 'channel', blocks: [] });
}

describe('weekly digest', () => {
  it('shows participation, problems against last week, streak leaders, the weekly top and plan progress', async () => {
    const t = await groupWithRatings(3);
    const text = await channelDigest(t);
    expect(text).toContain('Weekly digest: 2026-11-23 to 2026-11-29');
    expect(text).toContain('Active members: 4 of 6'); // olivia and carol did nothing this week
    expect(text).toContain('Plan: week 2 of 24 (8%)');
    expect(text).toContain('Problems done: 7 (last week 1, +6)');
    expect(text).toContain('**Streak leaders:** alice (4 days)');
    expect(text).toMatch(
      /\*\*Top of the week\*\*\n1\. alice: \d+ points\n2\. bob: 12 points\n2\. dave: 12 points\n2\. erin: 12 points/,
    );
  });

  it("carries a bar chart of the group's week as a PNG with alt text", async () => {
    const t = await groupWithRatings(0);
    const fake = fakePoster();
    await runner(t.bot.deps, fake.poster)(new Date('2026-11-29T18:00:00Z'));
    const image = fake.delivered.find((d) => d.message.title?.startsWith('Weekly digest'))?.message.image;
    expect([...(image?.png.slice(0, 8) ?? [])]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(image?.alt).toContain('Problems done this week (2026-11-23 to 2026-11-29): bar chart of problems done.');
    expect(image?.alt).toContain('Wed 25 4, Thu 26 0, Fri 27 1, Sat 28 1, Sun 29 1. Total 7.');
  });

  it('shows self-rating averages only when at least three members rated', async () => {
    expect(await channelDigest(await groupWithRatings(3))).toContain('- System Design: 3.0');
    const two = await channelDigest(await groupWithRatings(2));
    expect(two).not.toMatch(/System Design: \d/);
    expect(two).toContain('appear once 3 or more members have rated');
  });

  it('never names quiet members in the channel; the organizers’ preview does', async () => {
    const t = await groupWithRatings(3);
    t.clock.set(new Date('2026-11-29T18:00:00Z'));
    const channel = await channelDigest(t);
    expect(channel).not.toContain('carol');
    expect(channel).not.toMatch(/quiet/i);
    const preview = await t.as('olivia', '/studygroup digest');
    expect(preview.visibility).toBe('private');
    expect(plainText(preview)).toContain('**Quiet for 7+ days** (organizers only): olivia, carol');
    expect(plainText(await t.as('bob', '/studygroup digest'))).toContain("Only this group's organizers");
  });

  it('hides the weekly top when the organizers turned the leaderboard off', async () => {
    const t = await groupWithRatings(0);
    await t.as('olivia', '/studygroup leaderboard off');
    expect(await channelDigest(t)).not.toContain('Top of the week');
  });
});

describe('weekly milestone', () => {
  it('posts week N of 24 with focus, goals, resources and last week’s progress', async () => {
    const t = await groupWithRatings(0);
    const fake = fakePoster();
    await runner(t.bot.deps, fake.poster)(new Date('2026-11-30T09:00:00Z'));
    const milestone = fake.delivered.find((d) => d.message.title === 'This week in the study plan');
    const text = plainText(milestone?.message ?? { visibility: 'channel', blocks: [] });
    const week3 = t.bot.deps.pack.plan[2];
    expect(text).toContain(`Week 3 of 24: ${week3?.block}`);
    expect(text).toContain(week3?.goals[0] ?? 'missing');
    expect(text).toContain('Last week (');
    expect(text).toContain('7 problems done by 4 of 6 members');
  });
});
