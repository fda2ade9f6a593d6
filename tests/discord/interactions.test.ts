import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeComponent } from '../../src/adapters/discord/custom-id';
import type { DiscordHandlers } from '../../src/adapters/discord/interactions';
import type { Form, Message } from '../../src/core/message';
import type { Invocation } from '../../src/core/types';
import { scriptedCore } from '../contract/adapter-contract';
import { type TestBot, testBot } from '../helpers/bot';
import type { StoredMessage } from './fake-discord';
import {
  buttonsOf,
  discordLimitProblems,
  discordOptions,
  modalDefaults,
  ORGANIZER_ROLE_ID,
  type Rig,
  startRig,
  textOf,
  user,
} from './harness';

type Json = Record<string, unknown>;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const privateMessage = (t: string): Message => ({ visibility: 'private', blocks: [{ type: 'text', text: t }] });

/** Handlers whose core takes `ms` to answer. */
function slowCore(ms: number, answer: (inv: Invocation) => Message) {
  const calls: Invocation[] = [];
  const handlers: DiscordHandlers = {
    async handle(inv) {
      calls.push(inv);
      await sleep(ms);
      return answer(inv);
    },
    formFor: () => null,
  };
  return { handlers, calls };
}

async function botRig(options: Parameters<typeof startRig>[0] = {}): Promise<{ rig: Rig; tb: TestBot }> {
  const tb = await testBot();
  const r = await startRig(options);
  await r.start(tb.bot);
  return { rig: r, tb };
}

describe('each command through Discord, with the real bot', () => {
  it('renders /daily as an embed with fields, the prompt, and Done / confidence buttons', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig());
    const record = await rig.run('alice', 'daily', ['show']);
    expect(record.callbacks.map((c) => c.type)).toEqual([4]);
    const [message, ...more] = rig.fake.shown(record);
    expect(more).toEqual([]);
    const m = message as StoredMessage;
    expect(m.flags & 64).toBe(64);
    const [head, body] = m.embeds as Json[];
    expect(String(head?.title)).toMatch(/^Today's problem: /);
    expect(((head?.fields ?? []) as Json[]).map((f) => [f.name, f.inline])).toEqual([
      ['Competency', true],
      ['Level', true],
      ['Difficulty', true],
      ['Time box', true],
    ]);
    expect(String(body?.description)).toMatch(/-# Plan week \d+ · 2026-11-25 · `\/daily hint`/);
    const labels = buttonsOf(m).map((b) => b.label);
    expect(labels).toEqual([
      'Done',
      'Confidence 1 lost',
      'Confidence 2 shaky',
      'Confidence 3 okay',
      'Confidence 4 solid',
      'Confidence 5 nailed it',
    ]);
    expect(m.components.map((r) => (r.components as Json[]).length)).toEqual([5, 1]);
    const problem = (await tb.bot.handle({ ...invocationLike(), command: 'daily', args: [] })).buttons?.[0]?.action
      .args[2];
    const actions = buttonsOf(m).map((b) => decodeComponent(String(b.custom_id)));
    expect(actions[0]).toEqual({ kind: 'action', n: 0, action: { command: 'daily', args: ['done', '', problem] } });
    expect(actions[4]).toEqual({ kind: 'action', n: 4, action: { command: 'daily', args: ['done', '4', problem] } });
  });

  it('answers every subcommand of every command within Discord limits and in time', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig());
    await rig.run('carol', 'studygroup', ['setup']);
    const runs: [string, string[], RegExp][] = [
      ['daily', ['hint'], /^Hints: /],
      ['daily', ['done', '4'], /marked done with confidence 4/],
      ['plan', ['show'], /Study plan/],
      ['plan', ['show', '3'], /Study plan, week 3/],
      ['studygroup', ['show'], /Study group settings: study/],
      ['studygroup', ['time', '08:30'], /posted at 08:30/],
      ['help', [], /Bar Raiser commands/],
      ['help', ['points'], /How points and streaks work/],
    ];
    for (const command of tb.bot.commands)
      for (const sub of command.subcommands)
        if (!runs.some(([c, t]) => c === command.name && t[0] === sub.name) && !sub.organizerOnly)
          runs.push([command.name, [sub.name], /\S/]);
    for (const [command, tokens, expected] of runs) {
      const who = command === 'studygroup' ? 'carol' : 'alice';
      const record = await rig.run(who, command, tokens);
      const label = `/${command} ${tokens.join(' ')}`;
      expect(record.late, label).toBe(0);
      const modal = rig.fake.modalOf(record);
      if (modal) {
        // A subcommand that opens a form answers with the modal straight away.
        expect((modal.components as Json[]).length, label).toBeGreaterThan(0);
        continue;
      }
      const shown = rig.fake.shown(record);
      expect(shown.length, label).toBeGreaterThan(0);
      expect(discordLimitProblems(shown), label).toEqual([]);
      expect(shown.map(textOf).join('\n'), label).toMatch(expected);
    }
  });

  it('uses the server channel name and the member display name', async () => {
    const core = scriptedCore();
    rig = await startRig();
    await rig.start(core.handlers);
    await rig.run('alice', 'help', []);
    expect(core.calls[0]).toMatchObject({
      channelName: 'study',
      userName: 'Alice',
      userId: 'discord:1400000000000000001',
      workspaceId: `discord:${rig.fake.guild.id}`,
      args: ['show'],
    });
  });
});

