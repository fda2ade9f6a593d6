import path from 'node:path';
import type { Logger } from 'pino';
import type { ChatAdapter } from './adapters/adapter';
import type { Config } from './config';
import { loadPack } from './content/load';
import type { Pack } from './content/schema';
import { type Bot, createBot } from './core/bot';
import type { Clock } from './core/types';
import { type Database, openDatabase } from './db/database';
import { migrate } from './db/migrate';

/** The running core: database, content and bot, shared by every adapter. */
export interface Core {
  bot: Bot;
  database: Database;
  pack: Pack;
  close(): Promise<void>;
}

/** Loads the pack (refusing an invalid one), opens and migrates the database, builds the bot. */
export async function startCore(config: Config, log: Logger, clock: Clock): Promise<Core> {
  const pack = await loadPack(path.resolve(config.CONTENT_DIR, config.CONTENT_PACK));
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: path.resolve(config.DATA_DIR) });
  try {
    const applied = await migrate(database.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } catch (err) {
    await database.close();
    throw err;
  }
  const bot = createBot({ db: database.db, pack, clock, log, defaultTimezone: config.DEFAULT_TIMEZONE });
  log.info({ database: database.kind, pack: pack.meta.id, problems: pack.problems.length }, 'core ready');
  return { bot, database, pack, close: () => database.close() };
}

/** Starts adapters, and on shutdown stops them before closing the database, so nothing in flight is lost. */
export async function runAdapters(core: Core, adapters: ChatAdapter[]) {
  for (const adapter of adapters) await adapter.start(core.bot);
  return async function stop() {
    for (const adapter of adapters) await adapter.stop();
    await core.close();
  };
}
