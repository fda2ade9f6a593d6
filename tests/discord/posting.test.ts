import { afterEach, describe, expect, it } from 'vitest';
import { decodeComponent } from '../../src/adapters/discord/custom-id';
import { nonceFor } from '../../src/adapters/discord/poster';
import type { Message } from '../../src/core/message';
import { scriptedCore } from '../contract/adapter-contract';
import { type TestBot, testBot } from '../helpers/bot';
import type { StoredMessage } from './fake-discord';
import { buttonsOf, discordLimitProblems, type Rig, startRig, textOf, user } from './harness';

type Json = Record<string, unknown>;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const MESSAGES = /^\/channels\/\d+\/messages$/;
const LOCKED = '1300000000000000012';
const GONE = '1399999999999999999';

const post: Message = {
  visibility: 'channel',
  title: 'Daily problem: LRU cache',
  blocks: [{ type: 'text', text: 'Design an LRU cache.' }],
  buttons: [{ label: 'Done', action: { command: 'daily', args: ['done', '', 'lru-cache'] } }],
};

async function started(): Promise<Rig> {
  const r = await startRig();
  await r.start(scriptedCore().handlers);
  return r;
}

describe('scheduled posts', () => {
  it('carry a nonce with enforce_nonce, so a retried post is not duplicated, and are found again after', async () => {
    rig = await started();
    const key = 'daily:42:2026-11-25';
    const receipt = await rig.adapter.post(rig.channelKey, post, key);
    const [request] = rig.fake.requestsTo('POST', MESSAGES);
    const body = request?.body as Json;
    expect(body.nonce).toBe(nonceFor(key, 0));
    expect(String(body.nonce).length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });

    // The scheduler retries after an unknown outcome: Discord hands back the message it already has.
    expect(await rig.adapter.post(rig.channelKey, post, key)).toEqual(receipt);
    expect(rig.fake.requestsTo('POST', MESSAGES)).toHaveLength(2);
    expect(rig.fake.channelMessages()).toHaveLength(1);

    // Fetched messages carry no nonce (as on Discord); the footer mark finds the post.
    const listed = await fetch(`${rig.fake.apiUrl}/v10/channels/${rig.fake.channel.id}/messages`, {
      headers: { authorization: `Bot ${rig.fake.token}` },
    }).then((r) => r.json() as Promise<Json[]>);
    expect(listed[0]?.nonce).toBeUndefined();
    expect(await rig.adapter.findPost(rig.channelKey, key)).toEqual(receipt);
    expect(await rig.adapter.findPost(rig.channelKey, 'daily:42:2026-11-26')).toBeNull();
    expect(receipt.messageRef).toBe(`${rig.channelKey}/${rig.fake.channelMessages()[0]?.id}`);
  });

  it('does not take a message by someone else for the post, even with the same footer', async () => {
    rig = await started();
    const key = 'digest:42:2026-W48';
    await rig.adapter.post(rig.channelKey, post, 'daily:42:2026-11-25');
    const ours = rig.fake.channelMessages()[0] as StoredMessage;
    const footer = ((ours.embeds.at(-1)?.footer ?? {}) as Json).text;
    expect(String(footer)).toMatch(/^Bar Raiser · post [\w-]{10}$/);
    const copied = { embeds: [{ description: 'copy', footer: { text: String(footer).replace(/post .*/, '') } }] };
    rig.fake.postAs(user('bob'), rig.fake.channel.id, copied);
    // A copy of the real mark by another author does not count either.
    await rig.adapter.post(rig.channelKey, post, key);
    const mark = (((rig.fake.channelMessages().at(-1) as StoredMessage).embeds.at(-1)?.footer ?? {}) as Json).text;
    rig.fake.postAs(user('bob'), rig.fake.channel.id, { embeds: [{ description: 'x', footer: { text: mark } }] });
    const found = await rig.adapter.findPost(rig.channelKey, key);
    expect(found?.messageRef.endsWith(String(rig.fake.channelMessages().at(-2)?.id))).toBe(true);
  });

  it('waits out a 429 with Retry-After and delivers once', async () => {
    rig = await started();
    rig.fake.rateLimit('POST', MESSAGES, 0.3);
    await rig.adapter.post(rig.channelKey, post, 'daily:42:2026-11-25');
    const attempts = rig.fake.requestsTo('POST', MESSAGES);
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
    expect(((attempts[0]?.body ?? {}) as Json).nonce).toBe(((attempts[1]?.body ?? {}) as Json).nonce);
    expect(rig.fake.channelMessages()).toHaveLength(1);
  });

  it('delivers once when Discord made the message but the answer was lost', async () => {
    rig = await started();
    rig.fake.loseResponses('POST', MESSAGES);
    const receipt = await rig.adapter.post(rig.channelKey, post, 'daily:42:2026-11-25');
    expect(rig.fake.requestsTo('POST', MESSAGES)).toHaveLength(2);
    expect(rig.fake.channelMessages()).toHaveLength(1);
    expect(receipt.messageRef.endsWith(String(rig.fake.channelMessages()[0]?.id))).toBe(true);
  });

  it('reports a Discord outage as a failure worth retrying', async () => {
    rig = await started();
    rig.fake.fail('POST', MESSAGES, 503, 0, 'Service Unavailable', 10);
    await expect(rig.adapter.post(rig.channelKey, post, 'k')).rejects.toMatchObject({
      name: 'DeliveryError',
      permanent: false,
    });
    expect(rig.fake.channelMessages()).toEqual([]);
  });

  it('splits a long post into messages, each with a nonce of its own, the buttons on the last', async () => {
    rig = await started();
    const long = Array.from({ length: 600 }, (_, i) => `Sentence ${i} of the problem.`).join(' ');
    const key = 'daily:42:2026-11-27';
    await rig.adapter.post(rig.channelKey, { ...post, blocks: [{ type: 'text', text: long }] }, key);
    const messages = rig.fake.channelMessages();
    expect(messages.length).toBeGreaterThan(1);
    expect(discordLimitProblems(messages)).toEqual([]);
    const nonces = rig.fake.requestsTo('POST', MESSAGES).map((r) => (r.body as Json).nonce);
    expect(nonces).toEqual(messages.map((_, i) => nonceFor(key, i)));
    expect(messages.map((m) => buttonsOf(m).length)).toEqual([...Array(messages.length - 1).fill(0), 1]);
    const text = messages.map((m) => textOf(m).replace(/Bar Raiser · post \S+/, '')).join(' ');
    expect(text.replace(/\s+/g, ' ')).toContain(long);
    // Posting it again (a retry) adds nothing.
    await rig.adapter.post(rig.channelKey, { ...post, blocks: [{ type: 'text', text: long }] }, key);
    expect(rig.fake.channelMessages()).toHaveLength(messages.length);
  });

  it('attaches an image and shows it in the embed', async () => {
    rig = await started();
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
    await rig.adapter.post(
      rig.channelKey,
      { ...post, image: { png, alt: 'Group progress by week', filename: 'progress.png' } },
      'digest:42:2026-W48',
    );
    const [request] = rig.fake.requestsTo('POST', MESSAGES);
    expect(request?.files).toEqual([{ key: 'files[0]', name: 'progress.png', size: png.length }]);
    const body = request?.body as Json;
    expect(body.attachments).toEqual([{ id: 0, filename: 'progress.png', description: 'Group progress by week' }]);
    expect((body.embeds as Json[]).at(-1)?.image).toEqual({ url: 'attachment://progress.png' });
  });

  it('refuses ids that are not Discord channels without calling Discord', async () => {
    rig = await started();
    for (const id of ['slack:T1/C2', 'discord:G1', 'discord:abc/def', 'discord:1/2/3'])
      await expect(rig.adapter.post(id, post, 'k')).rejects.toMatchObject({ permanent: true });
    expect(rig.fake.requestsTo('POST', MESSAGES)).toEqual([]);
  });
});