function invocationLike(): Invocation {
  return {
    platform: 'discord',
    workspaceId: 'discord:1300000000000000001',
    channelId: 'discord:1300000000000000001/1300000000000000011',
    channelName: 'study',
    userId: 'discord:1400000000000000001',
    userName: 'Alice',
    isPlatformAdmin: false,
    command: 'daily',
    args: [],
  };
}

describe('answering in time', () => {
  it('defers privately when the core is slow, then edits the reply', async () => {
    const core = slowCore(250, () => ({ ...privateMessage('slow answer'), title: 'Slow' }));
    rig = await startRig({ adapter: { deferAfterMs: 30 } });
    await rig.start(core.handlers);
    const record = await rig.run('alice', 'help', []);
    expect(record.callbacks).toMatchObject([{ type: 5, data: { flags: 64 } }]);
    const edits = rig.fake.requestsTo('PATCH', new RegExp(`/webhooks/\\d+/${record.token}/messages/@original$`));
    expect(edits).toHaveLength(1);
    expect(edits[0]?.at).toBeGreaterThan(record.callbacks[0]?.at ?? Infinity);
    const [shown] = rig.fake.shown(record);
    expect(shown?.flags).toBe(64);
    expect(textOf(shown as StoredMessage)).toContain('slow answer');
  });

  it('answers directly, without deferring, when the core is quick', async () => {
    const core = scriptedCore();
    rig = await startRig();
    await rig.start(core.handlers);
    const record = await rig.run('alice', 'help', []);
    expect(record.callbacks.map((c) => c.type)).toEqual([4]);
    expect(rig.fake.requestsTo('PATCH', /@original$/)).toEqual([]);
  });

  it('sends a slow answer for the channel as a public follow-up and removes the private placeholder', async () => {
    const core = slowCore(200, () => ({ visibility: 'channel', blocks: [{ type: 'text', text: 'for all' }] }));
    rig = await startRig({ adapter: { deferAfterMs: 30 } });
    await rig.start(core.handlers);
    const record = await rig.run('alice', 'leaderboard', []);
    expect(record.callbacks).toMatchObject([{ type: 5, data: { flags: 64 } }]);
    const shown = rig.fake.shown(record);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.flags).toBe(0);
    expect(rig.fake.channelMessages().map(textOf)).toEqual(['for all']);
  });

  it('meets a deadline that a late answer misses', async () => {
    // The fake refuses callbacks after its deadline, as Discord does after 3 s (scaled down here).
    const late = await startRig({ fake: { interactionDeadlineMs: 150 }, adapter: { deferAfterMs: 1_000 } });
    await late.start(slowCore(300, () => privateMessage('x')).handlers);
    const missed = await late.run('alice', 'help', []);
    expect(missed.late).toBeGreaterThan(0);
    expect(missed.callbacks).toEqual([]);
    await late.stop();

    rig = await startRig({ fake: { interactionDeadlineMs: 150 }, adapter: { deferAfterMs: 40 } });
    await rig.start(slowCore(300, () => privateMessage('in time')).handlers);
    const record = await rig.run('alice', 'help', []);
    expect(record.late).toBe(0);
    expect(textOf(rig.fake.shown(record)[0] as StoredMessage)).toContain('in time');
  });

  it('apologizes when the core fails, and logs why', async () => {
    rig = await startRig();
    await rig.start({
      handle: async () => {
        throw new Error('database on fire');
      },
      formFor: () => null,
    });
    const record = await rig.run('alice', 'help', []);
    expect(textOf(rig.fake.shown(record)[0] as StoredMessage)).toContain('Sorry, something went wrong');
    expect(rig.logs.some((l) => l.msg === 'the core failed on a discord interaction')).toBe(true);
  });

  it('tells a direct message to use a server channel', async () => {
    const core = scriptedCore();
    rig = await startRig();
    await rig.start(core.handlers);
    const record = await rig.settle(rig.fake.command(user('alice'), 'help', [], { dm: true }));
    expect(textOf(rig.fake.shown(record)[0] as StoredMessage)).toContain('works in server channels');
    expect(core.calls).toEqual([]);
  });
});

