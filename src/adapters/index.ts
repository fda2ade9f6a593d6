import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { MovableClock } from '../core/clock';
import type { DB } from '../db/schema';
import type { ChatAdapter } from './adapter';
import { ConsoleAdapter } from './console/console-adapter';
import { createDiscordAdapter } from './discord/index';
import { SlackAdapter } from './slack/slack-adapter';

/** What adapters may use besides their typed config: never process.env. */
export interface AdapterDeps {
  log: Logger;
  db: Kysely<DB>;
  clock: MovableClock;
}

export interface AdapterChoice {
  adapters: ChatAdapter[];
  console?: ConsoleAdapter;
}

/** Which platforms have credentials; the console runs when none do, or when asked for. */
export function configuredPlatforms(config: Config) {
  return {
    slack: Boolean(config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN || config.SLACK_CLIENT_ID),
    discord: Boolean(config.DISCORD_TOKEN),
  };
}

/** Builds the adapters the configuration asks for. */
export async function createAdapters(
  config: Config,
  deps: AdapterDeps,
  options: {
    forceConsole: boolean;
    input: Readable;
    output: Writable;
    /** The console's `:advance` hands the skipped span to the scheduler. */
    onAdvance?: (from: Date, to: Date) => Promise<void>;
  },
): Promise<AdapterChoice> {
  const adapters: ChatAdapter[] = [];
  const platforms = configuredPlatforms(config);
  if (platforms.discord) adapters.push(createDiscordAdapter(config, deps));
  if (platforms.slack) adapters.push(new SlackAdapter(config, deps));
  let consoleAdapter: ConsoleAdapter | undefined;
  if (options.forceConsole || adapters.length === 0) {
    consoleAdapter = new ConsoleAdapter({
      input: options.input,
      output: options.output,
      clock: deps.clock,
      imageDir: path.resolve(config.DATA_DIR, 'images'),
      ...(options.onAdvance ? { onAdvance: options.onAdvance } : {}),
    });
    adapters.push(consoleAdapter);
  }
  return { adapters, ...(consoleAdapter ? { console: consoleAdapter } : {}) };
}
