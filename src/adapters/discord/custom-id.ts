import { z } from 'zod';
import type { Action } from '../../core/message';

/** Discord's limit on a component's custom_id. */
export const CUSTOM_ID_MAX = 100;

/**
 * What a component or modal carries back when it is used. Everything the bot needs is in the custom_id
 * itself, so a click works after a restart, on any instance, with nothing kept in memory:
 * - `action`: a button that runs a command (`n` keeps two buttons with the same action distinct);
 * - `form`: one page of a form. `modal` is the modal itself, otherwise it is the button that opens the page.
 *   `opener` is the command that opened the form, so it can be rebuilt with `formFor`; `state` holds every
 *   answer given so far; `fix` marks a page reopened to correct refused answers (submit right after it),
 *   and `wrong` is the bitmask of the fields that were refused.
 */
export type ComponentRef =
  | { kind: 'action'; n: number; action: Action }
  | { kind: 'form'; modal: boolean; page: number; fix: boolean; wrong: number; state: string; opener: Action };

const command = z.string().regex(/^[a-z0-9_-]{1,32}$/);
const arg = z.string().max(100);
const index = z.number().int().min(0).max(999);
const state = z.string().regex(/^[0-9a-z.]*$/);
const mask = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);

const tuple = z.union([
  z.tuple([z.literal('a'), index, command], arg),
  z.tuple([z.enum(['m', 'o']), index, z.union([z.literal(0), z.literal(1)]), mask, state, command], arg),
]);

const schema = z
  .string()
  .max(CUSTOM_ID_MAX)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(tuple);

/** The custom_id for a component or modal, or null when it would not fit Discord's 100 characters. */
export function encodeComponent(ref: ComponentRef): string | null {
  const parts: (string | number)[] =
    ref.kind === 'action'
      ? ['a', ref.n, ref.action.command, ...ref.action.args]
      : [
          ref.modal ? 'm' : 'o',
          ref.page,
          ref.fix ? 1 : 0,
          ref.wrong,
          ref.state,
          ref.opener.command,
          ...ref.opener.args,
        ];
  const id = JSON.stringify(parts);
  return id.length <= CUSTOM_ID_MAX ? id : null;
}

/** A custom_id as it comes back from Discord, validated; null if it is not one of ours (or was tampered with). */
export function decodeComponent(customId: string): ComponentRef | null {
  const parsed = schema.safeParse(customId);
  if (!parsed.success) return null;
  const t = parsed.data;
  if (t[0] === 'a') {
    const [, n, cmd, ...args] = t;
    return { kind: 'action', n, action: { command: cmd, args } };
  }
  const [kind, page, fix, wrong, st, cmd, ...args] = t;
  return { kind: 'form', modal: kind === 'm', page, fix: fix === 1, wrong, state: st, opener: { command: cmd, args } };
}
