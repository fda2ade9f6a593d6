import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { APOLOGY } from '../../core/bot';
import type { Command } from '../../core/command';
import { commands as registry } from '../../core/commands/index';
import { type Message, reply, text } from '../../core/message';
import type { DB } from '../../db/schema';
import type { AdapterHandlers, ChatAdapter, PostReceipt } from '../adapter';
import { applicationId, type Deployment, deployCommands } from './deploy';
import { createRest, type DiscordConfig } from './discord-adapter';
import { DiscordPoster } from './poster';
import { fromShard, type ShardConfig, type ToShard, toWire } from './shard-link';

export interface ShardingOptions {
  config: DiscordConfig & { DISCORD_SHARDS: number; LOG_LEVEL: string };
  log: Logger;
  db?: Kysely<DB> | undefined;
  commands?: readonly Command[];
  /** The shard entry point; shard-process.ts by default. */
  file?: string;
  /** Node flags for shard processes; they run TypeScript through tsx like `npm start`. */
  execArgv?: string[];
  /** Between two shards starting: Discord lets a bot identify once every 5 seconds. */
  spawnDelayMs?: number;
  /** How long a shard may take to connect. */
  readyTimeoutMs?: number;
}

/**
 * Discord with discord.js's ShardingManager, for bots in 2,500 guilds or more (Discord's limit per gateway
 * connection). This process keeps the core, the database and scheduled posting (over REST); each shard
 * process holds one gateway connection and hands its interactions here over IPC.
 */
export class DiscordShardedAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  private manager: ShardingManager | undefined;
  private readonly poster: DiscordPoster;
  deployment: Deployment | undefined;

  constructor(private readonly options: ShardingOptions) {
    this.poster = new DiscordPoster(createRest(options.config), { db: options.db, log: options.log });
  }

  get shardingManager(): ShardingManager | undefined {
    return this.manager;
  }

  async start(handlers: AdapterHandlers): Promise<void> {
    const { config, log } = this.options;
    const token = config.DISCORD_TOKEN;
    if (!token) throw new Error('DISCORD_TOKEN is not set');
    await this.register();
    const manager = new ShardingManager(
      this.options.file ?? fileURLToPath(new URL('./shard-process.ts', import.meta.url)),
      {
        totalShards: config.DISCORD_SHARDS,
        token,
        mode: 'process',
        respawn: true,
        execArgv: this.options.execArgv ?? ['--import', 'tsx'],
      },
    );
    this.manager = manager;
    const shardConfig: ShardConfig = {
      DISCORD_TOKEN: token,
      DISCORD_APPLICATION_ID: config.DISCORD_APPLICATION_ID,
      DISCORD_GUILD_ID: config.DISCORD_GUILD_ID,
      DISCORD_API_URL: config.DISCORD_API_URL,
      DISCORD_ORGANIZER_ROLE: config.DISCORD_ORGANIZER_ROLE,
      LOG_LEVEL: config.LOG_LEVEL,
    };
    manager.on('shardCreate', (shard) => {
      shard.on('message', (raw: unknown) => void this.onShardMessage(shard, raw, handlers, shardConfig));
      shard.on('death', () => log.warn({ shard: shard.id }, 'discord shard process exited; it is restarted'));
    });
    await manager.spawn({
      amount: config.DISCORD_SHARDS,
      delay: this.options.spawnDelayMs ?? 5_500,
      timeout: this.options.readyTimeoutMs ?? 60_000,
    });
    log.info({ shards: config.DISCORD_SHARDS }, 'discord shards running');
  }

  /** Commands are registered once here, not by every shard. */
  private async register() {
    const { config, log } = this.options;
    try {
      const rest = createRest(config);
      const appId = await applicationId(rest, config.DISCORD_APPLICATION_ID);
      this.deployment = await deployCommands(rest, appId, config.DISCORD_GUILD_ID, this.options.commands ?? registry);
      log.info({ scope: this.deployment.scope }, 'discord commands registered');
    } catch (err) {
      log.error({ err }, 'discord command registration failed');
    }
  }

  private async onShardMessage(shard: Shard, raw: unknown, handlers: AdapterHandlers, config: ShardConfig) {
    // discord.js's own messages (_ready, _eval…) share the channel.
    if (typeof raw !== 'object' || raw === null || !('br' in raw)) return;
    const parsed = fromShard.safeParse(raw);
    if (!parsed.success) {
      this.options.log.warn({ shard: shard.id, issues: parsed.error.issues }, 'invalid message from a discord shard');
      return;
    }
    const message = parsed.data;
    const answer = (to: ToShard) =>
      shard.send(to).catch((err: unknown) => this.options.log.warn({ err, shard: shard.id }, 'shard unreachable'));
    try {
      switch (message.br) {
        case 'hello':
          return await answer({ br: 'config', config });
        case 'handle':
          return await answer({
            br: 'handled',
            id: message.id,
            message: toWire(await handlers.handle(message.invocation)),
          });
        case 'form':
          return await answer({ br: 'form', id: message.id, form: handlers.formFor(message.request) });
      }
    } catch (err) {
      // The bot's handle() is the error boundary and should not throw; if it does, the shard still answers.
      this.options.log.error({ err, shard: shard.id }, 'the core failed on a sharded discord interaction');
      if (message.br === 'handle')
        await answer({ br: 'handled', id: message.id, message: toWire(reply([text(APOLOGY)])) });
    }
  }

  post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt> {
    return this.poster.post(channelId, message, idempotencyKey);
  }

  findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null> {
    return this.poster.findPost(channelId, idempotencyKey);
  }

  /** Stops every shard process (each closes its gateway connection on SIGTERM) and waits for them to exit. */
  async stop(): Promise<void> {
    const shards = [...(this.manager?.shards.values() ?? [])];
    this.manager = undefined;
    await Promise.all(
      shards.map(async (shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return;
        const exited = once(child, 'exit');
        shard.kill();
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000).unref())]);
      }),
    );
  }
}
