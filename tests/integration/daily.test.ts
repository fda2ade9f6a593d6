import { describe, expect, it } from 'vitest';
import { APOLOGY } from '../../src/core/bot';
import { dailyButtons } from '../../src/core/problem-message';
import { testBot } from '../helpers/bot';
import { onPostgres } from '../helpers/db';

describe(`/daily on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('shows the same problem to every member on a local day, with its details and buttons', async () => {
    const t = await testBot();
    const alice = await t.as('alice', '/daily');
    const bob = await t.as('bob', '/daily');
    expect(alice.visibility).toBe('private');
    expect(alice.title).toMatch(/^Today's problem: /);
    expect(bob.title).toBe(alice.title);
    const fields = alice.blocks.find((b) => b.type === 'fields');
    expect(fields && fields.type === 'fields' && fields.fields.map((f) => f.label)).toEqual([
      'Competency',
      'Level',
      'Difficulty',
      'Time box',
    ]);
    expect(alice.buttons?.map((b) => b.label)[0]).toBe('Done');
    expect(alice.buttons).toHaveLength(6);
  });

  it('picks a problem that fits the plan week (week 1 is AWS fundamentals in the fixture pack)', async () => {
    const t = await testBot();
    await t.as('alice', '/daily');
    const row = await t.database.db.selectFrom('daily_problems').selectAll().executeTakeFirstOrThrow();
    expect(row.plan_week).toBe(1);
    const pack = t.bot.deps.pack;
    expect(pack.problemById.get(row.problem_id)?.weeks).toContain(1);
  });

  it('never repeats a problem inside a group until the pack runs out', async () => {
    const t = await testBot();
    const pack = t.bot.deps.pack;
    const seen: string[] = [];
    for (let day = 0; day < pack.problems.length; day++) {
      const m = await t.as('alice', '/daily');
      seen.push(m.title ?? '');
      t.clock.advance(86_400_000);
    }
    expect(new Set(seen).size).toBe(pack.problems.length);
    // The next day starts a new cycle rather than failing.
    const again = await t.as('alice', '/daily');
    expect(seen).toContain(again.title);
  });

  it('gives hints for the current problem', async () => {
    const t = await testBot();
    const shown = await t.as('alice', '/daily');
    const hints = await t.as('alice', '/daily hint');
    expect(hints.title).toBe(`Hints: ${shown.title?.replace("Today's problem: ", '')}`);
    expect(hints.blocks[0]?.type === 'text' && hints.blocks[0].text).toMatch(/^1\. .+\n2\. /);
  });

  it('awards points once: a second done says so and changes nothing', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/daily done 4')).toMatch(
      /marked done with confidence 4: \+12 points\. Streak: 1 day\./,
    );
    expect(await t.say('alice', '/daily done 4')).toMatch(
      /already marked .* done on 2026-11-25 with confidence 4\. Nothing changed\./,
    );
    expect(await t.say('alice', '/daily done')).toMatch(/Nothing changed/);
    const points = await t.database.db.selectFrom('points').selectAll().execute();
    expect(points.map((p) => [p.reason, p.points])).toEqual([
      ['done', 10],
      ['confidence', 2],
    ]);
  });

  it('adds a confidence given after a plain done, once', async () => {
    const t = await testBot();
    await t.as('bob', '/daily done');
    expect(await t.say('bob', '/daily done 3')).toMatch(/Confidence 3 recorded .* \(\+2 points\)/);
    expect(await t.say('bob', '/daily done 5')).toMatch(/with confidence 3\. Nothing changed/);
  });

  it('keeps streaks in local days and forgives one missed day a week', async () => {
    const t = await testBot(new Date('2026-11-23T08:00:00Z'));
    const streak = async () => (await t.say('alice', '/daily done')).match(/Streak: (\d+)/)?.[1];
    expect(await streak()).toBe('1');
    t.clock.advance(86_400_000);
    expect(await streak()).toBe('2');
    t.clock.advance(2 * 86_400_000); // one day missed: forgiven
    expect(await streak()).toBe('3');
    t.clock.advance(2 * 86_400_000); // another miss within the week: reset
    expect(await streak()).toBe('1');
  });

  it('uses the group-local day: 23:30 and 00:30 in New York are two days', async () => {
    const t = await testBot(new Date('2026-11-26T04:30:00Z'), 'America/New_York'); // 23:30 on the 25th
    const first = await t.as('alice', '/daily');
    expect(first.blocks.some((b) => b.type === 'context' && b.text.includes('2026-11-25'))).toBe(true);
    t.clock.advance(3_600_000); // 00:30 on the 26th
    const second = await t.as('alice', '/daily');
    expect(second.title).not.toBe(first.title);
  });

  it('marks an older problem done from its post button, with the late rate', async () => {
    const t = await testBot();
    const first = await t.as('alice', '/daily');
    t.clock.advance(86_400_000);
    const id = t.bot.deps.pack.problems.find((p) => first.title?.endsWith(p.title))?.id ?? '';
    const button = dailyButtons(id)[2]; // confidence 2
    const text = await t.say('alice', `/daily ${button?.action.args.join(' ')}`);
    expect(text).toMatch(/with confidence 2: \+8 points/);
    const row = await t.database.db.selectFrom('completions').selectAll().executeTakeFirstOrThrow();
    expect(row.problem_id).toBe(id);
  });

  it('refuses a button for a problem never posted in the group', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/daily done 3 no-such-problem')).toMatch(/never posted in this group/);
  });

  it.each([
    ['/daily done 9', 'confidence must be from 1 to 5 (got 9). Usage: `/daily done [confidence 1-5]`'],
    [
      '/daily done abc',
      'confidence must be a whole number from 1 to 5 (got "abc"). Usage: `/daily done [confidence 1-5]`',
    ],
    ['/daily done 2.5', 'confidence must be a whole number from 1 to 5 (got "2.5")'],
    ['/daily frobnicate', 'Unknown subcommand "frobnicate" for /daily'],
    ['/nope', 'Unknown command "/nope". Try `/help` for the list.'],
  ])('answers %s with a clear message and records nothing', async (line, expected) => {
    const t = await testBot();
    const message = await t.as('alice', line);
    expect(message.visibility).toBe('private');
    expect(message.blocks[0]?.type === 'text' && message.blocks[0].text).toContain(expected);
    expect(await t.database.db.selectFrom('completions').selectAll().execute()).toEqual([]);
  });

  it('logs an unexpected failure with context and apologises to the user', async () => {
    const t = await testBot();
    await t.database.db.schema.alterTable('completions').renameTo('completions_gone').execute();
    try {
      expect(await t.say('alice', '/daily done 3')).toBe(APOLOGY);
    } finally {
      await t.database.db.schema.alterTable('completions_gone').renameTo('completions').execute();
    }
    const entry = t.logs.find((l) => l.msg === 'command failed');
    expect(entry).toMatchObject({
      command: 'daily',
      args: ['done', '3'],
      channel: 'console:study',
      user: 'console:alice',
    });
  });
});
