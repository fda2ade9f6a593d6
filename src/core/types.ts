import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Pack } from '../content/schema';
import type { DB, Group, Member } from '../db/schema';
import type { Command } from './command';
import type { LocalParts } from './time';

export type Platform = 'slack' | 'discord' | 'console';

/** The source of "now"; injected so tests and the console can move time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** One command from one member, as every adapter hands it to the core. IDs are platform-prefixed. */
export interface Invocation {
  platform: Platform;
  /** e.g. `slack:T123`, `discord:G1`, `console:local` */
  workspaceId: string;
  /** e.g. `slack:T123/C456`, `discord:G1/C2`, `console:study` */
  channelId: string;
  channelName?: string;
  /** e.g. `slack:T123/U9`, `discord:U5`, `console:alice` */
  userId: string;
  userName: string;
  /** What the platform says about the caller: Slack admin/owner, Discord Manage Server. */
  isPlatformAdmin: boolean;
  command: string;
  /** Arguments as tokens; a mention of a member is written `<@prefixed-user-id>`. */
  args: string[];
}

/** Everything the core needs, built once at start. */
export interface CoreDeps {
  db: Kysely<DB>;
  pack: Pack;
  clock: Clock;
  log: Logger;
  defaultTimezone: string;
}

/** What a command runs with: the deps, plus the caller's group and member, ensured to exist. */
export interface CommandContext extends CoreDeps {
  invocation: Invocation;
  group: Group;
  member: Member;
  isOrganizer: boolean;
  now: Date;
  /** The group's local date and time at `now`. */
  local: LocalParts;
  /** Every registered command, for /help. */
  commands: readonly Command[];
}
