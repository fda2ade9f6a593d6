import { describe, expect, it } from 'vitest';
import { testBot } from '../helpers/bot';

describe('/studygroup', () => {
  it('creates a group with defaults on first use: default time zone, 09:00, Monday of this week, L6', async () => {
    const t = await testBot(new Date('2026-11-27T12:00:00Z'), 'Europe/Berlin'); // a Friday
    const text = await t.say('alice', '/studygroup show');
    expect(text).toContain('Time zone: Europe/Berlin');
    expect(text).toContain('Daily problem at: 09:00');
    expect(text).toContain('Cohort start: 2026-11-23 (week 1 of 24)');
    expect(text).toContain('Target level: L6');
    expect(text).toContain('Organizers: none yet');
  });

  it('makes the caller of setup the first organizer, and refuses setup to others afterwards', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/studygroup setup')).toMatch(/You are its organizer[\s\S]*Organizers: alice/);
    expect(await t.say('bob', '/studygroup setup')).toMatch(/already set up; its organizers are alice/);
    const members = await t.database.db
      .selectFrom('members')
      .select(['user_id', 'is_organizer'])
      .orderBy('id')
      .execute();
    expect(members).toEqual([
      { user_id: 'console:alice', is_organizer: true },
      { user_id: 'console:bob', is_organizer: false },
    ]);
  });

  it('refuses settings to non-organizers and changes nothing', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    expect(await t.say('bob', '/studygroup time 07:30')).toMatch(/Only this group's organizers can do that \(alice/);
    expect(await t.say('bob', '/studygroup show')).toContain('Daily problem at: 09:00');
  });

  it('before setup, tells a would-be organizer to run setup first', async () => {
    const t = await testBot();
    expect(await t.say('bob', '/studygroup pause')).toMatch(/has none yet: run `\/studygroup setup` first/);
  });

  it('lets platform admins (Slack admins, Discord Manage Server) act as organizers', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    expect(await t.say('root', '/studygroup pause', { isPlatformAdmin: true })).toContain('Status: paused');
  });

  it('changes every setting and normalizes values', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    expect(await t.say('alice', '/studygroup timezone america/new_york')).toContain('Time zone: America/New_York');
    expect(await t.say('alice', '/studygroup time 7:05')).toContain('Daily problem at: 07:05');
    expect(await t.say('alice', '/studygroup digest fri 17:30')).toContain('Weekly digest: Friday 17:30');
    expect(await t.say('alice', '/studygroup start 2026-10-05')).toContain('Cohort start: 2026-10-05 (week 8 of 24)');
    expect(await t.say('alice', '/studygroup level l7')).toContain('Target level: L7');
    expect(await t.say('alice', '/studygroup pause')).toContain('Status: paused');
    expect(await t.say('alice', '/studygroup resume')).toContain('Status: active');
    expect(await t.say('alice', '/studygroup leaderboard off')).toContain('Leaderboard: off');
    const group = await t.database.db.selectFrom('groups').selectAll().executeTakeFirstOrThrow();
    expect(group).toMatchObject({
      timezone: 'America/New_York',
      post_time: '07:05',
      digest_weekday: 5,
      digest_time: '17:30',
      cohort_start: '2026-10-05',
      target_level: 'L7',
      paused: false,
      leaderboard_enabled: false,
    });
  });

  it.each([
    ['/studygroup timezone Mars/Base', '"Mars/Base" is not an IANA time zone; try Europe/Berlin'],
    ['/studygroup time 25:00', '"25:00" is not a time; use 24-hour HH:MM'],
    ['/studygroup digest someday 18:00', '"someday" is not a weekday'],
    ['/studygroup start 2026-02-30', '"2026-02-30" is not a date; use YYYY-MM-DD'],
    ['/studygroup level L9', 'level must be one of L6, L7 (got "L9")'],
    ['/studygroup leaderboard maybe', 'state must be one of on, off'],
    ['/studygroup organizer add bob', 'user must mention a member, like @alice'],
    ['/studygroup time', 'Missing time. Usage: `/studygroup time <time>`'],
    ['/studygroup time 09:00 extra', 'Unexpected "extra"'],
  ])('rejects %s with a specific message', async (line, expected) => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    const before = await t.database.db.selectFrom('groups').selectAll().executeTakeFirstOrThrow();
    expect(await t.say('alice', line)).toContain(expected);
    const after = await t.database.db.selectFrom('groups').selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('adds organizers by mention, who can then change settings', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    expect(await t.say('alice', '/studygroup organizer add <@console:bob>')).toContain('is now an organizer');
    expect(await t.say('bob', '/studygroup time 08:00')).toContain('Daily problem at: 08:00');
    // Bob's own first command filled in his display name.
    expect(await t.say('bob', '/studygroup show')).toContain('Organizers: alice, bob');
  });

  it('keeps groups apart: settings in one channel do not leak into another', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    await t.as('alice', '/studygroup time 06:00');
    const other = await t.say('alice', '/studygroup show', { channelId: 'console:other', channelName: 'other' });
    expect(other).toContain('Daily problem at: 09:00');
    expect(other).toContain('Organizers: none yet');
  });

  it('tells organizers, and only them, about a delivery problem', async () => {
    const t = await testBot();
    await t.as('alice', '/studygroup setup');
    await t.database.db
      .updateTable('groups')
      .set({ delivery_error: 'channel_not_found: the bot was removed' })
      .execute();
    expect(await t.say('alice', '/plan')).toContain('scheduled posts are failing here: channel_not_found');
    expect(await t.say('bob', '/plan')).not.toContain('channel_not_found');
  });
});

