import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { DB } from '../../db/schema';
import type { ChatAdapter } from '../adapter';
import { DiscordAdapter } from './discord-adapter';
import { DiscordShardedAdapter } from './sharding';

/** The Discord adapter the configuration asks for: one gateway connection, or DISCORD_SHARDS shard processes. */
export function createDiscordAdapter(config: Config, deps: { log: Logger; db: Kysely<DB> }): ChatAdapter {
  const log = deps.log.child({ platform: 'discord' });
  if (config.DISCORD_SHARDS) {
    return new DiscordShardedAdapter({
      config: { ...config, DISCORD_SHARDS: config.DISCORD_SHARDS },
      log,
      db: deps.db,
    });
  }
  return new DiscordAdapter({ config, log, db: deps.db });
}
