import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, decodeComponent, encodeComponent } from '../../src/adapters/discord/custom-id';
import { type DiscordPayload, embedSize, LIMITS, renderMessage } from '../../src/adapters/discord/render';
import { splitMarkdown, truncate } from '../../src/adapters/discord/split';
import { loadPack } from '../../src/content/load';
import type { Block, Button, Message } from '../../src/core/message';
import { dailyProblemMessage } from '../../src/core/problem-message';

/** Every Discord limit a rendered message must respect. */
function expectWithinLimits(payloads: DiscordPayload[]) {
  expect(payloads.length).toBeGreaterThan(0);
  for (const p of payloads) {
    expect(p.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(p.embeds.reduce((n, e) => n + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(p.embeds.length + p.components.length).toBeGreaterThan(0);
    for (const e of p.embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeGreaterThan(0);
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeGreaterThan(0);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
      }
    }
    expect(p.components.length).toBeLessThanOrEqual(LIMITS.rows);
    for (const row of p.components) {
      expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
      for (const c of row.components) {
        const b = c as { label?: string; custom_id?: string };
        expect(b.label?.length ?? 0).toBeLessThanOrEqual(LIMITS.buttonLabel);
        expect(b.custom_id?.length ?? 0).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      }
    }
  }
}

/** The readable text of rendered payloads, in order. */
const textOf = (payloads: DiscordPayload[]) =>
  payloads
    .flatMap((p) => p.embeds.flatMap((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => f.value)]))
    .filter(Boolean)
    .join('\n');

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A small deterministic generator, so the property tests are repeatable. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('splitMarkdown', () => {
  it('keeps short text whole', () => {
    expect(splitMarkdown('Hello **world**', 100)).toEqual(['Hello **world**']);
  });

  it('splits at paragraphs first, loses no words, and respects the limit', () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}. ${'word '.repeat(40).trim()}.`);
    const text = paragraphs.join('\n\n');
    const pieces = splitMarkdown(text, 600);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(600);
    expect(normalize(pieces.join(' '))).toBe(normalize(text));
    // Every piece starts a paragraph: no paragraph was cut in half.
    for (const p of pieces) expect(p).toMatch(/^Paragraph \d+\./);
  });

  it('falls back to sentences, then words, then a hard cut for one enormous word', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const pieces = splitMarkdown(sentences, 200);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p).toMatch(/\.$/);
    }
    const giant = 'x'.repeat(1000);
    const hard = splitMarkdown(giant, 300);
    expect(hard.join('')).toBe(giant);
    for (const p of hard) expect(p.length).toBeLessThanOrEqual(300);
  });

  it('closes a code fence it cuts and reopens it in the next piece', () => {
    const code = Array.from({ length: 60 }, (_, i) => `  const line${i} = ${i}; // keep indentation`).join('\n');
    const text = `Before the code.\n\n\`\`\`ts\n${code}\n\`\`\`\n\nAfter the code.`;
    const pieces = splitMarkdown(text, 500);
    expect(pieces.length).toBeGreaterThan(2);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(500);
      const fences = p.split('\n').filter((l) => l.trim().startsWith('```')).length;
      expect(fences % 2).toBe(0);
    }
    // Indentation inside the code survives the cut.
    const inner = pieces.slice(1, -1).join('\n');
    expect(inner).toMatch(/^ {2}const line\d+/m);
    expect(pieces[1]?.startsWith('```ts\n')).toBe(true);
  });

  it('cuts outside inline code and bold runs when it can, and closes and reopens them when it cannot', () => {
    const text = `${'Plain words here. '.repeat(8)}**${'bold words '.repeat(6).trim()}** and \`${'code '.repeat(6).trim()}\` end.`;
    for (let max = 40; max < text.length; max += 7) {
      const pieces = splitMarkdown(text, max);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p.split('**').length % 2).toBe(1);
        expect(p.replaceAll('**', '').split('`').length % 2).toBe(1);
      }
      // Where a whole run fits in a piece, none is cut: the pieces are the text, nothing added.
      if (max >= 100) expect(normalize(pieces.join(' '))).toBe(normalize(text));
    }
  });

  it('truncates labels with an ellipsis', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});

