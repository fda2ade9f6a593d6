import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/core/message';
import { groupWeek } from '../../src/db/progress';
import { testBot } from '../helpers/bot';
import { onPostgres } from '../helpers/db';

const DAY = 86_400_000;

describe(`/progress on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('shows points, rank, streaks, problems by competency, the checklist and the readiness trend, privately', async () => {
    const t = await testBot(new Date('2026-11-23T10:00:00Z')); // Monday, plan week 1
    const pack = t.bot.deps.pack;
    await t.as('bob', '/daily done');
    await t.as('alice', '/daily done 3'); // 12
    t.clock.advance(DAY);
    await t.as('alice', '/daily done'); // 10
    await t.as('alice', '/assess submit coding=3 system-design=2 aws=3 distributed-systems=1 ai-ml=2'); // 15
    await t.as('alice', '/assess check l6-coding-medium-30min');
    t.clock.advance(DAY);
    await t.as('alice', '/assess system-design 3');
    const m = await t.as('alice', '/progress');
    expect(m.visibility).toBe('private');
    expect(m.title).toBe('Your progress, alice');
    const text = plainText(m);
    expect(text).toContain('Points: 37 (this week 37, this month 37)');
    expect(text).toContain('Rank: #1 of 2 (all time)');
    expect(text).toContain('Streak: 2 days now, best 2 days');
    expect(text).toContain('Problems done: 2');
    expect(text).toContain('L6 checklist: 1 of 6 ticked');
    const done = await t.database.db
      .selectFrom('completions')
      .select('problem_id')
      .where('member_id', '=', 2)
      .execute();
    for (const c of pack.competencies) {
      const n = done.filter((d) => pack.problemById.get(d.problem_id)?.competency === c.id).length;
      expect(text).toContain(`- ${c.name}: ${n}`);
    }
    expect(text).toContain('Readiness trend** (each at the level you had then): 79% → 90%');
    expect(await t.say('bob', '/progress')).toContain('Rank: #2 of 2 (all time)');
    // The digest's week chart reads the same completions, per local day.
    const group = await t.database.db.selectFrom('groups').select('id').executeTakeFirstOrThrow();
    const week = await groupWeek(t.database.db, group.id, '2026-11-23');
    expect(week.map((d) => [d.date, d.done, d.members])).toEqual([
      ['2026-11-23', 2, 2],
      ['2026-11-24', 1, 1],
      ['2026-11-25', 0, 0],
      ['2026-11-26', 0, 0],
      ['2026-11-27', 0, 0],
      ['2026-11-28', 0, 0],
      ['2026-11-29', 0, 0],
    ]);
  });

  it('reads sensibly for a newcomer', async () => {
    const t = await testBot();
    const text = await t.say('carol', '/progress');
    expect(text).toContain('Points: 0 (this week 0, this month 0)');
    expect(text).toContain('Rank: not ranked yet');
    expect(text).toContain('Streak: 0 days now, best 0 days');
    expect(text).toContain('no self-assessment yet');
  });
});

describe(`/plan goal on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it("ticks this week's goals once each, for points, and starts afresh next week", async () => {
    const t = await testBot(new Date('2026-11-23T10:00:00Z'));
    const week1 = t.bot.deps.pack.plan[0];
    const first = await t.as('alice', '/plan goal 2');
    expect(first.title).toBe('Week 1 goals');
    const text = plainText(first);
    expect(text).toContain('Goal 2 ticked: +5 points.');
    expect(text).toContain(`[ ] 1. ${week1?.goals[0]}`);
    expect(text).toContain(`[x] 2. ${week1?.goals[1]}`);
    expect(text).toContain(`1 of ${week1?.goals.length} goals of week 1 ticked.`);
    expect(await t.say('alice', '/plan goal 2')).toContain('Goal 2 was already ticked; nothing changed.');
    expect(await t.say('alice', '/plan goal 4')).toContain(`Week 1 has ${week1?.goals.length} goals`);
    expect(await t.say('alice', '/plan goal 0')).toContain('number must be from 1 to 4');
    t.clock.advance(7 * DAY);
    expect(await t.say('alice', '/plan goal 2')).toContain('Goal 2 ticked: +5 points.');
    const goals = await t.database.db.selectFrom('points').select(['reference', 'points']).orderBy('id').execute();
    expect(goals).toEqual([
      { reference: '2026-11-23:2', points: 5 },
      { reference: '2026-11-30:2', points: 5 },
    ]);
  });

  it('refuses goals before the cohort starts', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    await t.as('alice', '/studygroup start 2027-01-04');
    expect(await t.say('alice', '/plan goal 1')).toBe(
      'The plan starts on 2027-01-04; goals can be ticked in their week.',
    );
  });
});
