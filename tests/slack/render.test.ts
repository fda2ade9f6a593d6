import { describe, expect, it } from 'vitest';
import { decodeAction, encodeAction } from '../../src/adapters/slack/actions';
import { commandArgs } from '../../src/adapters/slack/args';
import { errorsByBlock, formView, readAnswers } from '../../src/adapters/slack/modal';
import { toMrkdwn, toPlain } from '../../src/adapters/slack/mrkdwn';
import { LIMITS, renderMessage, splitMrkdwn } from '../../src/adapters/slack/render';
import type { Form, Message } from '../../src/core/message';
import { dailyProblemMessage } from '../../src/core/problem-message';
import { miniPack } from '../helpers/db';
import { messageBlockProblems, viewProblems } from './block-kit';
import { blockText, DAILY_BUTTON_LABELS } from './harness';

const words = (n: number, stem = 'word') => Array.from({ length: n }, (_, i) => `${stem}${i}`).join(' ');

describe('Markdown to Slack mrkdwn', () => {
  it.each([
    ['**bold** and _italic_', '*bold* and _italic_'],
    ['a *single star* emphasis', 'a _single star_ emphasis'],
    ['`a<b && c>d`', '`a&lt;b &amp;&amp; c&gt;d`'],
    ['1 < 2 & 3 > 2', '1 &lt; 2 &amp; 3 &gt; 2'],
    ['[the docs](https://aws.amazon.com/?a=1&b=2)', '<https://aws.amazon.com/?a=1&amp;b=2|the docs>'],
    ['- first\n- second', '• first\n• second'],
    ['## Heading', '*Heading*'],
    ['> quoted **words**', '> quoted *words*'],
    ['~~gone~~', '~gone~'],
    ['ask <@slack:T1/U2> now', 'ask <@U2> now'],
    ['ask <@console:bob> now', 'ask @bob now'],
    ['snake_case_name stays', 'snake_case_name stays'],
  ])('%j -> %j', (md, expected) => {
    expect(toMrkdwn(md)).toBe(expected);
  });

  it('links only http(s) and mailto addresses', () => {
    expect(toMrkdwn('[bad](javascript:void)')).toBe('bad (javascript:void)');
  });

  it('keeps fenced code verbatim (escaped, no emphasis, no language tag)', () => {
    const md = 'Before\n```ts\nconst x = a ** b < c; // **not bold**\n```\nAfter **bold**';
    expect(toMrkdwn(md)).toBe('Before\n```\nconst x = a ** b &lt; c; // **not bold**\n```\nAfter *bold*');
  });

  it('closes a fence left open', () => {
    expect(toMrkdwn('```\ncode')).toBe('```\ncode\n```');
  });

  it('gives plain text for headers and buttons', () => {
    expect(toPlain('**Bold** `code` [link](https://x.io) <@slack:T1/U2>')).toBe('Bold code link @U2');
  });
});

describe('splitting long mrkdwn', () => {
  it('cuts at sentence and word boundaries, within the limit, losing nothing', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence ${i} says something useful.`).join(' ');
    const pieces = splitMrkdwn(text, 3000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(' ')).toBe(text);
    for (const p of pieces.slice(0, -1)) expect(p.endsWith('.')).toBe(true);
  });

  it('closes and reopens a code fence that a cut falls inside', () => {
    const code = Array.from({ length: 200 }, (_, i) => `line ${i} = compute(${i});`).join('\n');
    const pieces = splitMrkdwn(`Intro\n\`\`\`\n${code}\n\`\`\``, 1000);
    expect(pieces.length).toBeGreaterThan(3);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(1000);
      expect(p.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
    }
    expect(pieces.join('\n')).toContain('line 199 = compute(199);');
  });

  it('never cuts inside a link', () => {
    const link = '<https://example.com/a/very/long/path|a link label>';
    const text = `${'x'.repeat(2990)}${link}`;
    const [first, second] = splitMrkdwn(text, 3000);
    expect(first).not.toContain('<https');
    expect(second).toBe(link);
  });
});

