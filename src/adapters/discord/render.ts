import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Block, Button, Field, Message } from '../../core/message';
import { encodeComponent } from './custom-id';
import { toDiscordMentions } from './ids';
import { splitMarkdown, truncate } from './split';

/** Discord's limits on one message (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer: summed over every embed of one message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
} as const;

/** The bot's accent colour on every embed. */
export const EMBED_COLOUR = 0xf59e0b;

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface DiscordFile {
  name: string;
  data: Buffer;
  /** Alt text. */
  description: string;
}

/** One Discord message: the body of a channel message, an interaction reply or a webhook edit. */
export interface DiscordPayload {
  embeds: APIEmbed[];
  components: ActionRow[];
  files: DiscordFile[];
}

export interface RenderOptions {
  /** Footer text for the first message (scheduled posts carry a marker there, see poster.ts). */
  footer?: string;
}

/** A field name Discord accepts for the continuation of a long field (names may not be empty). */
const CONTINUED = '\u200b';

interface Draft {
  text: string[];
  fields: APIEmbedField[];
}

export function embedSize(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** A core field as one Discord field, or several when its value is longer than a field holds. */
function toFields(field: Field): APIEmbedField[] {
  const name = truncate(toDiscordMentions(field.label), LIMITS.fieldName) || CONTINUED;
  const value = toDiscordMentions(field.value).trim() || '-';
  const parts = splitMarkdown(value, LIMITS.fieldValue);
  // Short values sit side by side, as Slack shows its fields; long ones get the full width.
  const inline = parts.length === 1 && value.length <= 60 && !value.includes('\n') && name.length <= 40;
  return parts.map((v, i) => ({ name: i === 0 ? name : CONTINUED, value: v, inline }));
}

/** Blocks in order as embed drafts: text goes to the description, and text after fields starts a new embed, so the order reads as written. */
function drafts(blocks: Block[]): Draft[] {
  const out: Draft[] = [];
  let cur: Draft = { text: [], fields: [] };
  const flush = () => {
    if (cur.text.length || cur.fields.length) out.push(cur);
    cur = { text: [], fields: [] };
  };
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
      case 'context': {
        if (cur.fields.length) flush();
        const md = toDiscordMentions(block.text).trim();
        if (!md) break;
        // Context is small print: Discord's subtext line ("-# ").
        cur.text.push(
          block.type === 'context'
            ? md
                .split('\n')
                .filter((l) => l.trim())
                .map((l) => `-# ${l}`)
                .join('\n')
            : md,
        );
        break;
      }
      case 'fields':
        for (const f of block.fields) cur.fields.push(...toFields(f));
        break;
      case 'divider':
        flush();
        break;
    }
  }
  flush();
  return out;
}

/** A draft as embeds within the per-embed limits: a long description continues in the next embed. */
function draftEmbeds(draft: Draft, title: string | undefined): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  const pieces = draft.text.length ? splitMarkdown(draft.text.join('\n\n'), LIMITS.description) : [];
  for (const piece of pieces) embeds.push({ color: EMBED_COLOUR, description: piece });
  if (embeds.length === 0) embeds.push({ color: EMBED_COLOUR });
  const first = embeds[0] as APIEmbed;
  if (title) first.title = truncate(toDiscordMentions(title), LIMITS.title);
  let last = embeds[embeds.length - 1] as APIEmbed;
  for (const field of draft.fields) {
    const fields = last.fields ?? [];
    if (
      fields.length >= LIMITS.fields ||
      embedSize(last) + field.name.length + field.value.length > LIMITS.embedTotal
    ) {
      last = { color: EMBED_COLOUR, fields: [] };
      embeds.push(last);
    }
    last.fields = [...(last.fields ?? []), field];
  }
  return embeds;
}

function buttonStyle(style: Button['style']): ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary {
  return style === 'primary' ? ButtonStyle.Primary : style === 'danger' ? ButtonStyle.Danger : ButtonStyle.Secondary;
}

/** Buttons in rows of five. A button whose action does not fit a custom_id is offered as the command it runs. */
function buttonRows(buttons: Button[]): { rows: ActionRow[]; typed: string[] } {
  const components: APIButtonComponentWithCustomId[] = [];
  const typed: string[] = [];
  buttons.forEach((b, n) => {
    const customId = encodeComponent({ kind: 'action', n, action: b.action });
    if (customId) {
      components.push({
        type: ComponentType.Button,
        style: buttonStyle(b.style),
        label: truncate(b.label, LIMITS.buttonLabel),
        custom_id: customId,
      });
    } else {
      typed.push(`-# ${b.label}: \`/${[b.action.command, ...b.action.args.filter(Boolean)].join(' ')}\``);
    }
  });
  const rows: ActionRow[] = [];
  for (let i = 0; i < components.length; i += LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: components.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return { rows, typed };
}

/** Packs embeds into messages of at most 10 embeds and 6,000 characters; `reserve` is kept free in the first. */
function pack(embeds: APIEmbed[], reserve: number): APIEmbed[][] {
  const messages: APIEmbed[][] = [[]];
  let size = reserve;
  for (const embed of embeds) {
    const cur = messages[messages.length - 1] as APIEmbed[];
    const n = embedSize(embed);
    if (cur.length > 0 && (cur.length >= LIMITS.embedsPerMessage || size + n > LIMITS.embedTotal)) {
      messages.push([embed]);
      size = n;
    } else {
      cur.push(embed);
      size += n;
    }
  }
  return messages;
}

const safeFilename = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 100) || 'image.png';

/**
 * A core Message as Discord messages: embeds (title, Markdown description, fields, context as subtext),
 * buttons as components, an image as an attachment shown in the embed. Usually one message; content beyond
 * Discord's limits continues in further messages, and the buttons go on the last one, under the end of the text.
 */
export function renderMessage(message: Message, options: RenderOptions = {}): DiscordPayload[] {
  const { rows, typed } = buttonRows(message.buttons ?? []);
  const blocks: Block[] = typed.length
    ? [...message.blocks, { type: 'context', text: typed.join('\n') }]
    : message.blocks;
  const ds = drafts(blocks);
  const embeds = (ds.length ? ds : [{ text: [], fields: [] }]).flatMap((d, i) =>
    draftEmbeds(d, i === 0 ? message.title : undefined),
  );
  const footer = options.footer ? truncate(options.footer, LIMITS.footer) : undefined;
  const payloads: DiscordPayload[] = pack(embeds, footer?.length ?? 0).map((e) => ({
    embeds: e,
    components: [],
    files: [],
  }));
  const first = payloads[0] as DiscordPayload;
  const firstLast = first.embeds[first.embeds.length - 1] as APIEmbed;
  if (footer) firstLast.footer = { text: footer };
  if (message.image) {
    const name = safeFilename(message.image.filename);
    first.files.push({ name, data: Buffer.from(message.image.png), description: message.image.alt });
    firstLast.image = { url: `attachment://${name}` };
  }
  // Five rows fit under one message; more continue in messages of their own.
  for (let i = 0; i < rows.length; i += LIMITS.rows) {
    const group = rows.slice(i, i + LIMITS.rows);
    const last = payloads[payloads.length - 1] as DiscordPayload;
    if (i === 0) last.components = group;
    else payloads.push({ embeds: [], components: group, files: [] });
  }
  // Discord refuses an embed without text (a message with no title and no blocks): it gets a dash.
  for (const p of payloads)
    for (const e of p.embeds) if (!e.description && !e.fields?.length && !e.title) e.description = '-';
  return payloads;
}