describe('/plan', () => {
  it('shows the current week with goals, resources and the next week', async () => {
    const t = await testBot(new Date('2026-11-25T10:00:00Z'));
    await t.as('alice', '/studygroup setup');
    await t.as('alice', '/studygroup start 2026-11-09'); // week 3
    const m = await t.as('alice', '/plan');
    expect(m.title).toBe('Study plan: week 3 of 24');
    const text = m.blocks.map((b) => (b.type === 'text' || b.type === 'context' ? b.text : '')).join('\n');
    const week3 = t.bot.deps.pack.plan[2];
    expect(text).toContain(`Week 3 of 24: ${week3?.block}`);
    for (const goal of week3?.goals ?? []) expect(text).toContain(goal);
    expect(text).toContain(`Next, week 4: ${t.bot.deps.pack.plan[3]?.block}`);
    expect(text).toContain('Week 3 runs 2026-11-23 to 2026-11-29');
  });

  it('shows any week on request, and explains a cohort that has not started or has finished', async () => {
    const t = await testBot(new Date('2026-11-25T10:00:00Z'));
    await t.as('alice', '/studygroup setup');
    expect((await t.as('alice', '/plan 12')).title).toBe('Study plan, week 12');
    await t.as('alice', '/studygroup start 2026-12-07');
    expect(await t.say('alice', '/plan')).toMatch(/not started yet[\s\S]*starts on 2026-12-07/);
    await t.as('alice', '/studygroup start 2025-01-06');
    expect(await t.say('alice', '/plan')).toMatch(/complete[\s\S]*finished on 2025-06-22/);
    expect(await t.say('alice', '/plan 30')).toContain('week must be from 1 to 24 (got 30)');
  });
});

describe('/help', () => {
  it('lists every command with a description and usage', async () => {
    const t = await testBot();
    const text = await t.say('alice', '/help');
    for (const c of t.bot.commands) {
      expect(text).toContain(`**/${c.name}**: ${c.description}`);
    }
    expect(text).toContain('`/daily done [confidence 1-5]`');
    expect(text).toContain('`/studygroup timezone <zone>`');
    expect(text).not.toContain('problem'.padStart(20, '[')); // hidden options stay hidden
  });

  it('explains one command, points, and rejects unknown topics', async () => {
    const t = await testBot();
    expect(await t.say('alice', '/help studygroup')).toMatch(
      /`\/studygroup pause`: Pause scheduled posts _\(organizers\)_/,
    );
    expect(await t.say('alice', '/help points')).toMatch(/done on its day: \*\*\+10\*\*/);
    expect(await t.say('alice', '/help /daily')).toContain('`/daily hint`');
    expect(await t.say('alice', '/help bogus')).toContain('There is no /bogus command');
  });
});
