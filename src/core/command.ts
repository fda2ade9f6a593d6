import { z } from 'zod';
import type { Pack } from '../content/schema';
import { UserError } from './errors';
import type { Form, Message } from './message';
import type { CommandContext } from './types';

/** One typed option of a command; the same spec drives parsing, /help, Slack's manifest and Discord's definitions. */
export type OptionSpec = {
  name: string;
  description: string;
  required?: boolean;
  /** Accepted from buttons, but not offered on platforms' command pickers or in /help. */
  hidden?: boolean;
} & (
  | { type: 'integer'; min: number; max: number }
  | {
      type: 'string';
      choices?: readonly string[];
      /** Validates and normalizes the value; its messages are shown to the user. */
      schema?: z.ZodType<string, string>;
      example?: string;
      rest?: boolean;
    }
  | { type: 'user' }
);

export type OptionValue = string | number;
export type Values = Record<string, OptionValue | undefined>;

export interface Subcommand {
  name: string;
  description: string;
  options?: OptionSpec[];
  /** Only the group's organizers may run it; decided in one place, the dispatcher. */
  organizerOnly?: boolean;
  run(ctx: CommandContext, values: Values): Promise<Message>;
  /**
   * A form this subcommand opens instead of running, built from the pack alone (no database): Slack's
   * trigger_id expires in 3 seconds, so adapters open it first and ask the core for details after.
   */
  form?(pack: Pack): Form;
}

/** A slash command: one file each, listed in commands/index.ts. */
export interface Command {
  name: string;
  description: string;
  subcommands: Subcommand[];
  /** The subcommand run when none is named (`/daily` shows today's problem). */
  defaultSubcommand?: string;
}

export function usage(command: Command, sub: Subcommand): string {
  const opts = (sub.options ?? [])
    .filter((o) => !o.hidden)
    .map((o) => {
      const label =
        o.type === 'string' && o.choices
          ? o.choices.join('|')
          : o.type === 'integer'
            ? `${o.name} ${o.min}-${o.max}`
            : o.name;
      return o.required ? `<${label}>` : `[${label}]`;
    });
  // The default subcommand runs without its name (`/plan 12`), so usage leaves it out.
  const name = sub.name === command.defaultSubcommand ? '' : ` ${sub.name}`;
  return `/${command.name}${name}${opts.length ? ` ${opts.join(' ')}` : ''}`;
}

function optionSchema(option: OptionSpec): z.ZodType<OptionValue> {
  const name = option.name;
  switch (option.type) {
    case 'integer':
      return z
        .string()
        .regex(/^[+-]?\d+$/, {
          error: (i) => `${name} must be a whole number from ${option.min} to ${option.max} (got "${String(i.input)}")`,
        })
        .transform(Number)
        .refine((n) => n >= option.min && n <= option.max, {
          error: (i) => `${name} must be from ${option.min} to ${option.max} (got ${String(i.input)})`,
        });
    case 'user':
      return z
        .string()
        .regex(/^<@[^<>\s]+>$/, {
          error: (i) => `${name} must mention a member, like @alice (got "${String(i.input)}")`,
        })
        .transform((s) => s.slice(2, -1));
    case 'string': {
      const choices = option.choices;
      if (choices) {
        return z.string().transform((s, ctx) => {
          const match = choices.find((c) => c.toLowerCase() === s.toLowerCase());
          if (match) return match;
          ctx.addIssue({ code: 'custom', message: `${name} must be one of ${choices.join(', ')} (got "${s}")` });
          return z.NEVER;
        });
      }
      return option.schema ?? z.string().min(1, `${name} must not be empty`);
    }
  }
}

/** Tokens -> validated values for one subcommand; a UserError with the usage line on bad input. */
export function parseValues(command: Command, sub: Subcommand, tokens: string[]): Values {
  const options = sub.options ?? [];
  const values: Values = {};
  let i = 0;
  for (const option of options) {
    const raw = option.type === 'string' && option.rest ? tokens.slice(i).join(' ') || undefined : tokens[i];
    i = option.type === 'string' && option.rest ? tokens.length : i + 1;
    // An empty token is an unset option (a button's "Done" carries no confidence).
    if (raw === undefined || raw === '') {
      if (option.required) throw new UserError(`Missing ${option.name}. Usage: \`${usage(command, sub)}\``);
      continue;
    }
    const result = optionSchema(option).safeParse(raw);
    if (!result.success) {
      throw new UserError(`${result.error.issues.map((x) => x.message).join('; ')}. Usage: \`${usage(command, sub)}\``);
    }
    values[option.name] = result.data;
  }
  if (i < tokens.length) {
    throw new UserError(`Unexpected "${tokens.slice(i).join(' ')}". Usage: \`${usage(command, sub)}\``);
  }
  return values;
}

/** Picks the subcommand named by the first token, or the default one. */
export function resolveSubcommand(command: Command, tokens: string[]): { sub: Subcommand; rest: string[] } {
  const first = tokens[0]?.toLowerCase();
  const named = command.subcommands.find((s) => s.name === first);
  if (named) return { sub: named, rest: tokens.slice(1) };
  const fallback = command.subcommands.find((s) => s.name === command.defaultSubcommand);
  if (fallback && (first === undefined || (fallback.options ?? []).length > 0)) return { sub: fallback, rest: tokens };
  const list = command.subcommands.map((s) => s.name).join(', ');
  throw new UserError(
    first === undefined
      ? `/${command.name} needs a subcommand: ${list}. See \`/help ${command.name}\`.`
      : `Unknown subcommand "${first}" for /${command.name}. Try one of: ${list}. See \`/help ${command.name}\`.`,
  );
}

/** Splits a command line into tokens, keeping "quoted phrases" together. */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  return tokens;
}
