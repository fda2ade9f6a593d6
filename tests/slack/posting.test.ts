import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/adapters/adapter';
import type { Message } from '../../src/core/message';
import { ensureGroup } from '../../src/db/groups';
import { CHANNEL, TEAM, withRealBot } from './harness';

const daily: Message = {
  visibility: 'channel',
  title: 'Daily problem: Design a rate limiter',
  blocks: [{ type: 'text', text: 'Design it for **10k** requests per second.' }],
  buttons: [{ label: 'Done', action: { command: 'daily', args: ['done', '', 'rate-limiter'] } }],
};
const channelId = `slack:${TEAM}/${CHANNEL}`;

describe('posting for scheduled jobs', () => {
  const s = withRealBot();

  const messages = () => s.t.fake.channels.get(CHANNEL)?.messages ?? [];

  it('posts with metadata that identifies the post, and finds it again by that key', async () => {
    const receipt = await s.t.adapter.post(channelId, daily, 'daily:g1:2026-11-25');
    const [call] = s.t.fake.callsTo('chat.postMessage');
    expect(call?.token).toBe('xoxb-1111-2222-testbottoken');
    expect(call?.args.metadata).toEqual({
      event_type: 'bar_raiser_post',
      event_payload: { key: 'daily:g1:2026-11-25', part: 0, parts: 1 },
    });
    expect(call?.args.text).toContain('Daily problem: Design a rate limiter');
    expect(receipt.messageRef).toBe(`${channelId}/${messages()[0]?.ts}`);
    expect(await s.t.adapter.findPost(channelId, 'daily:g1:2026-11-25')).toEqual(receipt);
    expect(await s.t.adapter.findPost(channelId, 'daily:g1:2026-11-26')).toBeNull();
    const [history] = s.t.fake.callsTo('conversations.history');
    expect(history?.args).toMatchObject({ channel: CHANNEL, include_all_metadata: 'true' });
  });

  it('retries a 429 after Retry-After and delivers the post exactly once', async () => {
    s.t.fake.fault('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const receipt = await s.t.adapter.post(channelId, daily, 'daily:g1:2026-11-25');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(s.t.fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(messages()).toHaveLength(1);
    expect(receipt.messageRef).toBe(`${channelId}/${messages()[0]?.ts}`);
  });

  it('does not post twice when Slack posted but the answer was lost', async () => {
    s.t.fake.fault('chat.postMessage', { status: 500, commit: true });
    const receipt = await s.t.adapter.post(channelId, daily, 'daily:g1:2026-11-25');
    expect(messages()).toHaveLength(1);
    expect(s.t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(receipt.messageRef).toBe(`${channelId}/${messages()[0]?.ts}`);
  });

  it('reports a failure that may be retried when Slack did not post and did not say why', async () => {
    s.t.fake.fault('chat.postMessage', { status: 503 });
    const failure = await s.t.adapter.post(channelId, daily, 'k1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: false });
    expect(messages()).toHaveLength(0);
    // The retry the scheduler makes later goes through.
    await s.t.adapter.post(channelId, daily, 'k1');
    expect(messages()).toHaveLength(1);
  });

  it.each([
    ['C0999', 'channel_not_found', 'Slack cannot find this channel'],
    ['C0002', 'not_in_channel', 'The bot is not a member of this channel'],
    ['C0003', 'is_archived', 'This channel is archived'],
  ])('a post to %s fails permanently (%s) and the reason is recorded on the group', async (channel, code, words) => {
    const id = `slack:${TEAM}/${channel}`;
    await ensureGroup(s.tb.database.db, {
      channelId: id,
      workspaceId: `slack:${TEAM}`,
      name: channel,
      timezone: 'UTC',
      cohortStart: '2026-11-23',
      now: new Date('2026-11-25T10:00:00Z'),
    });
    const failure = await s.t.adapter.post(id, daily, 'daily:x').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect(failure).toMatchObject({ permanent: true });
    expect((failure as Error).message).toContain(words);
    expect((failure as Error).message).toContain(`(${code})`);
    const group = await s.tb.database.db
      .selectFrom('groups')
      .select('delivery_error')
      .where('channel_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(group.delivery_error).toBe((failure as Error).message);
  });

  it('an unknown channel gives the organizer a clear message the next time they use a command', async () => {
    await s.t.run('bob', 'studygroup', 'setup', { channel: 'C0999' });
    await s.t.adapter.post(`slack:${TEAM}/C0999`, daily, 'daily:x').catch(() => {});
    const organizer = await s.t.run('bob', 'plan', '', { channel: 'C0999' });
    expect(organizer.seen.text).toContain('Heads-up for organizers: scheduled posts are failing here');
    expect(organizer.seen.text).toContain('Slack cannot find this channel for the bot (channel_not_found)');
    expect(organizer.seen.text).toContain('/invite @Bar Raiser');
    const member = await s.t.run('alice', 'plan', '', { channel: 'C0999' });
    expect(member.seen.text).not.toContain('Heads-up');
  });

  it('refuses an id that is not a Slack channel, permanently', async () => {
    await expect(s.t.adapter.post('discord:G1/C2', daily, 'k')).rejects.toMatchObject({ permanent: true });
    expect(s.t.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  it('sends a long post as several messages, and a retry after a crash sends only the missing ones', async () => {
    const long: Message = {
      visibility: 'channel',
      title: 'Weekly digest',
      blocks: Array.from({ length: 70 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })),
    };
    // The second part fails as if the process died: the first is in the channel, the second is not.
    s.t.fake.fault('chat.postMessage', { error: 'internal_error', after: 1 });
    const calls = () => s.t.fake.callsTo('chat.postMessage').length;
    await expect(s.t.adapter.post(channelId, long, 'digest:w48')).rejects.toMatchObject({ permanent: false });
    expect(messages()).toHaveLength(1);
    expect(calls()).toBe(2);
    expect(await s.t.adapter.findPost(channelId, 'digest:w48')).toBeNull();

    const receipt = await s.t.adapter.post(channelId, long, 'digest:w48');
    expect(calls()).toBe(3);
    expect(messages()).toHaveLength(2);
    expect(await s.t.adapter.findPost(channelId, 'digest:w48')).toEqual(receipt);
    // A third attempt finds both parts and posts nothing.
    const before = calls();
    expect(await s.t.adapter.post(channelId, long, 'digest:w48')).toEqual(receipt);
    expect(calls()).toBe(before);
    expect(messages().map((m) => m.metadata?.event_payload)).toEqual([
      { key: 'digest:w48', part: 0, parts: 2 },
      { key: 'digest:w48', part: 1, parts: 2 },
    ]);
  });

  it('finds only a whole post: a lone first part of two is not found', async () => {
    const long: Message = {
      visibility: 'channel',
      blocks: Array.from({ length: 60 }, (_, i) => ({ type: 'text' as const, text: `Line ${i}` })),
    };
    await s.t.adapter.post(channelId, long, 'digest:w49');
    const first = messages()[0];
    s.t.fake.channels.get(CHANNEL)?.messages.splice(1);
    expect(first).toBeDefined();
    expect(await s.t.adapter.findPost(channelId, 'digest:w49')).toBeNull();
    await s.t.adapter.post(channelId, long, 'digest:w49');
    expect(messages()).toHaveLength(2);
    expect(messages()[0]).toBe(first);
  });

  it('uploads a chart privately and shows it by file id', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    await s.t.adapter.post(
      channelId,
      { ...daily, image: { png, alt: 'Participation this week', filename: 'week.png' } },
      'digest:img',
    );
    const [upload] = s.t.fake.callsTo('files.getUploadURLExternal');
    expect(upload?.args).toMatchObject({ filename: 'week.png', length: String(png.byteLength) });
    const [complete] = s.t.fake.callsTo('files.completeUploadExternal');
    // Shared nowhere: no channel on the upload, so an ephemeral chart stays private.
    expect(complete?.args.channel_id).toBeUndefined();
    const fileId = (complete?.args.files as { id: string }[] | undefined)?.[0]?.id ?? '';
    expect(s.t.fake.files.get(fileId)).toMatchObject({ bytes: png.byteLength, completed: true });
    expect(messages()[0]?.blocks).toContainEqual({
      type: 'image',
      slack_file: { id: fileId },
      alt_text: 'Participation this week',
    });
  });
});