describe('Message -> Block Kit', () => {
  it('renders a daily problem as header, fields, prompt, context and six buttons', async () => {
    const pack = await miniPack();
    const problem = pack.problems[0];
    if (!problem) throw new Error('mini pack has no problems');
    const message = dailyProblemMessage(
      pack,
      { problem, localDate: '2026-11-25', planWeek: 3 } as Parameters<typeof dailyProblemMessage>[1],
      'channel',
      'Daily problem',
    );
    const [part, ...more] = renderMessage(message);
    expect(more).toEqual([]);
    if (!part) throw new Error('nothing rendered');
    expect(messageBlockProblems(part.blocks)).toEqual([]);
    const [header, facts, ...rest] = part.blocks as unknown as Record<string, unknown>[];
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: `Daily problem: ${problem.title}`, emoji: true },
    });
    expect(facts?.type).toBe('section');
    expect(((facts?.fields ?? []) as { text: string }[]).map((f) => f.text.split('\n')[0])).toEqual([
      '*Competency*',
      '*Level*',
      '*Difficulty*',
      '*Time box*',
    ]);
    expect(
      rest.some(
        (b) => b.type === 'section' && JSON.stringify(b).includes(problem.prompt.slice(0, 20).replace(/[*`<>&]/g, '')),
      ),
    ).toBe(true);
    expect(rest.some((b) => b.type === 'context')).toBe(true);
    const actions = rest.filter((b) => b.type === 'actions');
    expect(actions).toHaveLength(1);
    const buttons = actions[0]?.elements as {
      text: { text: string };
      value: string;
      style?: string;
      action_id: string;
    }[];
    expect(buttons.map((b) => b.text.text)).toEqual(DAILY_BUTTON_LABELS);
    expect(buttons[0]?.style).toBe('primary');
    expect(buttons.map((b) => decodeAction(b.value))).toEqual([
      { command: 'daily', args: ['done', '', problem.id] },
      ...[1, 2, 3, 4, 5].map((n) => ({ command: 'daily', args: ['done', String(n), problem.id] })),
    ]);
    expect(part.text).toContain(problem.title);
  });

  it('splits a very long text into sections of at most 3,000 characters, in order', () => {
    const long = words(6000);
    const [part] = renderMessage({ visibility: 'channel', blocks: [{ type: 'text', text: long }] });
    const sections = (part?.blocks ?? []) as { type: string; text: { text: string } }[];
    expect(sections.length).toBeGreaterThan(10);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(sections.map((s) => s.text.text).join(' ')).toBe(long);
    expect(messageBlockProblems(part?.blocks)).toEqual([]);
    expect(part?.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  });

  it('spreads more than 50 blocks over several messages, each valid, buttons last', () => {
    const message: Message = {
      visibility: 'channel',
      title: 'Many',
      blocks: Array.from({ length: 120 }, (_, i) => ({ type: 'text' as const, text: `Paragraph ${i}` })),
      buttons: [{ label: 'Done', action: { command: 'daily', args: ['done'] } }],
    };
    const parts = renderMessage(message);
    expect(parts).toHaveLength(3);
    for (const p of parts) {
      expect(p.blocks.length).toBeLessThanOrEqual(50);
      expect(messageBlockProblems(p.blocks)).toEqual([]);
    }
    const all = parts.map((p) => blockText(p.blocks)).join('\n');
    expect(all).toContain('Paragraph 0');
    expect(all).toContain('Paragraph 119');
    expect(parts.at(-1)?.blocks.at(-1)?.type).toBe('actions');
    expect(parts[1]?.text).toBe('Many (continued)');
  });

  it('keeps ten fields per section, and puts an oversized field in sections of its own', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: `v${i}` }));
    fields[5] = { label: 'Huge', value: words(800) };
    const [part] = renderMessage({ visibility: 'private', blocks: [{ type: 'fields', fields }] });
    expect(messageBlockProblems(part?.blocks)).toEqual([]);
    const text = blockText(part?.blocks ?? []);
    for (let i = 0; i < 23; i++) if (i !== 5) expect(text).toContain(`F${i}\nv${i}`);
    expect(text).toContain('word799');
  });

  it('shows a title too long for a header in full, in bold', () => {
    const title = words(40, 'title');
    const [part] = renderMessage({ visibility: 'private', title, blocks: [] });
    expect(part?.blocks[0]).toMatchObject({ type: 'section' });
    expect(blockText(part?.blocks ?? [])).toContain('title39');
  });

  it('puts more than 25 buttons in several action blocks with unique action ids', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      label: `Button ${i} with a label far longer than Slack's seventy-five character limit for buttons`,
      action: { command: 'plan', args: [String(i)] },
    }));
    const [part] = renderMessage({ visibility: 'private', blocks: [{ type: 'text', text: 'x' }], buttons });
    expect(messageBlockProblems(part?.blocks)).toEqual([]);
    expect(part?.blocks.filter((b) => b.type === 'actions')).toHaveLength(2);
  });

  it('never sends a button whose action does not fit, and says what to type instead', () => {
    const big = 'x'.repeat(2100);
    const [part] = renderMessage({
      visibility: 'private',
      blocks: [{ type: 'text', text: 'Pick' }],
      buttons: [
        { label: 'Fine', action: { command: 'plan', args: ['2'] } },
        { label: 'Too big', action: { command: 'plan', args: [big] } },
      ],
    });
    expect(messageBlockProblems(part?.blocks)).toEqual([]);
    const values = (part?.blocks ?? []).flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => (e as { value?: string }).value) : [],
    );
    expect(values).toEqual([encodeAction({ command: 'plan', args: ['2'] })]);
    expect(blockText(part?.blocks ?? [])).toContain('type instead: /plan xxxx');
  });

  it('shows an uploaded image by file id, or describes it when there is none', () => {
    const image = { png: new Uint8Array([1, 2, 3]), alt: 'Radar of your ratings', filename: 'radar.png' };
    const message: Message = { visibility: 'private', blocks: [{ type: 'text', text: 'Report' }], image };
    const [withFile] = renderMessage(message, { imageFileId: 'F123' });
    expect(withFile?.blocks.at(-1)).toEqual({
      type: 'image',
      slack_file: { id: 'F123' },
      alt_text: 'Radar of your ratings',
    });
    const [without] = renderMessage(message);
    expect(blockText(without?.blocks ?? [])).toContain('[image: Radar of your ratings]');
  });
});

