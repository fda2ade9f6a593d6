import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../../src/core/bot';
import type { Command } from '../../src/core/command';
import { commands } from '../../src/core/commands/index';
import { FormError } from '../../src/core/errors';
import { type Form, reply, text } from '../../src/core/message';
import { dailyProblemMessage } from '../../src/core/problem-message';
import { dailyProblemFor } from '../../src/db/daily';
import { ensureGroup } from '../../src/db/groups';
import type { scriptedCore } from '../contract/adapter-contract';
import { type TestBot, testBot } from '../helpers/bot';
import { viewProblems } from './block-kit';
import {
  blockText,
  CHANNEL,
  type SlackTest,
  seenOf,
  slackTest,
  stateFor,
  TEAM,
  withRealBot,
  withScriptedCore,
} from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A form defined here, since /assess belongs to another part of the bot: a rating and a checklist. */
const surveyForm: Form = {
  title: 'Weekly survey',
  submitLabel: 'Send',
  submit: { command: 'survey', args: ['submit'] },
  fields: [
    {
      type: 'select',
      name: 'coding',
      label: 'Coding confidence',
      required: true,
      options: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n) })),
    },
    {
      type: 'checkboxes',
      name: 'items',
      label: 'Done this week',
      options: ['mock', 'review', 'notes'].map((v) => ({ label: `Did a ${v}`, value: v })),
    },
  ],
};

/** The survey as a real command: a 5 needs evidence, said per field like /assess does. */
const survey: Command = {
  name: 'survey',
  description: 'A test survey',
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'Open the survey',
      form: () => surveyForm,
      async run() {
        return reply([text('Open the form with /survey')]);
      },
    },
    {
      name: 'submit',
      description: 'Record the answers',
      options: [{ name: 'answers', type: 'string', rest: true, description: 'name=value tokens' }],
      async run(ctx, values) {
        const answers = Object.fromEntries(
          String(values.answers ?? '')
            .split(' ')
            .map((t) => t.split('=')),
        );
        if (answers.coding === '5' && !answers.items)
          throw new FormError({ coding: 'A 5 needs at least one item ticked below.' });
        return reply(
          [
            text(
              `Saved coding ${answers.coding} (${answers.items || 'nothing ticked'}) for ${ctx.member.display_name}.`,
            ),
          ],
          {
            title: 'Survey saved',
          },
        );
      },
    },
  ],
};

/** Makes the scripted core answer `ms` late, as a core on a slow database would. */
function slowDown(core: ReturnType<typeof scriptedCore>, ms: number) {
  const handle = core.handlers.handle;
  core.handlers.handle = async (inv) => {
    await sleep(ms);
    return handle(inv);
  };
}

async function openedView(t: SlackTest) {
  const view = t.fake.lastView();
  if (!view) throw new Error('no modal was opened');
  return view;
}

