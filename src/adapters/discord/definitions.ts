import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command, OptionSpec, Subcommand } from '../../core/command';
import { userKey } from './ids';
import { truncate } from './split';

/** Discord's rules for names and descriptions of commands and options. */
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;

/**
 * A command whose subcommands are mostly for organizers (`/studygroup`) is shown by default only to
 * members with Manage Server; server admins can open it to an organizer role in Server Settings >
 * Integrations. The dispatcher still checks every organizer-only subcommand at run time.
 */
export function isOrganizerCommand(command: Command): boolean {
  return command.subcommands.filter((s) => s.organizerOnly).length * 2 > command.subcommands.length;
}

function checkName(name: string, where: string): string {
  if (!NAME.test(name)) throw new Error(`${where}: "${name}" is not a valid Discord command or option name`);
  return name;
}

function option(spec: OptionSpec, where: string): APIApplicationCommandBasicOption {
  const base = {
    name: checkName(spec.name, where),
    description: truncate(spec.description, DESCRIPTION_MAX),
    required: spec.required ?? false,
  };
  switch (spec.type) {
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: spec.min, max_value: spec.max };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'string': {
      const description = spec.example
        ? truncate(
            `${spec.description}${spec.description.includes(spec.example) ? '' : ` (e.g. ${spec.example})`}`,
            100,
          )
        : base.description;
      return {
        ...base,
        description,
        type: ApplicationCommandOptionType.String,
        ...(spec.choices
          ? { choices: spec.choices.slice(0, CHOICES_MAX).map((c) => ({ name: c, value: c })) }
          : spec.rest
            ? {}
            : { max_length: 100 }),
      };
    }
  }
}

/** The options Discord offers for a subcommand: hidden ones left out, required ones first (Discord insists). */
function options(sub: Subcommand, where: string): APIApplicationCommandBasicOption[] {
  const visible = (sub.options ?? []).filter((o) => !o.hidden).map((o) => option(o, `${where} ${o.name}`));
  return [...visible.filter((o) => o.required), ...visible.filter((o) => !o.required)];
}

/**
 * The slash-command definitions for Discord, generated from the core's registry (the list that also feeds
 * Slack's manifest and /help). A command with one subcommand takes its options directly (`/plan week:3`);
 * one with several gets Discord subcommands (`/daily done confidence:4`).
 */
export function commandDefinitions(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map((command) => {
    const where = `/${command.name}`;
    const only = command.subcommands.length === 1 ? command.subcommands[0] : undefined;
    const body: RESTPostAPIChatInputApplicationCommandsJSONBody = {
      name: checkName(command.name, where),
      description: truncate(command.description, DESCRIPTION_MAX),
      type: ApplicationCommandType.ChatInput,
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
      default_member_permissions: isOrganizerCommand(command) ? String(PermissionFlagsBits.ManageGuild) : null,
      options: only
        ? options(only, where)
        : command.subcommands.map(
            (sub): APIApplicationCommandSubcommandOption => ({
              type: ApplicationCommandOptionType.Subcommand,
              name: checkName(sub.name, `${where} ${sub.name}`),
              description: truncate(sub.description, DESCRIPTION_MAX),
              options: options(sub, `${where} ${sub.name}`),
            }),
          ),
    };
    return body;
  });
}

/** An option of a received command, as discord.js hands it over (the fields we read). */
export interface ReceivedOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  options?: readonly ReceivedOption[] | undefined;
}

function token(spec: OptionSpec | undefined, option: ReceivedOption | undefined): string {
  if (option?.value === undefined) return '';
  if (spec?.type === 'user' || option.type === ApplicationCommandOptionType.User)
    return `<@${userKey(String(option.value))}>`;
  return String(option.value);
}

/**
 * A received command's options as the core's argument tokens: the subcommand's name, then the values in the
 * order the core's option list gives (an unset option in between is an empty token), so the dispatcher
 * parses them exactly as typed input. A command the registry does not know keeps Discord's order.
 */
export function argsFromOptions(
  commands: readonly Command[],
  commandName: string,
  received: readonly ReceivedOption[],
): string[] {
  const command = commands.find((c) => c.name === commandName);
  const first = received[0];
  const named = first?.type === ApplicationCommandOptionType.Subcommand ? first : undefined;
  const subName = named?.name ?? (command?.subcommands.length === 1 ? command.subcommands[0]?.name : undefined);
  const values = named ? (named.options ?? []) : received;
  const sub = command?.subcommands.find((s) => s.name === subName);
  const tokens = sub
    ? (sub.options ?? []).map((spec) =>
        token(
          spec,
          values.find((v) => v.name === spec.name),
        ),
      )
    : values.map((v) => token(undefined, v));
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  return subName ? [subName, ...tokens] : tokens;
}
