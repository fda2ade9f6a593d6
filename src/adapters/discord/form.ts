import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { z } from 'zod';
import type { Action, Form, FormField } from '../../core/message';
import { encodeComponent } from './custom-id';
import { type DiscordPayload, EMBED_COLOUR } from './render';
import { truncate } from './split';

/**
 * Forms as Discord modals. A modal with radio groups and checkbox groups takes one click per answer, where a
 * select menu in a message takes two (open, pick), and it shows every label and each option's meaning at
 * once. A modal holds five fields, so a longer form is shown in parts, joined by a Continue button; the
 * answers travel in the custom_ids (see custom-id.ts), so nothing is kept in memory and nothing is lost.
 */

/** Discord's limits on modals and their components. */
export const MODAL = {
  fields: 5,
  title: 45,
  label: 45,
  description: 100,
  radioMin: 2,
  radioMax: 10,
  checkboxMax: 10,
  selectMax: 25,
  option: 100,
} as const;

/** One answer per form field, by position: a value, several values, or nothing yet. */
export type Answers = (string | string[] | undefined)[];

/** The form's fields in parts of at most five, by index. */
export function formPages(form: Form): number[][] {
  const pages: number[][] = [];
  form.fields.forEach((_, i) => {
    if (i % MODAL.fields === 0) pages.push([]);
    pages[pages.length - 1]?.push(i);
  });
  return pages;
}

const usable = (field: FormField) => field.options.slice(0, MODAL.selectMax);

export function initialAnswers(form: Form): Answers {
  return form.fields.map((f) => {
    const values = usable(f).map((o) => o.value);
    if (f.type === 'select') return f.initial !== undefined && values.includes(f.initial) ? f.initial : undefined;
    return f.initial?.filter((v) => values.includes(v));
  });
}

/** Answers as a compact string for a custom_id: per field an option index or a bitmask, base 36. */
export function encodeAnswers(form: Form, answers: Answers): string {
  return form.fields
    .map((f, i) => {
      const a = answers[i];
      if (a === undefined) return '';
      const values = usable(f).map((o) => o.value);
      if (typeof a === 'string') return values.indexOf(a).toString(36);
      return a.reduce((mask, v) => mask | (1n << BigInt(values.indexOf(v))), 0n).toString(36);
    })
    .join('.');
}

/** The answers a custom_id carries, checked against the form; null when they do not fit it (the form changed). */
export function decodeAnswers(form: Form, state: string): Answers | null {
  const parts = state.split('.');
  if (parts.length !== form.fields.length) return null;
  const answers: Answers = [];
  for (const [i, f] of form.fields.entries()) {
    const part = parts[i] ?? '';
    const values = usable(f).map((o) => o.value);
    if (part === '') {
      answers.push(undefined);
      continue;
    }
    if (!/^[0-9a-z]{1,8}$/.test(part)) return null;
    if (f.type === 'select') {
      const value = values[Number.parseInt(part, 36)];
      if (value === undefined) return null;
      answers.push(value);
    } else {
      const mask = [...part].reduce((m, ch) => m * 36n + BigInt(Number.parseInt(ch, 36)), 0n);
      if (mask >> BigInt(values.length) !== 0n) return null;
      answers.push(values.filter((_, k) => (mask >> BigInt(k)) & 1n));
    }
  }
  return answers;
}

/** Answers by field name, as `formTokens` takes them. */
export function answersByName(form: Form, answers: Answers): Record<string, string | string[] | undefined> {
  return Object.fromEntries(form.fields.map((f, i) => [f.name, answers[i]]));
}

const fieldId = (index: number) => `f${index}`;

function input(field: FormField, index: number, answer: Answers[number]): APIComponentInLabel {
  const chosen = new Set(answer === undefined ? [] : typeof answer === 'string' ? [answer] : answer);
  const opts = usable(field).map((o) => ({
    label: truncate(o.label, MODAL.option),
    value: o.value,
    ...(o.description ? { description: truncate(o.description, MODAL.option) } : {}),
    ...(chosen.has(o.value) ? { default: true } : {}),
  }));
  const required = field.type === 'select' && field.required === true;
  if (field.type === 'select' && opts.length >= MODAL.radioMin && opts.length <= MODAL.radioMax)
    return { type: ComponentType.RadioGroup, custom_id: fieldId(index), options: opts, required };
  if (field.type === 'checkboxes' && opts.length <= MODAL.checkboxMax)
    return {
      type: ComponentType.CheckboxGroup,
      custom_id: fieldId(index),
      options: opts,
      min_values: 0,
      max_values: opts.length,
      required: false,
    };
  // Longer lists fall back to a select menu, which holds 25.
  return {
    type: ComponentType.StringSelect,
    custom_id: fieldId(index),
    options: opts,
    min_values: required ? 1 : 0,
    max_values: field.type === 'select' ? 1 : opts.length,
    required,
  };
}

function label(field: FormField, index: number, answer: Answers[number], wrong: boolean): APILabelComponent {
  const text = truncate(field.label, MODAL.label);
  const description = wrong
    ? 'Not accepted last time: please check this answer.'
    : text === field.label
      ? undefined
      : truncate(field.label, MODAL.description);
  return {
    type: ComponentType.Label,
    label: text,
    ...(description ? { description } : {}),
    component: input(field, index, answer),
  };
}