describe('buttons', () => {
  const s = withRealBot();

  const pointsOf = async (user: string) => {
    const row = await sql<{ total: number | null; awards: number }>`
      SELECT sum(p.points)::int AS total, count(*)::int AS awards
      FROM points p JOIN members m ON m.id = p.member_id WHERE m.user_id = ${user}`.execute(s.tb.database.db);
    return row.rows[0];
  };

  it('a click sent twice awards once, and each answer is private to the clicker', async () => {
    const daily = await s.t.run('alice', 'daily');
    const first = await s.t.press('alice', daily.seen, 'Confidence 4 solid');
    expect(first.responses).toHaveLength(1);
    expect(first.responses[0]?.payload).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(first.seen.text).toMatch(/marked done with confidence 4: \+\d+ points/);
    const after = await pointsOf(`slack:${TEAM}/U0001`);
    expect(after?.total).toBeGreaterThan(0);

    const second = await s.t.press('alice', daily.seen, 'Confidence 4 solid');
    expect(second.seen.text).toContain('already marked');
    expect(await pointsOf(`slack:${TEAM}/U0001`)).toEqual(after);
  });

  it('two clicks at the same moment still award once', async () => {
    const daily = await s.t.run('bob', 'daily');
    const clicks = await Promise.all([
      s.t.press('bob', daily.seen, 'Done'),
      s.t.press('bob', daily.seen, 'Done'),
      s.t.press('bob', daily.seen, 'Done'),
    ]);
    const texts = clicks.map((c) => c.seen.text);
    expect(texts.filter((x) => /marked done/.test(x) && !/already/.test(x))).toHaveLength(1);
    expect(texts.filter((x) => x.includes('already marked'))).toHaveLength(2);
    const completions = await s.tb.database.db.selectFrom('completions').selectAll().execute();
    expect(completions).toHaveLength(1);
    expect((await pointsOf(`slack:${TEAM}/U0002`))?.awards).toBe(1);
  });

  it('buttons on a channel post run as whoever clicks, answer them privately, and leave the post alone', async () => {
    const group = await ensureGroup(s.tb.database.db, {
      channelId: `slack:${TEAM}/${CHANNEL}`,
      workspaceId: `slack:${TEAM}`,
      name: 'study',
      timezone: 'UTC',
      cohortStart: '2026-11-23',
      now: new Date('2026-11-25T10:00:00Z'),
    });
    const pack = s.tb.bot.deps.pack;
    const today = await dailyProblemFor(s.tb.database.db, pack, group, '2026-11-25', 1);
    await s.t.adapter.post(
      group.channel_id,
      dailyProblemMessage(pack, today, 'channel', 'Daily problem'),
      'daily:2026-11-25',
    );
    const [post] = s.t.fake.channels.get(CHANNEL)?.messages ?? [];
    if (!post) throw new Error('nothing was posted');
    const seen = seenOf([{ blocks: post.blocks, response_type: 'in_channel' }]);
    const byBob = await s.t.press('bob', seen, 'Confidence 2 shaky');
    const byAlice = await s.t.press('alice', seen, 'Done');
    expect(byBob.seen.visibility).toBe('private');
    expect(byBob.seen.text).toContain('confidence 2');
    expect(byAlice.seen.text).toMatch(/marked done: \+\d+ points/);
    const done = await s.tb.database.db
      .selectFrom('completions')
      .innerJoin('members', 'members.id', 'completions.member_id')
      .select(['members.user_id', 'completions.problem_id', 'completions.confidence'])
      .orderBy('members.user_id')
      .execute();
    expect(done).toEqual([
      { user_id: `slack:${TEAM}/U0001`, problem_id: today.problem.id, confidence: null },
      { user_id: `slack:${TEAM}/U0002`, problem_id: today.problem.id, confidence: 2 },
    ]);
    expect(s.t.fake.channels.get(CHANNEL)?.messages).toHaveLength(1);
  });

  it('a button whose value is not one of ours runs nothing and says so', async () => {
    const answer = await s.t.client.click(s.t.member('alice'), {
      action_id: 'br:0',
      value: '{"c":"DROP TABLE","a":[]}',
    });
    expect(answer.status).toBe(200);
    await s.t.adapter.whenIdle();
    const shown = s.t.fake.responses(answer.responseUrl);
    expect(shown.map((r) => r.payload.text)).toEqual(['This button no longer works; please use the command instead.']);
    expect(await s.tb.database.db.selectFrom('members').selectAll().execute()).toEqual([]);
  });
});