describe('button values', () => {
  it('round-trips an action and refuses anything else', () => {
    const action = { command: 'daily', args: ['done', '4', 'some-problem'] };
    expect(decodeAction(encodeAction(action))).toEqual(action);
    for (const bad of ['', 'not json', '{"c":"Daily Now","a":[]}', '{"c":"daily","a":[1]}', '{"c":"daily"}'])
      expect(decodeAction(bad)).toBeNull();
  });
});

describe('slash command text', () => {
  it('turns escaped mentions into platform ids and keeps quoted phrases together', () => {
    expect(commandArgs('organizer add <@U0002|bob>', 'T1')).toEqual(['organizer', 'add', '<@slack:T1/U0002>']);
    expect(commandArgs('note \u201Cthree words here\u201D', 'T1')).toEqual(['note', 'three words here']);
    expect(commandArgs('timezone America/New_York', 'T1')).toEqual(['timezone', 'America/New_York']);
    expect(commandArgs('a &lt;b&gt; &amp; <#C1|general> <https://x.io|x>', 'T1')).toEqual([
      'a',
      '<b>',
      '&',
      '#general',
      'https://x.io',
    ]);
    expect(commandArgs('', 'T1')).toEqual([]);
  });
});

describe('forms as modals', () => {
  const checklist = Array.from({ length: 23 }, (_, i) => ({
    label:
      i === 0
        ? 'Can explain, with numbers, how a multi-region active-active design keeps writes consistent during a partition'
        : `Item ${i}`,
    value:
      i === 1 ? `checklist-item-with-an-identifier-that-is-much-longer-than-seventy-five-characters-${i}` : `item-${i}`,
  }));
  const form: Form = {
    title: 'Readiness self-assessment for the L7 bar',
    submitLabel: 'Save my answers',
    submit: { command: 'assess', args: ['submit'] },
    fields: [
      {
        type: 'select',
        name: 'coding',
        label: 'Coding',
        required: true,
        options: [1, 2, 3, 4, 5].map((n) => ({ label: String(n), value: String(n) })),
        initial: '3',
      },
      { type: 'checkboxes', name: 'checklist', label: 'Checklist', options: checklist, initial: ['item-2'] },
    ],
  };
  const meta = { c: 'assess', a: [], ch: 'slack:T1/C1' };

  it('builds a view Slack accepts: titles cut to 24, ten checkboxes per input, long texts kept', () => {
    const view = formView(form, meta);
    expect(viewProblems(view)).toEqual([]);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const inputs = view.blocks.filter((b) => b.type === 'input') as { block_id: string; hint?: { text: string } }[];
    expect(inputs.map((b) => b.block_id)).toEqual(['coding', 'checklist', 'checklist~1', 'checklist~2']);
    // The long item is cut in its option, and shown in full under the input.
    expect(inputs[1]?.hint?.text).toContain('keeps writes consistent during a partition');
    expect(JSON.stringify(view)).toContain('"initial_option":{"text":{"type":"plain_text","text":"3"');
  });

  it('reads a submission back by field name, mapping long values through their position', () => {
    const view = formView(form, meta);
    const longOption = (view.blocks[1] as { element: { options: { value: string }[] } }).element.options[1];
    expect(longOption?.value).toBe('#1');
    const state = {
      coding: { value: { type: 'static_select', selected_option: { value: '4' } } },
      checklist: { value: { type: 'checkboxes', selected_options: [{ value: '#1' }, { value: 'item-2' }] } },
      'checklist~2': { value: { type: 'checkboxes', selected_options: [{ value: 'item-22' }] } },
    };
    expect(readAnswers(form, state)).toEqual({
      answers: { coding: '4', checklist: [checklist[1]?.value, 'item-2', 'item-22'] },
      errors: {},
    });
  });

  it('refuses values that are not on the form and a missing required answer', () => {
    const state = {
      coding: { value: { type: 'static_select', selected_option: null } },
      checklist: { value: { type: 'checkboxes', selected_options: [{ value: 'forged' }] } },
    };
    const { errors } = readAnswers(form, state);
    expect(Object.keys(errors).sort()).toEqual(['checklist', 'coding']);
    expect(readAnswers(form, 'garbage').errors.coding).toContain('Choose a value for Coding');
  });

  it('puts errors about no particular field on the first input', () => {
    expect(errorsByBlock(form, { coding: 'Too high.', level: 'Pick L6 or L7.' })).toEqual({
      coding: 'Too high. Pick L6 or L7.',
    });
  });

  it('re-shows a form with the answers filled in and the errors said', () => {
    const view = formView(form, meta, { answers: { coding: '5', checklist: ['item-3'] }, errors: { coding: 'No.' } });
    expect(viewProblems(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_option":{"text":{"type":"plain_text","text":"5"');
    expect(json).toContain('"value":"item-3"');
    expect(json).toContain(':warning: No.');
  });
});
