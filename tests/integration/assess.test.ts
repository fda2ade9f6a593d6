import { describe, expect, it } from 'vitest';
import { assessForm, parseSubmission } from '../../src/core/commands/assess';
import { FormError } from '../../src/core/errors';
import { formTokens, plainText } from '../../src/core/message';
import { testBot } from '../helpers/bot';
import { miniPack, onPostgres } from '../helpers/db';

const FULL = 'coding=3 system-design=2 aws=3 distributed-systems=1 ai-ml=2';
const DAY = 86_400_000;

describe(`/assess on ${onPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it('opens a form with a 1-5 select per competency, the level and the checklists, without the database', async () => {
    const t = await testBot();
    const form = t.bot.formFor({ command: 'assess', args: [] });
    expect(form?.fields.map((f) => [f.type, f.name])).toEqual([
      ['select', 'coding'],
      ['select', 'system-design'],
      ['select', 'aws'],
      ['select', 'distributed-systems'],
      ['select', 'ai-ml'],
      ['select', 'level'],
      ['checkboxes', 'checklist-l6'],
      ['checkboxes', 'checklist-l7'],
    ]);
    const coding = form?.fields[0];
    expect(coding?.type === 'select' && coding.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(coding?.type === 'select' && coding.required).toBe(true);
    expect(form?.submit).toEqual({ command: 'assess', args: ['submit'] });
    // Typed arguments run directly instead of opening the form.
    expect(t.bot.formFor({ command: 'assess', args: ['coding', '3'] })).toBeNull();
    expect(t.bot.formFor({ command: 'assess', args: ['history'] })).toBeNull();
  });

  it('answers a submitted form with a private readiness report carrying the radar', async () => {
    const t = await testBot();
    const form = assessForm(t.bot.deps.pack);
    const tokens = formTokens(form, {
      coding: '3',
      'system-design': '2',
      aws: '3',
      'distributed-systems': '1',
      'ai-ml': '2',
      level: 'L7',
      'checklist-l6': [],
      'checklist-l7': ['l7-aws-15-services-deep'],
    });
    const report = await t.as('alice', `/assess ${[...form.submit.args, ...tokens].join(' ')}`);
    expect(report.visibility).toBe('private');
    expect(report.title).toBe('Your readiness report (L7)');
    const body = plainText(report);
    expect(body).toContain('Readiness for L7: 54%');
    expect(body).toContain('+15 points for this week');
    expect(body).toMatch(/System Design \(weight 38%\): 2 of bar 4, 2 to go/);
    expect(body).toMatch(/Coding \(weight 5%\): 3 of bar 2, at the bar/);
    // The three biggest weighted gaps, biggest first, each with plan weeks and problems.
    const gaps = body.slice(body.indexOf('Biggest gaps'));
    expect(gaps.indexOf('**System Design**')).toBeLessThan(gaps.indexOf('**Distributed Systems**'));
    expect(gaps.indexOf('**Distributed Systems**')).toBeLessThan(gaps.indexOf('**AI/ML Integration**'));
    expect(gaps).toMatch(
      /1\. \*\*System Design\*\*: 2 of 4; reaching the bar adds 19 points\. Study: plan weeks 2, 7, 8\. Try: _/,
    );
    // Checklist: the ticked L7 item is gone from the open list.
    expect(body).toContain('L7 checklist still open (6 of 7)');
    expect(body).not.toContain('`l7-aws-15-services-deep`');
    expect(body).toContain('`l7-platforms-for-multiple-teams`');
    expect(report.image?.png.subarray(1, 4).toString()).toBe('80,78,71'); // "PNG"
    expect(report.image?.alt).toContain('System Design: you 2, L6 bar 3, L7 bar 4');
    const member = await t.database.db.selectFrom('members').selectAll().executeTakeFirstOrThrow();
    expect(member.target_level).toBe('L7');
  });

  it('keeps ratings as history, reports the change since the previous assessment, and shows the trend', async () => {
    const t = await testBot();
    await t.as('alice', `/assess submit ${FULL} level=L7`);
    t.clock.advance(7 * DAY);
    const second = plainText(await t.as('alice', '/assess system-design 3'));
    expect(second).toContain('System Design rated 3.');
    expect(second).toMatch(/Readiness for L7: 63%\*\* \(\+10 since 2026-11-25\)/);
    expect(second).toContain('3 (was 2) of bar 4');
    const rows = await t.database.db.selectFrom('ratings').select(['competency', 'rating']).orderBy('id').execute();
    expect(rows).toHaveLength(6); // nothing overwritten
    expect(rows.filter((r) => r.competency === 'system-design').map((r) => r.rating)).toEqual([2, 3]);
    const history = plainText(await t.as('alice', '/assess history'));
    expect(history).toContain('Trend:** 54% → 63%');
    expect(history).toMatch(/- 2026-11-25 · L7 · \*\*54%\*\*/);
    expect(history).toMatch(/- 2026-12-02 · L7 · \*\*63%\*\*/);
  });

  it('compares L6 and L7: switching level rescales the same ratings', async () => {
    const t = await testBot();
    const l6 = plainText(await t.as('alice', `/assess submit ${FULL}`));
    expect(l6).toContain('Readiness for L6: 79%'); // the group's level until the member picks one
    const l7 = await t.as('alice', '/assess level L7');
    expect(plainText(l7)).toContain('Your target level is now L7.');
    expect(plainText(l7)).toContain('Readiness for L7: 54%');
    expect(l7.image?.alt).toContain('You (target L7): 54%');
  });

  it('gives the weekly assessment points once per plan week, also when rated one competency at a time', async () => {
    const t = await testBot();
    const points = async () =>
      (await t.database.db.selectFrom('points').select(['reason', 'reference', 'points']).execute()).filter(
        (p) => p.reason === 'assessment',
      );
    for (const [i, c] of ['coding', 'system-design', 'aws', 'distributed-systems'].entries()) {
      expect(plainText(await t.as('bob', `/assess ${c} ${i + 1}`))).not.toContain('points for this week');
    }
    expect(await points()).toEqual([]);
    expect(plainText(await t.as('bob', '/assess ai-ml 2'))).toContain("+15 points for this week's assessment");
    expect(plainText(await t.as('bob', `/assess submit ${FULL}`))).not.toContain('points for this week');
    t.clock.advance(7 * DAY); // next plan week: a full assessment earns again
    expect(plainText(await t.as('bob', `/assess submit ${FULL}`))).toContain("+15 points for this week's assessment");
    expect(await points()).toEqual([
      { reason: 'assessment', reference: '2026-11-23', points: 15 },
      { reason: 'assessment', reference: '2026-11-30', points: 15 },
    ]);
  });

  it('explains what to do before any rating, privately', async () => {
    const t = await testBot();
    const m = await t.as('carol', '/assess');
    expect(m.visibility).toBe('private');
    expect(plainText(m)).toContain('You have not rated yourself yet');
    expect(m.image).toBeUndefined();
    expect(plainText(await t.as('carol', '/assess history'))).toContain('You have not rated yourself yet');
  });

  it('refuses wrong form values with a message per field and records nothing', async () => {
    const t = await testBot();
    const m = await t.as(
      'alice',
      '/assess submit coding=7 system-design=x aws=3 level=L9 checklist-l6=l7-aws-15-services-deep',
    );
    expect(m.visibility).toBe('private');
    expect(m.formErrors).toEqual({
      coding: 'Rate Coding with a whole number from 1 to 5 (got "7").',
      'system-design': 'Rate System Design with a whole number from 1 to 5 (got "x").',
      level: 'Level must be L6 or L7.',
      'checklist-l6': 'Not an L6 checklist item: l7-aws-15-services-deep.',
    });
    expect(await t.database.db.selectFrom('ratings').selectAll().execute()).toEqual([]);
    expect(await t.database.db.selectFrom('points').selectAll().execute()).toEqual([]);
  });

  it('ticks and unticks checklist items and keeps every change', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/assess check l6-distributed-fundamentals')).toContain(
      'Ticked: Understand the fundamentals of distributed systems. (L6 checklist: 1 of 6 done)',
    );
    expect(await t.say('alice', '/assess check l6-distributed-fundamentals')).toMatch(/^Already ticked/);
    expect(await t.say('alice', '/assess uncheck l6-distributed-fundamentals')).toMatch(/^Unticked: .*0 of 6 done/);
    expect(await t.say('alice', '/assess check nope')).toMatch(/There is no checklist item "nope"\. L6 items: `l6-/);
    // A form submission sets the whole list it showed: ticked items done, the others not.
    await t.as('alice', '/assess submit checklist-l6=l6-coding-medium-30min,l6-design-millions-of-users');
    await t.as('alice', '/assess submit checklist-l6=l6-coding-medium-30min');
    const marks = await t.database.db.selectFrom('checklist_marks').select(['item_id', 'done']).orderBy('id').execute();
    expect(marks).toEqual([
      { item_id: 'l6-distributed-fundamentals', done: true },
      { item_id: 'l6-distributed-fundamentals', done: false },
      { item_id: 'l6-coding-medium-30min', done: true },
      { item_id: 'l6-design-millions-of-users', done: true },
      { item_id: 'l6-design-millions-of-users', done: false },
    ]);
  });

  it('validates typed input with clear messages', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/assess coding 9')).toContain('rating must be from 1 to 5 (got 9)');
    expect(await t.say('alice', '/assess cooking 3')).toContain('competency must be one of coding, system-design');
    const scale = await t.say('alice', '/assess coding');
    expect(scale).toContain('Give a rating from 1 to 5, e.g. `/assess coding 3`. For Coding:\n1: Struggles');
    expect(scale).toMatch(/\n5: Solves hards reliably/);
    expect(await t.say('alice', '/assess level L9')).toContain('level must be one of L6, L7');
    expect(await t.say('alice', '/assess submit')).toContain('Nothing to record');
    expect(await t.database.db.selectFrom('ratings').selectAll().execute()).toEqual([]);
  });

  it('never posts self-ratings to the channel', async () => {
    const t = await testBot();
    for (const line of [
      `/assess submit ${FULL}`,
      '/assess coding 4',
      '/assess level L7',
      '/assess history',
      '/assess',
      '/assess check l7-aws-15-services-deep',
    ]) {
      expect((await t.as('alice', line)).visibility).toBe('private');
    }
  });
});