describe('forms as modals (scripted core)', () => {
  const s = withScriptedCore();
  beforeEach(() => s.core.setForm(surveyForm));

  it('opens the modal at once, before the core is asked anything', async () => {
    const r = await s.t.run('alice', 'survey');
    expect(r.status).toBe(200);
    expect(r.responses).toEqual([]);
    expect(s.core.calls).toEqual([]);
    const [open] = s.t.fake.callsTo('views.open');
    expect(open?.args.trigger_id).toBe(r.triggerId);
    const view = await openedView(s.t);
    expect(viewProblems(view.view)).toEqual([]);
    expect(view.view).toMatchObject({ type: 'modal', title: { text: 'Weekly survey' }, submit: { text: 'Send' } });
    const inputs = (view.view.blocks as { type: string; block_id: string; optional: boolean }[]).filter(
      (b) => b.type === 'input',
    );
    expect(inputs.map((b) => [b.block_id, b.optional])).toEqual([
      ['coding', false],
      ['items', true],
    ]);
  });

  it('shows the core’s errors in the modal and keeps what was entered; a corrected form is accepted', async () => {
    s.core.answer((inv) =>
      inv.args.includes('items=')
        ? { visibility: 'private', blocks: [{ type: 'text', text: 'no' }], formErrors: { coding: 'A 5 needs items.' } }
        : { visibility: 'private', title: 'Saved', blocks: [{ type: 'text', text: `Saved ${inv.args.join(' ')}` }] },
    );
    await s.t.run('alice', 'survey');
    const view = await openedView(s.t);
    const refused = await s.t.client.submit(
      s.t.member('alice'),
      view.id,
      stateFor(view.view, { coding: '5', items: [] }),
    );
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({ response_action: 'errors', errors: { coding: 'A 5 needs items.' } });
    expect(s.core.calls.at(-1)?.args).toEqual(['submit', 'coding=5', 'items=']);
    // The view was not replaced: Slack keeps the member's answers on screen beside the error.
    expect(view.history).toHaveLength(1);

    const accepted = await s.t.client.submit(
      s.t.member('alice'),
      view.id,
      stateFor(view.view, { coding: '5', items: ['mock', 'notes'] }),
    );
    expect(accepted.body?.response_action).toBe('update');
    expect(viewProblems((accepted.body as { view: unknown }).view)).toEqual([]);
    expect(blockText((accepted.body as { view: { blocks: unknown[] } }).view.blocks)).toContain(
      'Saved submit coding=5 items=mock,notes',
    );
    await s.t.adapter.whenIdle();
  });

  it('refuses a choice that was never on the form without asking the core', async () => {
    await s.t.run('alice', 'survey');
    const view = await openedView(s.t);
    const forged = await s.t.client.submit(s.t.member('alice'), view.id, {
      coding: { value: { type: 'static_select', selected_option: { value: '9' } } },
      items: { value: { type: 'checkboxes', selected_options: [] } },
    });
    expect(forged.body).toMatchObject({ response_action: 'errors', errors: { coding: expect.any(String) } });
    expect(s.core.calls).toEqual([]);
  });

  it('answers a slow submission in time, then shows the result when the core is done', async () => {
    s.core.answer(() => ({ visibility: 'private', blocks: [{ type: 'text', text: 'eventually saved' }] }));
    slowDown(s.core, 2500);
    await s.t.run('alice', 'survey');
    const view = await openedView(s.t);
    const answer = await s.t.client.submit(s.t.member('alice'), view.id, stateFor(view.view, { coding: '3' }));
    expect(answer.ms).toBeLessThan(3000);
    expect(answer.body?.response_action).toBe('update');
    expect(blockText((answer.body as { view: { blocks: unknown[] } }).view.blocks)).toContain('Saving your answers');
    await s.t.adapter.whenIdle();
    const [update] = s.t.fake.callsTo('views.update');
    expect(update?.args.view_id).toBe(view.id);
    expect(blockText((update?.args.view as { blocks?: unknown[] } | undefined)?.blocks ?? [])).toContain(
      'eventually saved',
    );
  });

  it('shows a slow refusal by re-showing the form with the answers filled in', async () => {
    s.core.answer(() => ({
      visibility: 'private',
      blocks: [{ type: 'text', text: 'no' }],
      formErrors: { coding: 'Not today.' },
    }));
    slowDown(s.core, 2500);
    await s.t.run('alice', 'survey');
    const view = await openedView(s.t);
    await s.t.client.submit(s.t.member('alice'), view.id, stateFor(view.view, { coding: '4', items: ['review'] }));
    await s.t.adapter.whenIdle();
    const [update] = s.t.fake.callsTo('views.update');
    const json = JSON.stringify(update?.args.view);
    expect(viewProblems(update?.args.view)).toEqual([]);
    expect(json).toContain('"initial_option":{"text":{"type":"plain_text","text":"4"');
    expect(json).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Did a review"');
    expect(json).toContain('Not today.');
  });

  it('says a form is out of date when its metadata cannot be read', async () => {
    await s.t.run('alice', 'survey');
    const view = await openedView(s.t);
    view.view = { ...view.view, private_metadata: '{"c":"survey"' };
    const answer = await s.t.client.submit(s.t.member('alice'), view.id, {});
    expect(answer.body?.response_action).toBe('update');
    expect(blockText((answer.body as { view: { blocks: unknown[] } }).view.blocks)).toContain('out of date');
    expect(s.core.calls).toEqual([]);
  });
});

describe('forms as modals (real bot)', () => {
  let t: SlackTest;
  let tb: TestBot;
  let bot: Bot;

  beforeEach(async () => {
    tb = await testBot();
    bot = createBot(tb.bot.deps, [...commands, survey]);
    t = await slackTest();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('runs the whole flow: open, refuse with a field error, accept, and keep a private copy in the channel', async () => {
    await t.start(bot);
    const opened = await t.run('alice', 'survey');
    const view = await openedView(t);
    const refused = await t.client.submit(t.member('alice'), view.id, stateFor(view.view, { coding: '5' }));
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { coding: 'A 5 needs at least one item ticked below.' },
    });
    const accepted = await t.client.submit(
      t.member('alice'),
      view.id,
      stateFor(view.view, { coding: '5', items: ['mock'] }),
    );
    await t.adapter.whenIdle();
    const result = blockText((accepted.body as { view: { blocks: unknown[] } }).view.blocks);
    expect(result).toContain('Saved coding 5 (mock) for Alice.');
    // The copy goes to the response_url of the command that opened the form, privately.
    const copies = t.fake.responses(opened.responseUrl);
    expect(copies).toHaveLength(1);
    expect(copies[0]?.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(blockText(copies[0]?.payload.blocks as unknown[])).toContain('Saved coding 5 (mock) for Alice.');
  });

  it('opens the modal in time even when the database is 2.5 s slow', async () => {
    const slowBot = createBot(
      {
        ...tb.bot.deps,
        db: tb.database.db.withPlugin({
          transformQuery: (args) => args.node,
          transformResult: async (args) => {
            await sleep(2500);
            return args.result;
          },
        }),
      },
      [...commands, survey],
    );
    await t.start(slowBot);
    const r = await t.run('alice', 'survey');
    expect(r.ms).toBeLessThan(1000);
    const [open] = t.fake.callsTo('views.open');
    expect(open).toBeDefined();
    expect(await openedView(t)).toBeDefined();
  });
});