describe('custom ids', () => {
  it('round-trip an action and a form step', () => {
    const action = { kind: 'action' as const, n: 2, action: { command: 'daily', args: ['done', '4', 'lru-cache'] } };
    const id = encodeComponent(action);
    expect(id).not.toBeNull();
    expect(decodeComponent(id as string)).toEqual(action);
    const form = {
      kind: 'form' as const,
      modal: true,
      page: 1,
      fix: true,
      wrong: 5,
      state: '3.2..1k',
      opener: { command: 'assess', args: ['rate'] },
    };
    expect(decodeComponent(encodeComponent(form) as string)).toEqual(form);
  });

  it('refuses what does not fit in 100 characters, and anything tampered with', () => {
    expect(encodeComponent({ kind: 'action', n: 0, action: { command: 'daily', args: ['x'.repeat(90)] } })).toBeNull();
    for (const bad of [
      'not json',
      '["a"]',
      '["a",-1,"daily"]',
      '["a",0,"Daily Problem"]',
      '["zz",0,"daily"]',
      '["m",0,2,0,"","assess"]',
      '["m",0,0,0,"STATE!","assess"]',
      `["a",0,"daily","${'y'.repeat(120)}"]`,
      '{"kind":"action"}',
    ])
      expect(decodeComponent(bad)).toBeNull();
  });
});

