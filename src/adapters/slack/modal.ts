import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Choice, Form, FormField, Message } from '../../core/message';
import { toPlain } from './mrkdwn';
import { LIMITS, type RenderOptions, renderBlocks, truncate } from './render';

/** The callback_id of every form modal, so one view_submission listener serves them all. */
export const FORM_CALLBACK = 'br_form';
const VALUE_ACTION = 'value';
const CHECKBOXES_PER_BLOCK = 10;
const SELECT_OPTIONS = 100;
const MODAL_TEXT = 24;
const PRIVATE_METADATA = 3000;

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

/** What a modal carries from opening to submission; Slack hands it back verbatim (private_metadata). */
const metaSchema = z.object({
  /** The invocation that opened the form, so the same form can be rebuilt at submission. */
  c: z.string().min(1).max(32),
  a: z.array(z.string().max(200)).max(10),
  /** Platform-prefixed channel id and name of the channel the form was opened in. */
  ch: z.string().regex(/^slack:[A-Z0-9]+\/[A-Z0-9]+$/),
  cn: z.string().max(100).optional(),
  /** The response_url of the opening command or click, for a copy of the answer in the channel. */
  r: z.url().max(1000).optional(),
});
export type FormMeta = z.infer<typeof metaSchema>;

export function encodeMeta(meta: FormMeta): string {
  const json = JSON.stringify(meta);
  if (json.length <= PRIVATE_METADATA) return json;
  const { r: _dropped, ...rest } = meta;
  return JSON.stringify(rest);
}

