import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events, GatewayIntentBits, Options, REST, type RESTOptions } from 'discord.js';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { Command } from '../../core/command';
import { commands as registry } from '../../core/commands/index';
import type { Message } from '../../core/message';
import type { DB } from '../../db/schema';
import type { ChatAdapter, PostReceipt } from '../adapter';
import { type Deployment, deployCommands } from './deploy';
import { type DiscordHandlers, handleInteraction } from './interactions';
import { DiscordPoster } from './poster';

/** The settings the Discord adapter reads (from the typed Config, or handed to a shard process). */
export type DiscordConfig = Partial<
  Pick<
    Config,
    'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_GUILD_ID' | 'DISCORD_API_URL' | 'DISCORD_ORGANIZER_ROLE'
  >
>;

/** REST options for every REST instance and Client: DISCORD_API_URL, when set, replaces https://discord.com/api. */
export function restOptions(config: DiscordConfig): Partial<RESTOptions> {
  return config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {};
}

export function createRest(config: DiscordConfig): REST {
  if (!config.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is not set');
  return new REST(restOptions(config)).setToken(config.DISCORD_TOKEN);
}

export interface DiscordAdapterOptions {
  config: DiscordConfig;
  log: Logger;
  /** For recording delivery problems on the group; without it they are only reported to the caller. */
  db?: Kysely<DB> | undefined;
  /** The registry the slash commands are generated from (the core's, unless a test brings its own). */
  commands?: readonly Command[];
  /** Register the slash commands once ready (shard processes leave it to their parent). Default true. */
  registerCommands?: boolean;
  /** How long the core may take before an interaction is deferred. Default 1.5 s of Discord's 3. */
  deferAfterMs?: number;
  /** How long stop() waits for interactions still being answered. Default 10 s. */
  drainMs?: number;
}

/**
 * The Discord adapter: a discord.js gateway client (the Guilds intent only, nothing privileged) that turns
 * slash commands, buttons and modals into invocations of the core, and posts scheduled messages over REST.
 */
export class DiscordAdapter implements ChatAdapter {
  readonly platform = 'discord' as const;
  private client: Client | undefined;
  private readonly poster: DiscordPoster;
  private readonly inflight = new Set<Promise<void>>();
  private readonly commands: readonly Command[];
  /** What the last registration answered, or undefined before it ran. */
  deployment: Deployment | undefined;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.commands = options.commands ?? registry;
    this.poster = new DiscordPoster(createRest(options.config), {
      db: options.db,
      log: options.log,
      botUserId: () => this.client?.user?.id,
    });
  }

  /** The gateway client while the adapter runs. */
  get discordClient(): Client | undefined {
    return this.client;
  }

  async start(handlers: DiscordHandlers): Promise<void> {
    const { config, log } = this.options;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: restOptions(config),
      // Interactions bring the message they came from; nothing needs keeping messages around.
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    });
    this.client = client;
    const deps = {
      handlers,
      commands: this.commands,
      log,
      organizerRole: config.DISCORD_ORGANIZER_ROLE,
      deferAfterMs: this.options.deferAfterMs ?? 1_500,
    };
    client.on(Events.InteractionCreate, (interaction) => this.track(handleInteraction(interaction, deps)));
    client.on(Events.ShardReconnecting, (shard) => log.warn({ shard }, 'discord gateway reconnecting'));
    client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord gateway resumed'));
    client.on(Events.ShardDisconnect, (event, shard) =>
      log.error({ shard, code: event.code }, 'discord gateway closed and will not reconnect'),
    );
    client.on(Events.ShardError, (err, shard) => log.warn({ err, shard }, 'discord gateway error'));
    client.on(Events.Warn, (message) => log.warn({ message }, 'discord.js warning'));

    const ready = once(client, Events.ClientReady);
    try {
      await client.login(config.DISCORD_TOKEN);
    } catch (err) {
      this.client = undefined;
      await client.destroy();
      const invalid = err instanceof Error && 'code' in err && err.code === 'TokenInvalid';
      throw new Error(
        invalid
          ? 'Discord rejected DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot > Reset Token)'
          : `Could not connect to Discord: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
    await ready;
    log.info(
      {
        user: client.user?.tag,
        application: client.application?.id,
        guilds: client.guilds.cache.size,
        shards: [...client.ws.shards.keys()],
      },
      'discord ready',
    );
    if (this.options.registerCommands !== false) await this.register(client);
  }

  private async register(client: Client): Promise<void> {
    const { config, log } = this.options;
    const appId = config.DISCORD_APPLICATION_ID ?? client.application?.id;
    if (!appId) {
      log.error('discord application id unknown: set DISCORD_APPLICATION_ID to register commands');
      return;
    }
    try {
      this.deployment = await deployCommands(client.rest, appId, config.DISCORD_GUILD_ID, this.commands);
      log.info(
        { scope: this.deployment.scope, commands: this.deployment.commands.map((c) => c.name) },
        'discord commands registered',
      );
    } catch (err) {
      // The bot still answers with the commands registered before; organizers see the error in the log.
      log.error({ err, guild: config.DISCORD_GUILD_ID }, 'discord command registration failed');
    }
  }

  private track(work: Promise<void>) {
    this.inflight.add(work);
    void work.finally(() => this.inflight.delete(work));
  }

  /** Resolves when every interaction received so far has been answered. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt> {
    return this.poster.post(channelId, message, idempotencyKey);
  }

  findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null> {
    return this.poster.findPost(channelId, idempotencyKey);
  }

  /** Answers what is in flight (for a while), then closes the gateway connection. */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    const drain = new AbortController();
    await Promise.race([
      this.idle(),
      sleep(this.options.drainMs ?? 10_000, undefined, { signal: drain.signal }).catch(() => undefined),
    ]);
    drain.abort();
    await client?.destroy();
  }
}