export interface FormStep {
  opener: Action;
  answers: Answers;
  page: number;
  /** Reopened to correct refused answers: submit when this part is done. */
  fix: boolean;
  /** Bitmask of refused fields. */
  wrong: number;
}

/** One part of the form as a modal; null when its custom_id would not fit (the form carries too much). */
export function renderModal(form: Form, step: FormStep): APIModalInteractionResponseCallbackData | null {
  const pages = formPages(form);
  const fields = pages[step.page] ?? [];
  const customId = encodeComponent({
    kind: 'form',
    modal: true,
    page: step.page,
    fix: step.fix,
    wrong: step.wrong,
    state: encodeAnswers(form, step.answers),
    opener: step.opener,
  });
  if (!customId || fields.length === 0) return null;
  const part = pages.length > 1 ? ` (${step.page + 1}/${pages.length})` : '';
  return {
    custom_id: customId,
    title: `${truncate(form.title, MODAL.title - part.length)}${part}`,
    components: fields.map((i) =>
      label(form.fields[i] as FormField, i, step.answers[i], Boolean(step.wrong & (1 << i))),
    ),
  };
}

/** The part to show after `step` is submitted, or null when the form is complete. */
export function nextPage(form: Form, step: FormStep): number | null {
  const pages = formPages(form);
  for (let p = step.page + 1; p < pages.length; p++) {
    // Correcting: only the parts with refused answers; filling in: every part.
    if (!step.fix || pages[p]?.some((i) => step.wrong & (1 << i))) return p;
  }
  return null;
}

const submitted = z.array(
  z.looseObject({
    type: z.number(),
    component: z
      .looseObject({
        type: z.number(),
        customId: z.string(),
        value: z.string().nullable().optional(),
        values: z.array(z.string()).optional(),
      })
      .optional(),
  }),
);

/**
 * The answers after a modal part was submitted (`components` as discord.js hands them over): the submitted values, each checked against its field's
 * options, over the answers carried so far. Null if the submission does not match the form.
 */
export function readModal(form: Form, step: FormStep, components: unknown): Answers | null {
  const parsed = submitted.safeParse(components);
  if (!parsed.success) return null;
  const answers = [...step.answers];
  const fields = formPages(form)[step.page] ?? [];
  for (const i of fields) {
    const field = form.fields[i] as FormField;
    const got = parsed.data.find((c) => c.component?.customId === fieldId(i))?.component;
    if (!got) return null;
    const values = got.values ?? (got.value ? [got.value] : []);
    const allowed = new Set(usable(field).map((o) => o.value));
    if (values.some((v) => !allowed.has(v))) return null;
    if (field.type === 'select') {
      if (values.length > 1) return null;
      answers[i] = values[0];
    } else answers[i] = values;
  }
  return answers;
}

/** A button that opens a part of the form, carrying the answers so far. */
export function openButton(form: Form, step: FormStep, text: string): APIButtonComponentWithCustomId | null {
  const customId = encodeComponent({
    kind: 'form',
    modal: false,
    page: step.page,
    fix: step.fix,
    wrong: step.wrong,
    state: encodeAnswers(form, step.answers),
    opener: step.opener,
  });
  return customId ? { type: ComponentType.Button, style: ButtonStyle.Primary, label: text, custom_id: customId } : null;
}

function withButton(description: string, title: string, button: APIButtonComponentWithCustomId | null): DiscordPayload {
  const row: APIActionRowComponent<APIButtonComponentWithCustomId>[] = button
    ? [{ type: ComponentType.ActionRow, components: [button] }]
    : [];
  return { embeds: [{ color: EMBED_COLOUR, title: truncate(title, 256), description }], components: row, files: [] };
}

/** Between two parts of a long form: what is saved, and the button to go on. */
export function continuePayload(form: Form, step: FormStep): DiscordPayload {
  const total = formPages(form).length;
  return withButton(
    `Answers kept. Part ${step.page + 1} of ${total} is next; nothing is saved until the last part is submitted.`,
    form.title,
    openButton(form, step, `Continue (${step.page + 1}/${total})`),
  );
}

/** A submission that was refused: what was wrong, per field, and a button to correct only that. */
export function errorsPayload(
  form: Form,
  opener: Action,
  answers: Answers,
  errors: Record<string, string>,
): DiscordPayload {
  let wrong = 0;
  const lines: string[] = [];
  form.fields.forEach((f, i) => {
    const error = errors[f.name];
    if (!error) return;
    wrong |= 1 << i;
    lines.push(`- **${f.label}**: ${error}`);
  });
  // An error the form cannot place (a rule across fields) is shown as it came.
  for (const [name, error] of Object.entries(errors))
    if (!form.fields.some((f) => f.name === name)) lines.push(`- ${error}`);
  const pages = formPages(form);
  const page = Math.max(
    0,
    pages.findIndex((p) => p.some((i) => wrong & (1 << i))),
  );
  const button = openButton(form, { opener, answers, page, fix: true, wrong }, 'Fix these answers');
  return withButton(
    `Not saved yet. Please correct:\n${lines.join('\n')}\n-# Your other answers are kept.`,
    form.title,
    button,
  );
}
