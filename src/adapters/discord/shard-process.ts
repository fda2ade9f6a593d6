// Entry point of one shard process, started by DiscordShardedAdapter through discord.js's ShardingManager
// (which sets SHARDS and SHARD_COUNT; the discord.js Client reads them). The gateway connection lives here;
// every interaction goes to the core in the parent over IPC, so the database has a single owner.

import { createLogger } from '../../logger';
import { DiscordAdapter } from './discord-adapter';
import { shardLink } from './shard-link';

async function main() {
  let log = createLogger('info');
  const link = shardLink(process, (message) => log.warn({ message }, 'unexpected message from the parent'));
  const config = await link.config();
  log = createLogger(config.LOG_LEVEL);
  const adapter = new DiscordAdapter({ config, log, registerCommands: false });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void adapter.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The parent is gone: nobody can answer interactions any more.
  process.once('disconnect', stop);
  await adapter.start(link.handlers);
}

main().catch((err: unknown) => {
  process.stderr.write(`Bar Raiser shard failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