describe('buttons', () => {
  it('award once, even when Done is pressed twice at the same moment', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig());
    const shown = rig.fake.shown(await rig.run('alice', 'daily', ['show']));
    const message = shown[0] as StoredMessage;
    const done = String(buttonsOf(message).find((b) => b.label === 'Done')?.custom_id);
    const both = [rig.fake.click(user('alice'), message, done), rig.fake.click(user('alice'), message, done)];
    await Promise.all(both.map((r) => rig?.settle(r)));
    const answers = both.map((r) => textOf(rig?.fake.shown(r)[0] as StoredMessage));
    expect(answers.filter((t) => /marked done: \+\d+ points/.test(t))).toHaveLength(1);
    expect(answers.filter((t) => t.includes('already marked'))).toHaveLength(1);
    const again = await rig.press('alice', shown, 'Done');
    expect(textOf(rig.fake.shown(again)[0] as StoredMessage)).toContain('already marked');

    const rows = await tb.database.db
      .selectFrom('points')
      .innerJoin('members', 'members.id', 'points.member_id')
      .select(['members.user_id', 'points.reason'])
      .execute();
    expect(rows).toEqual([{ user_id: 'discord:1400000000000000001', reason: 'done' }]);
  });

  it('on a posted daily problem, work for whoever presses them, and the confidence counts once', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig());
    const daily = await tb.bot.handle({ ...invocationLike(), channelId: rig.channelKey, command: 'daily', args: [] });
    await rig.adapter.post(rig.channelKey, { ...daily, visibility: 'channel' }, 'daily:2026-11-25');
    const posted = rig.fake.channelMessages();
    expect(posted).toHaveLength(1);
    const first = await rig.press('bob', posted, 'Confidence 4 solid');
    expect(rig.fake.shown(first)[0]?.flags).toBe(64);
    await rig.press('bob', posted, 'Confidence 4 solid');
    await rig.press('bob', posted, 'Confidence 2 shaky');
    const points = await tb.database.db
      .selectFrom('points')
      .innerJoin('members', 'members.id', 'points.member_id')
      .select(['members.user_id', 'points.reason'])
      .orderBy('points.id')
      .execute();
    expect(points).toEqual([
      { user_id: 'discord:1400000000000000002', reason: 'done' },
      { user_id: 'discord:1400000000000000002', reason: 'confidence' },
    ]);
    // The post itself is untouched, for the next member.
    expect(rig.fake.channelMessages()).toEqual(posted);
  });

  it('refuses a button that is not ours or was tampered with, without bothering the core', async () => {
    const core = scriptedCore();
    rig = await startRig();
    await rig.start(core.handlers);
    const [message] = rig.fake.shown(await rig.run('alice', 'help', []));
    const calls = core.calls.length;
    for (const customId of ['{"a":1}', '["a",0,"Not A Command"]', 'x'.repeat(100)]) {
      const record = await rig.settle(rig.fake.click(user('alice'), message as StoredMessage, customId));
      expect(textOf(rig.fake.shown(record).at(-1) as StoredMessage)).toContain('out of date');
    }
    expect(core.calls).toHaveLength(calls);
  });
});

