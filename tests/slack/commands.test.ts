import { describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/adapters/slack/actions';
import { messageBlockProblems, viewProblems } from './block-kit';
import { buttonsOf, CHANNEL, DAILY_BUTTON_LABELS, TEAM, withRealBot } from './harness';

type Block = { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: unknown[] };

/** The blocks of everything a member was shown for one command. */
const blocksOf = (responses: { payload: Record<string, unknown> }[]) =>
  responses.flatMap((r) => (r.payload.blocks as Block[]) ?? []);

describe('Slack slash commands on the real bot', () => {
  const s = withRealBot();

  it('/daily answers privately in the acknowledgement: header, facts, prompt, context, Done and confidence', async () => {
    const r = await s.t.run('alice', 'daily');
    expect(r.status).toBe(200);
    expect(r.responses).toHaveLength(1);
    expect(r.responses[0]?.via).toBe('ack');
    expect(r.responses[0]?.payload.response_type).toBe('ephemeral');
    const blocks = blocksOf(r.responses);
    expect(messageBlockProblems(blocks)).toEqual([]);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(blocks[0]?.text?.text).toMatch(/^Today's problem: /);
    expect(blocks[1]?.fields?.map((f) => f.text.split('\n')[0])).toEqual([
      '*Competency*',
      '*Level*',
      '*Difficulty*',
      '*Time box*',
    ]);
    // The prompt's Markdown list arrives as Slack bullets.
    expect(blocks[2]?.text?.type).toBe('mrkdwn');
    expect(blocks[2]?.text?.text).toContain('\n• ');
    expect(blocks[3]?.elements).toHaveLength(1);
    const buttons = buttonsOf(blocks);
    expect(buttons.map((b) => b.label)).toEqual(DAILY_BUTTON_LABELS);
    const problemId = decodeAction(buttons[0]?.value)?.args[2];
    expect(problemId).toBeTruthy();
    expect(buttons.map((b) => decodeAction(b.value))).toEqual([
      { command: 'daily', args: ['done', '', problemId] },
      ...[1, 2, 3, 4, 5].map((n) => ({ command: 'daily', args: ['done', String(n), problemId] })),
    ]);
    expect(r.responses[0]?.payload.text).toContain("Today's problem");
  });

  it('/daily hint and /daily done 4 carry their arguments to the core', async () => {
    const hint = await s.t.run('alice', 'daily', 'hint');
    expect(blocksOf(hint.responses)[0]?.text?.text).toMatch(/^Hints: /);
    expect(hint.seen.text).toMatch(/\n1\. /);
    const done = await s.t.run('alice', 'daily', 'done 4');
    expect(done.seen.text).toMatch(/marked done with confidence 4: \+\d+ points/);
    const again = await s.t.run('alice', 'daily', 'done 4');
    expect(again.seen.text).toContain('already marked');
  });

  it('/plan shows the plan week with its goals as bullets', async () => {
    const r = await s.t.run('alice', 'plan');
    const blocks = blocksOf(r.responses);
    expect(messageBlockProblems(blocks)).toEqual([]);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Study plan: week 1 of 24' } });
    expect(r.seen.text).toContain('Goals');
    expect(blocks.some((b) => b.text?.text.includes('• '))).toBe(true);
  });

  it('/studygroup shows the settings as fields, and setup makes the caller an organizer', async () => {
    const shown = await s.t.run('bob', 'studygroup');
    const fields = blocksOf(shown.responses).flatMap((b) => b.fields ?? []);
    expect(fields.map((f) => f.text.split('\n')[0])).toEqual(
      expect.arrayContaining(['*Time zone*', '*Daily problem at*', '*Organizers*']),
    );
    const setup = await s.t.run('bob', 'studygroup', 'setup');
    expect(setup.seen.text).toMatch(/organizer/i);
    const organizers = await s.tb.database.db
      .selectFrom('members')
      .select('user_id')
      .where('is_organizer', '=', true)
      .execute();
    expect(organizers.map((o) => o.user_id)).toEqual([`slack:${TEAM}/U0002`]);
  });

  it('/studygroup changes are refused to members, allowed to the organizer and to workspace admins', async () => {
    await s.t.run('bob', 'studygroup', 'setup');
    const refused = await s.t.run('alice', 'studygroup', 'timezone Europe/Berlin');
    expect(refused.seen.visibility).toBe('private');
    expect(refused.seen.text).toContain("Only this group's organizers can do that");
    const group = () => s.tb.database.db.selectFrom('groups').selectAll().executeTakeFirstOrThrow();
    expect((await group()).timezone).toBe('UTC');

    const byOrganizer = await s.t.run('bob', 'studygroup', 'timezone Europe/Berlin');
    expect(byOrganizer.seen.text).toContain('Europe/Berlin');
    // olivia is a workspace admin in users.info; she is in no organizer list.
    const byAdmin = await s.t.run('olivia', 'studygroup', 'time 07:30');
    expect(byAdmin.seen.text).toContain('07:30');
    expect((await group()).post_time).toBe('07:30');
  });

  it('asks users.info once per member while its answer is fresh', async () => {
    await s.t.run('olivia', 'help');
    await s.t.run('olivia', 'plan');
    await s.t.run('alice', 'plan');
    const asked = s.t.fake.callsTo('users.info').map((c) => c.args.user);
    expect(asked).toEqual(['U0009', 'U0001']);
  });

  it('hands a mention to the core as the member it names', async () => {
    await s.t.run('bob', 'studygroup', 'setup');
    await s.t.run('alice', 'daily');
    const r = await s.t.run('bob', 'studygroup', 'organizer add <@U0001|alice>');
    expect(r.seen.text).not.toMatch(/must mention a member/);
    const alice = await s.tb.database.db
      .selectFrom('members')
      .select(['is_organizer', 'display_name'])
      .where('user_id', '=', `slack:${TEAM}/U0001`)
      .executeTakeFirstOrThrow();
    expect(alice).toEqual({ is_organizer: true, display_name: 'Alice' });
  });

  it('every registered command answers with Block Kit Slack accepts, or opens a modal Slack accepts', async () => {
    for (const command of s.tb.bot.commands) {
      const before = s.t.fake.callsTo('views.open').length;
      const r = await s.t.run('alice', command.name);
      expect(r.status, `/${command.name}`).toBe(200);
      const opened = s.t.fake.callsTo('views.open').slice(before);
      if (s.tb.bot.formFor({ command: command.name, args: [] })) {
        expect(opened, `/${command.name} opens its form`).toHaveLength(1);
        expect(viewProblems(opened[0]?.args.view)).toEqual([]);
        continue;
      }
      expect(r.responses.length, `/${command.name} answers`).toBeGreaterThan(0);
      for (const response of r.responses) expect(messageBlockProblems(response.payload.blocks)).toEqual([]);
      expect(r.seen.text.trim().length, `/${command.name} says something`).toBeGreaterThan(10);
    }
  });

  it('posts nothing in the channel for private answers', async () => {
    await s.t.run('alice', 'daily');
    await s.t.run('alice', 'help');
    expect(s.t.fake.channels.get(CHANNEL)?.messages).toEqual([]);
  });
});
