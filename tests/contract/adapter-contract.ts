import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdapterHandlers, ChatAdapter } from '../../src/adapters/adapter';
import type { Form, Message } from '../../src/core/message';
import type { Invocation } from '../../src/core/types';

/** What a member (or the channel) sees of a message, reduced to what every platform can show. */
export interface Seen {
  visibility: 'private' | 'channel';
  /** Title, text, field labels and values, context: all readable text, Markdown marks removed. */
  text: string;
  buttons: string[];
}

/**
 * Drives one adapter against its fake platform the way members would. Each adapter's tests provide one;
 * the contract below is the same for all of them.
 */
export interface ContractHarness {
  adapter: ChatAdapter;
  /** A channel the fake platform knows, as a platform-prefixed id. */
  channelId: string;
  /** A channel id the fake platform does not know (posting there must fail permanently). */
  unknownChannelId: string;
  /** Starts the adapter against the fakes. */
  start(handlers: AdapterHandlers): Promise<void>;
  /** `user` runs `/command args…` in the channel; resolves with what that user is shown. */
  command(user: string, command: string, args: string[]): Promise<Seen>;
  /** `user` presses the button labelled `label` on `message`, which was shown to them or posted. */
  click(user: string, message: Seen, label: string): Promise<Seen>;
  /** `user` opens the form of `/command` and submits these answers; resolves with what they are shown. */
  submitForm?(user: string, command: string, answers: Record<string, string | string[]>): Promise<Seen>;
  /** Every message the fake platform holds in the channel, oldest first (not ephemeral ones). */
  channelMessages(): Promise<Seen[]>;
  stop(): Promise<void>;
}

/** A scripted core: records invocations, answers with whatever the test sets. */
export function scriptedCore() {
  const calls: Invocation[] = [];
  let answer: (inv: Invocation) => Message = () => ({ visibility: 'private', blocks: [{ type: 'text', text: 'ok' }] });
  let form: Form | null = null;
  const handlers: AdapterHandlers = {
    async handle(inv) {
      calls.push(inv);
      return answer(inv);
    },
    formFor: (inv) => (inv.command === 'survey' && inv.args.length === 0 ? form : null),
  };
  return {
    handlers,
    calls,
    answer(fn: (inv: Invocation) => Message) {
      answer = fn;
    },
    setForm(f: Form) {
      form = f;
    },
  };
}

const LONG = Array.from(
  { length: 400 },
  (_, i) => `Sentence ${i} of a long problem statement that must arrive whole.`,
).join(' ');