describe('organizers', () => {
  it('are members with Manage Server or the organizer role, by name or by id', async () => {
    for (const role of [undefined, 'Study Organizer', ORGANIZER_ROLE_ID]) {
      const core = scriptedCore();
      const r = await startRig({ config: { DISCORD_ORGANIZER_ROLE: role } });
      await r.start(core.handlers);
      for (const name of ['alice', 'carol', 'olga']) await r.run(name, 'studygroup', ['pause']);
      expect(core.calls.map((c) => [c.userName, c.isPlatformAdmin])).toEqual([
        ['Alice', false],
        ['carol', true],
        ['olga', role !== undefined],
      ]);
      await r.stop();
    }
  });

  it('may change /studygroup settings; anyone else gets a clear refusal', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig({ config: { DISCORD_ORGANIZER_ROLE: 'study organizer' } }));
    const refused = await rig.run('alice', 'studygroup', ['pause']);
    expect(textOf(rig.fake.shown(refused)[0] as StoredMessage)).toMatch(/Only (this group's )?organizers can do that/);
    const paused = await rig.run('carol', 'studygroup', ['pause']);
    expect(textOf(rig.fake.shown(paused)[0] as StoredMessage)).toContain('Paused');
    const resumed = await rig.run('olga', 'studygroup', ['resume']);
    expect(textOf(rig.fake.shown(resumed)[0] as StoredMessage)).toContain('Resumed');
    const group = await tb.database.db.selectFrom('groups').select('paused').executeTakeFirstOrThrow();
    expect(group.paused).toBe(false);
  });
});

/** A form defined here, as the core would give one: five ratings, then a level and a checklist. */
const SURVEY: Form = {
  title: 'Survey',
  submitLabel: 'Send',
  submit: { command: 'survey', args: ['submit'] },
  fields: [
    ...['coding', 'design', 'aws', 'distributed', 'ml'].map((name) => ({
      type: 'select' as const,
      name,
      label: `${name}: rate yourself 1-5`,
      required: true,
      options: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n), description: `level ${n}` })),
    })),
    {
      type: 'select',
      name: 'level',
      label: 'Target level',
      options: [
        { label: 'L6', value: 'L6' },
        { label: 'L7', value: 'L7' },
      ],
    },
    {
      type: 'checkboxes',
      name: 'items',
      label: 'Checklist',
      options: ['a', 'b', 'c'].map((v) => ({ label: `Item ${v}`, value: v })),
    },
  ],
};

