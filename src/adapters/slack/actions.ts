import { z } from 'zod';
import type { Action } from '../../core/message';

/** Every button this adapter renders has an action_id with this prefix, so one listener serves them all. */
export const ACTION_PREFIX = 'br:';

const actionValue = z.object({
  c: z.string().regex(/^[a-z][\w-]{0,31}$/),
  a: z.array(z.string().max(500)).max(20),
});

/** The core action a button runs, carried in the button's value (Slack gives it back on a click). */
export function encodeAction(action: Action): string {
  return JSON.stringify({ c: action.command, a: action.args });
}

/** A clicked button's value -> the action, or null when it is not one of ours (or was tampered with). */
export function decodeAction(value: string | undefined): Action | null {
  if (!value) return null;
  try {
    const parsed = actionValue.safeParse(JSON.parse(value));
    return parsed.success ? { command: parsed.data.c, args: parsed.data.a } : null;
  } catch {
    return null;
  }
}