/** The behaviour every adapter must show; call it from each adapter's contract test file. */
export function adapterContract(name: string, makeHarness: () => Promise<ContractHarness>) {
  describe(`${name} adapter contract`, () => {
    let h: ContractHarness;
    let core: ReturnType<typeof scriptedCore>;

    beforeEach(async () => {
      h = await makeHarness();
      core = scriptedCore();
      await h.start(core.handlers);
    });
    afterEach(async () => {
      await h.stop();
    });

    it('hands a command to the core once, with platform-prefixed ids and tokenized arguments', async () => {
      await h.command('alice', 'daily', ['done', '4']);
      expect(core.calls).toHaveLength(1);
      const inv = core.calls[0] as Invocation;
      expect(inv.platform).toBe(h.adapter.platform);
      expect(inv.command).toBe('daily');
      expect(inv.args).toEqual(['done', '4']);
      for (const id of [inv.channelId, inv.userId, inv.workspaceId])
        expect(id.startsWith(`${h.adapter.platform}:`)).toBe(true);
      expect(inv.channelId).toBe(h.channelId);
    });

    it('shows a private reply to the caller only, with title, text, fields and buttons', async () => {
      core.answer(() => ({
        visibility: 'private',
        title: 'Private title',
        blocks: [
          { type: 'text', text: 'Some **bold** words' },
          { type: 'fields', fields: [{ label: 'Level', value: 'L7' }] },
          { type: 'context', text: 'small print' },
        ],
        buttons: [{ label: 'Press me', action: { command: 'daily', args: ['done', '3'] } }],
      }));
      const seen = await h.command('alice', 'daily', []);
      expect(seen.visibility).toBe('private');
      for (const part of ['Private title', 'Some bold words', 'Level', 'L7', 'small print'])
        expect(seen.text).toContain(part);
      expect(seen.buttons).toEqual(['Press me']);
      expect(await h.channelMessages()).toEqual([]);
    });

    it('shows a channel reply to the channel', async () => {
      core.answer(() => ({ visibility: 'channel', blocks: [{ type: 'text', text: 'For everyone' }] }));
      const seen = await h.command('alice', 'plan', []);
      expect(seen.visibility).toBe('channel');
      expect(seen.text).toContain('For everyone');
    });

    it('runs a button action as the member who clicked it', async () => {
      core.answer((inv) =>
        inv.args[0] === 'done'
          ? { visibility: 'private', blocks: [{ type: 'text', text: `done by ${inv.userName}` }] }
          : {
              visibility: 'private',
              blocks: [{ type: 'text', text: 'problem' }],
              buttons: [
                { label: 'Confidence 4', action: { command: 'daily', args: ['done', '4', 'some-problem-id'] } },
              ],
            },
      );
      const shown = await h.command('alice', 'daily', []);
      const after = await h.click('bob', shown, 'Confidence 4');
      const click = core.calls.at(-1) as Invocation;
      expect(click.command).toBe('daily');
      expect(click.args).toEqual(['done', '4', 'some-problem-id']);
      expect(click.userId).not.toBe((core.calls[0] as Invocation).userId);
      expect(after.text).toContain('done by');
    });

    it('posts to a channel, and finds the post again by its key', async () => {
      expect(await h.adapter.findPost(h.channelId, 'daily:2026-11-25')).toBeNull();
      const receipt = await h.adapter.post(
        h.channelId,
        { visibility: 'channel', title: 'Daily problem', blocks: [{ type: 'text', text: 'Solve this' }] },
        'daily:2026-11-25',
      );
      expect(receipt.messageRef).toBeTruthy();
      const messages = await h.channelMessages();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.text).toContain('Solve this');
      expect(await h.adapter.findPost(h.channelId, 'daily:2026-11-25')).toEqual(receipt);
      expect(await h.adapter.findPost(h.channelId, 'daily:2026-11-26')).toBeNull();
    });

    it('delivers a long message whole, split as the platform requires', async () => {
      await h.adapter.post(
        h.channelId,
        { visibility: 'channel', title: 'Long', blocks: [{ type: 'text', text: LONG }] },
        'long:1',
      );
      const all = (await h.channelMessages()).map((m) => m.text).join(' ');
      expect(all.replace(/\s+/g, ' ')).toContain('Sentence 0 of a long');
      expect(all).toContain('Sentence 399 of a long problem statement that must arrive whole.');
    });

    it('fails permanently when posting to a channel the platform does not know', async () => {
      await expect(
        h.adapter.post(h.unknownChannelId, { visibility: 'channel', blocks: [{ type: 'text', text: 'x' }] }, 'k'),
      ).rejects.toMatchObject({ name: 'DeliveryError', permanent: true });
    });

    it('collects a form and hands the answers to the core as name=value tokens', async () => {
      if (!h.submitForm) return;
      core.setForm({
        title: 'Survey',
        submitLabel: 'Send',
        submit: { command: 'survey', args: ['submit'] },
        fields: [
          {
            type: 'select',
            name: 'coding',
            label: 'Coding',
            options: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n) })),
          },
          {
            type: 'checkboxes',
            name: 'items',
            label: 'Items',
            options: [
              { label: 'A', value: 'a' },
              { label: 'B', value: 'b' },
            ],
          },
        ],
      });
      core.answer(() => ({ visibility: 'private', blocks: [{ type: 'text', text: 'thanks' }] }));
      const seen = await h.submitForm('alice', 'survey', { coding: '4', items: ['a', 'b'] });
      const inv = core.calls.at(-1) as Invocation;
      expect(inv.command).toBe('survey');
      expect(inv.args).toEqual(['submit', 'coding=4', 'items=a,b']);
      expect(seen.text).toContain('thanks');
    });
  });
}

/** Plain text of a Message as the contract compares it: Markdown marks removed. */
export function seenOf(message: Message): Seen {
  const parts: string[] = [];
  if (message.title) parts.push(message.title);
  for (const b of message.blocks) {
    if (b.type === 'text' || b.type === 'context') parts.push(b.text);
    if (b.type === 'fields') for (const f of b.fields) parts.push(`${f.label}: ${f.value}`);
  }
  return {
    visibility: message.visibility,
    text: parts.join('\n').replace(/\*\*|__|`/g, ''),
    buttons: message.buttons?.map((b) => b.label) ?? [],
  };
}