describe('renderMessage', () => {
  it('renders a reply as one embed: title, Markdown description, inline fields, context as subtext', () => {
    const [p, ...more] = renderMessage({
      visibility: 'private',
      title: 'Study group settings',
      blocks: [
        { type: 'text', text: 'Set by <@discord:1400000000000000001> with **care**.' },
        {
          type: 'fields',
          fields: [
            { label: 'Time zone', value: 'Europe/Berlin' },
            { label: 'Organizers', value: 'x'.repeat(200) },
          ],
        },
        { type: 'context', text: 'line one\nline two' },
      ],
    });
    expect(more).toEqual([]);
    const [first, second] = p?.embeds ?? [];
    expect(first?.title).toBe('Study group settings');
    // Mentions lose the platform prefix; Markdown passes through as Discord Markdown.
    expect(first?.description).toBe('Set by <@1400000000000000001> with **care**.');
    expect(first?.fields?.[0]).toEqual({ name: 'Time zone', value: 'Europe/Berlin', inline: true });
    expect(first?.fields?.[1]?.inline).toBe(false);
    // Text after fields starts the next embed, so it reads in the order written.
    expect(second?.description).toBe('-# line one\n-# line two');
  });

  it('starts a new embed at a divider and puts an image into the message as an attachment', () => {
    const [p] = renderMessage({
      visibility: 'channel',
      title: 'Week 3',
      blocks: [{ type: 'text', text: 'Above' }, { type: 'divider' }, { type: 'text', text: 'Below' }],
      image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'A radar chart', filename: 'radar chart.png' },
    });
    expect(p?.embeds.map((e) => e.description)).toEqual(['Above', 'Below']);
    expect(p?.files).toEqual([
      { name: 'radar_chart.png', data: Buffer.from([137, 80, 78, 71]), description: 'A radar chart' },
    ]);
    expect(p?.embeds[1]?.image).toEqual({ url: 'attachment://radar_chart.png' });
  });

  it('puts buttons in rows of five, carrying their actions in the custom id', () => {
    const buttons: Button[] = Array.from({ length: 7 }, (_, i) => ({
      label: `Button ${i}`,
      action: { command: 'daily', args: ['done', String(i), 'problem-id'] },
      ...(i === 0 ? { style: 'primary' as const } : {}),
    }));
    const [p] = renderMessage({ visibility: 'channel', blocks: [{ type: 'text', text: 'Pick' }], buttons });
    expect(p?.components.map((r) => r.components.length)).toEqual([5, 2]);
    const all = p?.components.flatMap((r) => r.components) ?? [];
    expect(all.map((c) => ('label' in c ? c.label : ''))).toEqual(buttons.map((b) => b.label));
    expect(all[0]).toMatchObject({ style: 1 });
    expect(all[1]).toMatchObject({ style: 2 });
    all.forEach((c, i) => {
      const ref = decodeComponent('custom_id' in c ? c.custom_id : '');
      expect(ref).toEqual({ kind: 'action', n: i, action: buttons[i]?.action });
    });
  });

  it('offers a button whose action is too long for a custom id as the command to type', () => {
    const [p] = renderMessage({
      visibility: 'private',
      blocks: [{ type: 'text', text: 'x' }],
      buttons: [{ label: 'Long one', action: { command: 'help', args: ['y'.repeat(120)] } }],
    });
    expect(p?.components).toEqual([]);
    expect(p?.embeds.at(-1)?.description).toContain(`-# Long one: \`/help ${'y'.repeat(120)}\``);
  });

  it('splits content beyond one message into several, with the buttons under the last', () => {
    const long = Array.from({ length: 500 }, (_, i) => `Sentence ${i} of a long statement.`).join(' ');
    const payloads = renderMessage({
      visibility: 'channel',
      title: 'T'.repeat(300),
      blocks: [
        { type: 'text', text: long },
        { type: 'fields', fields: Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: `v${i}` })) },
      ],
      buttons: Array.from({ length: 27 }, (_, i) => ({
        label: `B${i}`,
        action: { command: 'daily', args: [String(i)] },
      })),
    });
    expectWithinLimits(payloads);
    expect(payloads.length).toBeGreaterThan(2);
    expect(payloads[0]?.embeds[0]?.title).toHaveLength(LIMITS.title);
    expect(normalize(textOf(payloads))).toContain(normalize(long));
    for (let i = 0; i < 30; i++) expect(textOf(payloads)).toContain(`v${i}`);
    // 27 buttons: five full rows on one message, the rest on the next; the text ends before them.
    const withButtons = payloads.filter((p) => p.components.length > 0);
    expect(withButtons.map((p) => p.components.length)).toEqual([5, 1]);
    expect(payloads.indexOf(withButtons[0] as DiscordPayload)).toBeGreaterThanOrEqual(
      payloads.findLastIndex((p) => p.embeds.length > 0),
    );
  });

  it('renders the daily post of every problem in the default pack within limits, every button clickable', async () => {
    const pack = await loadPack(path.resolve(import.meta.dirname, '../../content/amazon-em'));
    expect(pack.problems.length).toBeGreaterThan(100);
    for (const problem of pack.problems) {
      const message = dailyProblemMessage(
        pack,
        { problem, localDate: '2026-11-25', planWeek: 3 },
        'channel',
        'Daily problem',
      );
      const payloads = renderMessage(message, { footer: 'Bar Raiser · post 0123456789' });
      expectWithinLimits(payloads);
      const buttons = payloads.flatMap((p) => p.components.flatMap((r) => r.components));
      // No button fell back to a typed command: every problem id fits a custom_id.
      expect(buttons).toHaveLength(message.buttons?.length ?? 0);
    }
  });

  it('stays within every limit for many random messages', () => {
    const rnd = random(42);
    const words = (n: number) =>
      Array.from(
        { length: n },
        () => ['alpha', '**bold**', '`code`', 'beta.', '\n', '\n\n', '[link](https://x.y)'][Math.floor(rnd() * 7)],
      ).join(' ');
    for (let run = 0; run < 100; run++) {
      const blocks: Block[] = Array.from({ length: 1 + Math.floor(rnd() * 8) }, (): Block => {
        const r = rnd();
        if (r < 0.4) return { type: 'text', text: words(Math.floor(rnd() * 1500)) };
        if (r < 0.6) return { type: 'context', text: words(Math.floor(rnd() * 40)) };
        if (r < 0.9)
          return {
            type: 'fields',
            fields: Array.from({ length: Math.floor(rnd() * 40) }, (_, i) => ({
              label: `${'L'.repeat(Math.floor(rnd() * 300))}${i}`,
              value: words(Math.floor(rnd() * 400)),
            })),
          };
        return { type: 'divider' };
      });
      const message: Message = {
        visibility: 'channel',
        ...(rnd() < 0.5 ? { title: 'Title '.repeat(Math.floor(rnd() * 80)) } : {}),
        blocks,
        buttons: Array.from({ length: Math.floor(rnd() * 30) }, (_, i) => ({
          label: `Button ${'b'.repeat(Math.floor(rnd() * 100))}`,
          action: { command: 'daily', args: ['done', String(i)] },
        })),
      };
      expectWithinLimits(renderMessage(message, { footer: 'Bar Raiser · post abc' }));
    }
  });
});
