// Slack's Block Kit rules as the fake Slack enforces them, written from Slack's reference
// (docs.slack.dev/reference/block-kit) independently of the adapter's own limits, so a renderer that
// breaks a limit is refused here the way Slack would refuse it.

import { z } from 'zod';

const plainText = (max: number) =>
  z.object({ type: z.literal('plain_text'), text: z.string().min(1).max(max), emoji: z.boolean().optional() });
const mrkdwn = (max: number) =>
  z.object({ type: z.literal('mrkdwn'), text: z.string().min(1).max(max), verbatim: z.boolean().optional() });
const textObject = (max: number) => z.union([plainText(max), mrkdwn(max)]);

const option = z.object({
  text: textObject(75),
  value: z.string().min(1).max(75),
  description: textObject(75).optional(),
});

const button = z.object({
  type: z.literal('button'),
  action_id: z.string().min(1).max(255),
  text: plainText(75),
  value: z.string().max(2000).optional(),
  url: z.string().max(3000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});

const staticSelect = z
  .object({
    type: z.literal('static_select'),
    action_id: z.string().min(1).max(255),
    placeholder: plainText(150).optional(),
    options: z.array(option).min(1).max(100).optional(),
    option_groups: z
      .array(z.object({ label: plainText(75), options: z.array(option).min(1).max(100) }))
      .max(100)
      .optional(),
    initial_option: option.optional(),
  })
  .refine((s) => Boolean(s.options) !== Boolean(s.option_groups), 'a select has options or option_groups');

const checkboxes = z.object({
  type: z.literal('checkboxes'),
  action_id: z.string().min(1).max(255),
  options: z.array(option).min(1).max(10),
  initial_options: z.array(option).max(10).optional(),
});

const blockId = z.string().min(1).max(255).optional();

const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), block_id: blockId, text: plainText(150) }),
  z
    .object({
      type: z.literal('section'),
      block_id: blockId,
      text: textObject(3000).optional(),
      fields: z.array(textObject(2000)).min(1).max(10).optional(),
    })
    .refine((s) => s.text || s.fields, 'a section needs text or fields'),
  z.object({ type: z.literal('divider'), block_id: blockId }),
  z.object({
    type: z.literal('context'),
    block_id: blockId,
    elements: z.array(textObject(2000)).min(1).max(10),
  }),
  z.object({ type: z.literal('actions'), block_id: blockId, elements: z.array(button).min(1).max(25) }),
  z
    .object({
      type: z.literal('image'),
      block_id: blockId,
      alt_text: z.string().min(1).max(2000),
      image_url: z.string().max(3000).optional(),
      slack_file: z.object({ id: z.string().min(1) }).optional(),
    })
    .refine((i) => Boolean(i.image_url) !== Boolean(i.slack_file), 'an image has image_url or slack_file'),
  z.object({
    type: z.literal('input'),
    block_id: blockId,
    label: plainText(2000),
    hint: plainText(2000).optional(),
    optional: z.boolean().optional(),
    element: z.union([staticSelect, checkboxes]),
  }),
]);

/** Problems with a message's blocks (empty when Slack would accept them). */
export function messageBlockProblems(blocks: unknown): string[] {
  const result = z.array(block).max(50).safeParse(blocks);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (Array.isArray(blocks)) problems.push(...duplicateActionIds(blocks));
  return problems;
}

function duplicateActionIds(blocks: unknown[]): string[] {
  const ids = blocks.flatMap((b) => {
    const elements = (b as { elements?: { action_id?: string }[] }).elements ?? [];
    return elements.map((e) => e.action_id).filter(Boolean);
  });
  return ids.length === new Set(ids).size ? [] : ['action_id values must be unique within a message'];
}

const modal = z.object({
  type: z.literal('modal'),
  callback_id: z.string().max(255).optional(),
  title: plainText(24),
  submit: plainText(24).optional(),
  close: plainText(24).optional(),
  private_metadata: z.string().max(3000).optional(),
  blocks: z.array(block).max(100),
});

/** Problems with a modal view (empty when Slack would accept it). */
export function viewProblems(view: unknown): string[] {
  const result = modal.safeParse(view);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const v = view as { blocks?: { type?: string }[]; submit?: unknown };
  if (v.blocks?.some((b) => b.type === 'input') && !v.submit) problems.push('a modal with inputs needs submit');
  const ids = (v.blocks ?? []).map((b) => (b as { block_id?: string }).block_id).filter(Boolean);
  if (ids.length !== new Set(ids).size) problems.push('block_id values must be unique within a view');
  return problems;
}
