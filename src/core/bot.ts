import { findCaller } from '../db/caller';
import { ensureGroup } from '../db/groups';
import { ensureMember, listOrganizers } from '../db/members';
import { type Command, parseValues, resolveSubcommand } from './command';
import { commands as allCommands } from './commands/index';
import { FormError, UserError } from './errors';
import { context, type Form, type Message, reply, text } from './message';
import { localParts, mondayOf } from './time';
import type { CommandContext, CoreDeps, Invocation } from './types';

/** The platform-independent bot: adapters hand it invocations and render what it returns. */
export interface Bot {
  readonly deps: CoreDeps;
  readonly commands: readonly Command[];
  handle(invocation: Invocation): Promise<Message>;
  /** The form an invocation opens (e.g. bare `/assess`), without touching the database; null if none. */
  formFor(invocation: Pick<Invocation, 'command' | 'args'>): Form | null;
}

/** How stale `last_seen_at` may get before a command refreshes it; nothing needs it to the minute. */
const SEEN_REFRESH_MS = 60 * 60_000;

export const APOLOGY = 'Sorry, something went wrong on our side. It has been logged; please try again in a moment.';

export function createBot(deps: CoreDeps, commands: readonly Command[] = allCommands): Bot {
  async function run(invocation: Invocation): Promise<Message> {
    const name = invocation.command.replace(/^\//, '').toLowerCase();
    const command = commands.find((c) => c.name === name);
    if (!command) throw new UserError(`Unknown command "/${name}". Try \`/help\` for the list.`);
    const { sub, rest } = resolveSubcommand(command, invocation.args);
    const values = parseValues(command, sub, rest);

    const now = deps.clock.now();
    const found = await findCaller(deps.db, invocation.channelId, invocation.userId);
    const group =
      found.group ??
      (await ensureGroup(deps.db, {
        channelId: invocation.channelId,
        workspaceId: invocation.workspaceId,
        name: invocation.channelName ?? '',
        timezone: deps.defaultTimezone,
        cohortStart: mondayOf(localParts(now, deps.defaultTimezone).date),
        now,
      }));
    // Write the member only when new, renamed, or not seen for a while: most commands then cost no write.
    const known = found.member;
    const fresh =
      known &&
      (invocation.userName === '' || known.display_name === invocation.userName) &&
      now.getTime() - known.last_seen_at.getTime() < SEEN_REFRESH_MS;
    const member = fresh ? known : await ensureMember(deps.db, group.id, invocation.userId, invocation.userName, now);
    // The one place that decides who organizes: the group's own list, or what the platform says.
    const isOrganizer = member.is_organizer || invocation.isPlatformAdmin;
    if (sub.organizerOnly && !isOrganizer) {
      const organizers = await listOrganizers(deps.db, group.id);
      const who = organizers.map((o) => o.display_name || `<@${o.user_id}>`).join(', ');
      throw new UserError(
        organizers.length > 0
          ? `Only this group's organizers can do that (${who}, or a workspace admin). Ask one of them.`
          : 'Only organizers can do that, and this group has none yet: run `/studygroup setup` first.',
      );
    }
    const ctx: CommandContext = {
      ...deps,
      invocation,
      group,
      member,
      isOrganizer,
      now,
      local: localParts(now, group.timezone),
      commands,
    };
    const message = await sub.run(ctx, values);
    // Organizers hear about delivery problems the next time they use a command.
    if (isOrganizer && group.delivery_error && message.visibility === 'private') {
      message.blocks.push(
        context(`Heads-up for organizers: scheduled posts are failing here: ${group.delivery_error}`),
      );
    }
    return message;
  }

  return {
    deps,
    commands,
    formFor(invocation) {
      const command = commands.find((c) => c.name === invocation.command.replace(/^\//, '').toLowerCase());
      if (!command) return null;
      try {
        const { sub, rest } = resolveSubcommand(command, invocation.args);
        return sub.form && rest.length === 0 ? sub.form(deps.pack) : null;
      } catch {
        return null; // not a form; handle() will explain what is wrong
      }
    },
    async handle(invocation) {
      try {
        return await run(invocation);
      } catch (err) {
        // The single error boundary: user errors are shown as written, anything else is logged.
        if (err instanceof FormError) return reply([text(err.message)], { formErrors: err.fieldErrors });
        if (err instanceof UserError) return reply([text(err.message)]);
        deps.log.error(
          {
            err,
            command: invocation.command,
            args: invocation.args,
            channel: invocation.channelId,
            user: invocation.userId,
          },
          'command failed',
        );
        return reply([text(APOLOGY)]);
      }
    },
  };
}