export function decodeMeta(raw: string | undefined): FormMeta | null {
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An option's value as Slack carries it: the core's value, or its position when the value is too long. */
const optionValue = (choice: Choice, index: number) =>
  choice.value.length <= LIMITS.optionValue && !choice.value.startsWith('#') ? choice.value : `#${index}`;

function option(choice: Choice, index: number): types.PlainTextOption {
  const label = toPlain(choice.label);
  const description = choice.description
    ? toPlain(choice.description)
    : label.length > LIMITS.optionText
      ? label
      : undefined;
  return {
    text: plain(truncate(label, LIMITS.optionText)),
    value: optionValue(choice, index),
    ...(description ? { description: plain(truncate(description, LIMITS.optionText)) } : {}),
  };
}

/** The full wording of options whose labels Slack would cut, shown under the input. */
function fullWording(options: Choice[]): string | undefined {
  const long = options.filter((o) => toPlain(o.label).length > LIMITS.optionText);
  if (!long.length) return undefined;
  return truncate(long.map((o) => `• ${toPlain(o.label)}`).join('\n'), 2000);
}

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

/** The block ids of a field: one, or one per ten checkboxes (Slack's limit per input). */
function blockIds(field: FormField): string[] {
  const count = field.type === 'checkboxes' ? Math.max(1, Math.ceil(field.options.length / CHECKBOXES_PER_BLOCK)) : 1;
  return Array.from({ length: count }, (_, i) => (i === 0 ? field.name : `${field.name}~${i}`));
}

function fieldBlocks(
  field: FormField,
  answer: string | string[] | undefined,
  error: string | undefined,
): types.KnownBlock[] {
  const label = truncate(toPlain(field.label), 2000);
  const indexed = field.options.map((choice, index) => ({ choice, index }));
  const out: types.KnownBlock[] = [];
  if (field.type === 'select') {
    const initialValue = typeof answer === 'string' ? answer : field.initial;
    const initial = indexed.find(({ choice }) => choice.value === initialValue);
    const groups = chunk(indexed, SELECT_OPTIONS);
    const hint = fullWording(field.options);
    out.push({
      type: 'input',
      block_id: field.name,
      optional: !field.required,
      label: plain(label),
      ...(hint ? { hint: plain(hint) } : {}),
      element: {
        type: 'static_select',
        action_id: VALUE_ACTION,
        placeholder: plain('Choose'),
        ...(groups.length > 1
          ? {
              option_groups: groups.map((g) => ({
                label: plain(`${(g[0]?.index ?? 0) + 1}–${(g.at(-1)?.index ?? 0) + 1}`),
                options: g.map(({ choice, index }) => option(choice, index)),
              })),
            }
          : { options: indexed.map(({ choice, index }) => option(choice, index)) }),
        ...(initial ? { initial_option: option(initial.choice, initial.index) } : {}),
      },
    });
  } else {
    const initialValues = Array.isArray(answer) ? answer : (field.initial ?? []);
    const ids = blockIds(field);
    chunk(indexed, CHECKBOXES_PER_BLOCK).forEach((group, i) => {
      const initial = group.filter(({ choice }) => initialValues.includes(choice.value));
      const hint = fullWording(group.map((g) => g.choice));
      out.push({
        type: 'input',
        block_id: ids[i] ?? field.name,
        optional: true,
        label: plain(i === 0 ? label : truncate(`${label} (continued)`, 2000)),
        ...(hint ? { hint: plain(hint) } : {}),
        element: {
          type: 'checkboxes',
          action_id: VALUE_ACTION,
          options: group.map(({ choice, index }) => option(choice, index)),
          ...(initial.length ? { initial_options: initial.map(({ choice, index }) => option(choice, index)) } : {}),
        },
      });
    });
  }
  // Errors can only be attached to inputs while acknowledging; a form re-shown later says them in text.
  if (error) out.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:warning: ${error}` }] });
  return out;
}

/** A form as a Slack modal; `kept` re-fills answers and shows errors when a form is shown again. */
export function formView(
  form: Form,
  meta: FormMeta,
  kept: { answers?: Record<string, string | string[]>; errors?: Record<string, string> } = {},
): types.ModalView {
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK,
    title: plain(truncate(toPlain(form.title), MODAL_TEXT)),
    submit: plain(truncate(toPlain(form.submitLabel), MODAL_TEXT)),
    close: plain('Cancel'),
    private_metadata: encodeMeta(meta),
    blocks: form.fields
      .flatMap((f) => fieldBlocks(f, kept.answers?.[f.name], kept.errors?.[f.name]))
      .slice(0, LIMITS.blocksPerModal),
  };
}

/** A modal that shows a message (the answer to a form, or a notice), with only a Close button. */
export function messageView(title: string, message: Message, options: RenderOptions = {}): types.ModalView {
  const blocks = renderBlocks(message, { ...options, surface: 'modal' });
  return {
    type: 'modal',
    title: plain(truncate(toPlain(title), MODAL_TEXT)),
    close: plain('Close'),
    blocks: blocks.slice(0, LIMITS.blocksPerModal),
  };
}

const selectionSchema = z.object({
  type: z.string(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const stateSchema = z.record(z.string(), z.record(z.string(), selectionSchema));

/** Submitted state -> the core's answers by field name; errors by block id for what cannot be accepted. */
export function readAnswers(
  form: Form,
  state: unknown,
): { answers: Record<string, string | string[]>; errors: Record<string, string> } {
  const answers: Record<string, string | string[]> = {};
  const errors: Record<string, string> = {};
  const parsed = stateSchema.safeParse(state);
  const values = parsed.success ? parsed.data : {};
  for (const field of form.fields) {
    const byValue = new Map(field.options.map((o, i) => [optionValue(o, i), o.value]));
    const ids = blockIds(field);
    const picked = ids.flatMap((id) => {
      const s = values[id]?.[VALUE_ACTION];
      return s?.selected_options?.map((o) => o.value) ?? (s?.selected_option ? [s.selected_option.value] : []);
    });
    const real = picked.map((v) => byValue.get(v));
    if (real.some((v) => v === undefined)) {
      errors[field.name] = 'That choice is not on the list any more; please pick again.';
      continue;
    }
    const chosen = real.filter((v): v is string => v !== undefined);
    if (field.type === 'select') {
      if (chosen.length > 1) errors[field.name] = 'Pick one.';
      else if (chosen[0] !== undefined) answers[field.name] = chosen[0];
      else if (field.required) errors[field.name] = `Choose a value for ${toPlain(field.label)}.`;
    } else {
      answers[field.name] = chosen;
    }
  }
  return { answers, errors };
}

/** The core's errors by field name -> Slack's by block id; errors about no field go on the first input. */
export function errorsByBlock(form: Form, fieldErrors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const first = form.fields[0]?.name;
  for (const [name, message] of Object.entries(fieldErrors)) {
    const field = form.fields.find((f) => f.name === name);
    const id = field ? field.name : first;
    if (id === undefined) continue;
    out[id] = truncate(out[id] ? `${out[id]} ${message}` : message, 2000);
  }
  return out;
}
