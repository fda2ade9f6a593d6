import type { types } from '@slack/bolt';
import { type Block, type Button, type Message, plainText } from '../../core/message';
import { ACTION_PREFIX, encodeAction } from './actions';
import { toMrkdwn, toPlain } from './mrkdwn';

type KnownBlock = types.KnownBlock;

/** Slack's Block Kit limits (https://docs.slack.dev/reference/block-kit): exceeding one rejects the message. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerModal: 100,
  sectionText: 3000,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 2000,
  headerText: 150,
  buttonsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  imageAltText: 2000,
  /** Notification text: Slack truncates at 40,000; shorter reads better in notifications. */
  fallbackText: 3000,
} as const;

/** One Slack message: Block Kit plus the plain text shown in notifications and by screen readers. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** A Slack file id for `message.image` once uploaded; without it the image is described in text. */
  imageFileId?: string;
}

/** Cuts to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${space > max / 2 ? room.slice(0, space) : room}…`;
}

/** Where to cut `text` at or before `budget`: a paragraph, a line, a sentence, a word, in that order. */
function cutPoint(text: string, budget: number): { end: number; resume: number } {
  const room = text.slice(0, budget + 1);
  const floor = Math.floor(budget / 2);
  for (const sep of ['\n\n', '\n', '. ', '? ', '! ', '; ', ', ', ' ']) {
    const i = room.lastIndexOf(sep, budget - sep.length);
    if (i > floor) {
      const keep = sep.startsWith('\n') || sep === ' ' ? 0 : 1;
      return { end: i + keep, resume: i + sep.length };
    }
  }
  let end = budget;
  // Never inside Slack markup: a <link|label>, a <@mention> or an &entity;.
  const open = room.lastIndexOf('<', end);
  if (open > room.lastIndexOf('>', end - 1) && open > 0) end = open;
  const entity = /&[a-z]{0,4}$/.exec(text.slice(0, end));
  if (entity && entity.index > 0) end = entity.index;
  return { end, resume: end };
}

/** Splits mrkdwn into pieces of at most `max` characters, closing and reopening code fences at the cuts. */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  const FENCE = '\n```';
  while (rest.length > max) {
    const { end, resume } = cutPoint(rest, max - FENCE.length);
    let head = rest.slice(0, end).trimEnd();
    let tail = rest.slice(resume);
    const fences = head.split('\n').filter((l) => /^\s*```/.test(l)).length;
    if (fences % 2 === 1) {
      head += FENCE;
      tail = `\`\`\`\n${tail}`;
    }
    if (head.trim()) pieces.push(head);
    rest = tail;
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text });

function sections(markdown: string): KnownBlock[] {
  return splitMrkdwn(toMrkdwn(markdown), LIMITS.sectionText).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

function blockKit(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return sections(block.text);
    case 'divider':
      return [{ type: 'divider' }];
    case 'context': {
      const text = toMrkdwn(block.text);
      if (!text.trim()) return [];
      const parts = splitMrkdwn(text, LIMITS.contextText);
      if (parts.length > LIMITS.contextElements) return sections(block.text);
      return [{ type: 'context', elements: parts.map(mrkdwn) }];
    }
    case 'fields': {
      const out: KnownBlock[] = [];
      let batch: types.MrkdwnElement[] = [];
      const flush = () => {
        if (batch.length) out.push({ type: 'section', fields: batch });
        batch = [];
      };
      for (const f of block.fields) {
        const text = `*${toMrkdwn(toPlain(f.label))}*\n${toMrkdwn(f.value || '—')}`;
        if (text.length > LIMITS.fieldText) {
          // Too long to sit beside others: it gets sections of its own, in place, and nothing is cut.
          flush();
          out.push(...sections(`**${toPlain(f.label)}**\n${f.value}`));
          continue;
        }
        batch.push(mrkdwn(text));
        if (batch.length === LIMITS.fieldsPerSection) flush();
      }
      flush();
      return out;
    }
  }
}

function buttonBlocks(buttons: Button[]): KnownBlock[] {
  const elements: types.Button[] = [];
  const tooLarge: string[] = [];
  buttons.forEach((b, i) => {
    const value = encodeAction(b.action);
    if (value.length > LIMITS.buttonValue) {
      // A cut value would run the wrong command; the member is told how to type it instead.
      tooLarge.push(`\`/${b.action.command} ${b.action.args.join(' ')}\``);
      return;
    }
    elements.push({
      type: 'button',
      action_id: `${ACTION_PREFIX}${i}`,
      text: plain(truncate(toPlain(b.label), LIMITS.buttonText)),
      value,
      ...(b.style ? { style: b.style } : {}),
    });
  });
  const out: KnownBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.buttonsPerActions)
    out.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.buttonsPerActions) });
  if (tooLarge.length)
    out.push(...sections(`Some buttons are too large for Slack; type instead: ${tooLarge.join(', ')}`));
  return out;
}

/** The blocks of a message, before splitting; `surface: 'modal'` leaves buttons out (views answer no clicks). */
export function renderBlocks(
  message: Message,
  options: RenderOptions & { surface?: 'message' | 'modal' } = {},
): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  if (message.title) {
    const title = toPlain(message.title);
    // A title too long for a header is shown whole, in bold, rather than cut.
    if (title.length <= LIMITS.headerText) blocks.push({ type: 'header', text: plain(title) });
    else blocks.push(...sections(`**${title}**`));
  }
  for (const block of message.blocks) blocks.push(...blockKit(block));
  if (message.image) {
    const alt = truncate(message.image.alt || message.image.filename, LIMITS.imageAltText);
    if (options.imageFileId) blocks.push({ type: 'image', slack_file: { id: options.imageFileId }, alt_text: alt });
    else blocks.push({ type: 'context', elements: [mrkdwn(`[image: ${toMrkdwn(alt)}]`)] });
  }
  if (options.surface !== 'modal' && message.buttons?.length) blocks.push(...buttonBlocks(message.buttons));
  if (blocks.length === 0) blocks.push({ type: 'section', text: mrkdwn(toMrkdwn(fallbackText(message))) });
  return blocks;
}

/** The notification text of a message: the whole of it in plain words, cut to a readable length. */
export function fallbackText(message: Message): string {
  return truncate(toPlain(plainText(message)).trim() || 'Bar Raiser', LIMITS.fallbackText);
}

/**
 * A core Message as one or more Slack messages, each within Slack's limits, in reading order. Nothing
 * is dropped: long text is split across sections, and more than 50 blocks across messages.
 */
export function renderMessage(message: Message, options: RenderOptions = {}): SlackMessage[] {
  const blocks = renderBlocks(message, options);
  const text = fallbackText(message);
  const parts: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += LIMITS.blocksPerMessage) {
    const chunk = blocks.slice(i, i + LIMITS.blocksPerMessage);
    parts.push({
      text: i === 0 ? text : truncate(`${toPlain(message.title ?? text)} (continued)`, 150),
      blocks: chunk,
    });
  }
  return parts;
}