describe('forms', () => {
  async function surveyRig(answer: (inv: Invocation) => Message) {
    const core = scriptedCore();
    core.setForm(SURVEY);
    core.answer(answer);
    rig = await startRig();
    await rig.start(core.handlers);
    return { core, rig };
  }

  it('open as a modal in parts of five, and hand every answer to the core as name=value tokens', async () => {
    const { core, rig: r } = await surveyRig(() => privateMessage('thanks'));
    const opened = await r.run('alice', 'survey');
    const first = r.fake.modalOf(opened) as Json;
    expect(first.title).toBe('Survey (1/2)');
    const labels = first.components as Json[];
    expect(labels.map((l) => [l.type, (l.component as Json).type])).toEqual(Array(5).fill([18, 21]));
    expect(((labels[0]?.component ?? {}) as Json).options).toContainEqual({
      label: '4',
      value: '4',
      description: 'level 4',
    });
    const part1 = await r.submit('alice', opened, ['4', '3', '5', '2', '1']);
    expect(core.calls).toEqual([]);
    const [between] = r.fake.shown(part1);
    expect(between?.flags).toBe(64);
    expect(buttonsOf(between as StoredMessage).map((b) => b.label)).toEqual(['Continue (2/2)']);

    const second = await r.press('alice', [between as StoredMessage], 'Continue (2/2)');
    const modal2 = r.fake.modalOf(second) as Json;
    expect((modal2.components as Json[]).map((l) => (l.component as Json).type)).toEqual([21, 22]);
    const done = await r.submit('alice', second, ['L7', ['a', 'c']]);
    expect(core.calls).toHaveLength(1);
    expect(core.calls[0]?.args).toEqual([
      'submit',
      'coding=4',
      'design=3',
      'aws=5',
      'distributed=2',
      'ml=1',
      'level=L7',
      'items=a,c',
    ]);
    // The answer replaced the "Continue" message: one private message, the result.
    expect(done.callbacks.map((c) => c.type)).toEqual([7]);
    expect(r.fake.shown(done).map(textOf)).toEqual(['thanks']);
  });

  it('on a refused answer, lets the member correct only that one, keeping every other answer', async () => {
    const { core, rig: r } = await surveyRig((inv) =>
      inv.args.includes('design=3')
        ? {
            ...privateMessage('Design: 3 is not allowed here.'),
            formErrors: { design: '3 is not allowed here, pick another.' },
          }
        : privateMessage('saved'),
    );
    const opened = await r.run('alice', 'survey');
    const part1 = await r.submit('alice', opened, ['4', '3', '5', '2', '1']);
    const second = await r.press('alice', r.fake.shown(part1), 'Continue (2/2)');
    const refused = await r.submit('alice', second, ['L7', ['b']]);
    const [errors] = r.fake.shown(refused);
    expect(textOf(errors as StoredMessage)).toContain(
      'design: rate yourself 1-5: 3 is not allowed here, pick another.',
    );
    expect(textOf(errors as StoredMessage)).toContain('Your other answers are kept.');

    const fix = await r.press('alice', [errors as StoredMessage], 'Fix these answers');
    const modal = r.fake.modalOf(fix) as Json;
    // The part with the refused answer, every answer as it was, the refused one marked.
    expect(modal.title).toBe('Survey (1/2)');
    expect(modalDefaults(modal)).toEqual(['4', '3', '5', '2', '1']);
    const marked = (modal.components as Json[]).map((l) => l.description ?? null);
    expect(marked[1]).toMatch(/Not accepted/);
    expect(marked.filter(Boolean)).toHaveLength(1);

    const fixed = await r.submit('alice', fix, [undefined, '4']);
    expect(core.calls.at(-1)?.args).toEqual([
      'submit',
      'coding=4',
      'design=4',
      'aws=5',
      'distributed=2',
      'ml=1',
      'level=L7',
      'items=b',
    ]);
    expect(r.fake.shown(fixed).map(textOf)).toEqual(['saved']);
  });

  it('refuses a submission that does not match the form, without calling the core', async () => {
    const { core, rig: r } = await surveyRig(() => privateMessage('thanks'));
    const opened = await r.run('alice', 'survey');
    const modal = r.fake.modalOf(opened) as Json;
    const tampered = (modal.components as Json[]).map((l, i) => ({
      type: 18,
      component: { type: 21, custom_id: (l.component as Json).custom_id, value: i === 2 ? '9' : '1' },
    }));
    const record = await r.settle(r.fake.submitModal(user('alice'), String(modal.custom_id), tampered));
    expect(textOf(r.fake.shown(record)[0] as StoredMessage)).toContain('did not match');
    const forged = await r.settle(r.fake.submitModal(user('alice'), '["m",0,0,0,"9.9","survey"]', tampered));
    expect(textOf(r.fake.shown(forged)[0] as StoredMessage)).toContain('out of date');
    expect(core.calls).toEqual([]);
  });

  it('work for the real /assess: two parts, then the readiness report', async () => {
    let tb: TestBot;
    ({ rig, tb } = await botRig());
    const form = tb.bot.formFor({ command: 'assess', args: ['rate'] });
    expect(form).not.toBeNull();
    const opened = await rig.settle(rig.fake.command(user('alice'), 'assess', discordOptions('assess', ['rate'])));
    const modal = rig.fake.modalOf(opened) as Json;
    expect((modal.components as Json[]).length).toBe(5);
    const part1 = await rig.submit('alice', opened, ['4', '3', '5', '2', '1']);
    const second = await rig.press('alice', rig.fake.shown(part1), 'Continue (2/2)');
    // Level and checklists left as they are: optional.
    const record = await rig.submit('alice', second, []);
    const report = rig.fake.shown(record);
    expect(discordLimitProblems(report)).toEqual([]);
    expect(report.map(textOf).join('\n')).not.toMatch(/Not saved yet|out of date|did not match|Sorry/);
    const ratings = await tb.database.db.selectFrom('ratings').select(['competency', 'rating']).execute();
    expect(ratings.map((r) => r.rating).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