describe('channels the bot cannot post in', () => {
  let tb: TestBot;

  async function withBot() {
    tb = await testBot();
    const r = await startRig({ adapter: { db: tb.database.db } });
    await r.start(tb.bot);
    return r;
  }

  const groupProblem = async (channel: string) =>
    (
      await tb.database.db
        .selectFrom('groups')
        .select('delivery_error')
        .where('channel_id', '=', `discord:${rig?.fake.guild.id}/${channel}`)
        .executeTakeFirstOrThrow()
    ).delivery_error;

  it('Missing Access fails for good, marks the group, and its organizers hear about it', async () => {
    rig = await withBot();
    const where = { channelId: LOCKED };
    await rig.settle(rig.fake.command(user('carol'), 'studygroup', [{ type: 1, name: 'setup', options: [] }], where));
    const key = `discord:${rig.fake.guild.id}/${LOCKED}`;
    await expect(rig.adapter.post(key, post, 'daily:1:2026-11-25')).rejects.toMatchObject({
      name: 'DeliveryError',
      permanent: true,
      message: expect.stringContaining('Missing Access'),
    });
    expect(await groupProblem(LOCKED)).toMatch(/Missing Access/);
    await expect(rig.adapter.findPost(key, 'daily:1:2026-11-25')).rejects.toMatchObject({ permanent: true });

    const shown = await rig.settle(
      rig.fake.command(user('carol'), 'studygroup', [{ type: 1, name: 'show', options: [] }], where),
    );
    expect(rig.fake.shown(shown).map(textOf).join('\n')).toMatch(/Missing Access/);
    // A member who does not organize is not bothered with it.
    const member = await rig.settle(rig.fake.command(user('alice'), 'help', [], where));
    expect(rig.fake.shown(member).map(textOf).join('\n')).not.toMatch(/Missing Access/);
  });

  it('Unknown Channel and Missing Permissions fail for good too, and a post that works clears the mark', async () => {
    rig = await withBot();
    await rig.settle(rig.fake.command(user('carol'), 'help', [], { channelId: GONE }));
    await expect(rig.adapter.post(`discord:${rig.fake.guild.id}/${GONE}`, post, 'k')).rejects.toMatchObject({
      permanent: true,
      message: expect.stringContaining('Unknown Channel'),
    });
    expect(await groupProblem(GONE)).toMatch(/Unknown Channel/);

    await rig.run('carol', 'help', []);
    rig.fake.fail('POST', MESSAGES, 403, 50013, 'Missing Permissions');
    await expect(rig.adapter.post(rig.channelKey, post, 'k2')).rejects.toMatchObject({ permanent: true });
    expect(await groupProblem(rig.fake.channel.id)).toMatch(/Send Messages, Embed Links and Attach Files/);
    await rig.adapter.post(rig.channelKey, post, 'k3');
    expect(await groupProblem(rig.fake.channel.id)).toBeNull();
  });
});

describe('the posted daily problem', () => {
  it('renders the real daily problem message within limits, its buttons carrying the problem id', async () => {
    const tb = await testBot();
    rig = await startRig();
    await rig.start(tb.bot);
    const message = await tb.bot.handle({
      platform: 'discord',
      workspaceId: `discord:${rig.fake.guild.id}`,
      channelId: rig.channelKey,
      userId: 'discord:1400000000000000001',
      userName: 'alice',
      isPlatformAdmin: false,
      command: 'daily',
      args: [],
    });
    await rig.adapter.post(rig.channelKey, { ...message, visibility: 'channel' }, 'daily:1:2026-11-25');
    const [m, ...rest] = rig.fake.channelMessages();
    expect(rest).toEqual([]);
    expect(discordLimitProblems([m as StoredMessage])).toEqual([]);
    const problem = message.buttons?.[0]?.action.args[2];
    for (const b of buttonsOf(m as StoredMessage)) {
      const ref = decodeComponent(String(b.custom_id));
      expect(ref?.kind === 'action' && ref.action.args[2]).toBe(problem);
    }
  });
});