describe('assessment submissions', () => {
  it('parses name=value tokens, leaving blank answers unchanged', async () => {
    const pack = await miniPack();
    expect(parseSubmission(pack, ['coding=3', 'aws=', 'level=l7', 'checklist-l7='])).toEqual({
      ratings: { coding: 3 },
      level: 'L7',
      checklist: {
        scope: pack.checklist.filter((i) => i.level === 'L7').map((i) => i.id),
        ticked: new Set(),
      },
    });
  });

  it('names every bad field, including unknown and repeated ones', async () => {
    const pack = await miniPack();
    const error = (() => {
      try {
        parseSubmission(pack, ['coding=3', 'coding=4', '__proto__=1', 'toString=2', 'oops', 'checklist=zzz']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FormError);
    // Entries, not an object literal: `__proto__` must stay an ordinary field name here too.
    expect(Object.entries((error as FormError).fieldErrors)).toEqual([
      ['coding', 'coding is given twice.'],
      ['oops', '"oops" is not name=value, e.g. system-design=4 or level=L7.'],
      ['__proto__', expect.stringContaining('"__proto__" is not part of the assessment')],
      ['tostring', expect.stringContaining('"tostring" is not part of the assessment')],
      ['checklist', 'Not a checklist item: zzz.'],
    ]);
  });
});
