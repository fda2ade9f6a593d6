import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  ErrorCode,
  type InstallationStore,
  type SlashCommand,
  type ViewResponseAction,
  type ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import type { Logger } from 'pino';
import { type Config, ConfigError } from '../../config';
import { APOLOGY } from '../../core/bot';
import { type Action, type Form, formTokens, type Message, reply, text } from '../../core/message';
import type { Invocation } from '../../core/types';
import { type AdapterHandlers, type ChatAdapter, DeliveryError, type PostReceipt } from '../adapter';
import type { AdapterDeps } from '../index';
import { decodeAction } from './actions';
import { commandArgs } from './args';
import { postRetryConfig, type SlackDelivery, slackDelivery } from './delivery';
import { channelId, parseScopedId, userId, workspaceId } from './ids';
import { uploadImage } from './images';
import { postgresInstallationStore } from './installation-store';
import { boltLogger } from './log';
import { BOT_SCOPES } from './manifest';
import { type MemberDirectory, memberDirectory } from './members';
import { decodeMeta, errorsByBlock, FORM_CALLBACK, type FormMeta, formView, messageView, readAnswers } from './modal';
import { GuardedHTTPReceiver } from './receiver';
import { renderMessage, type SlackMessage } from './render';
import { requestGuard } from './verify';

/** Who did something, where: the Slack ids every invocation is built from. */
interface Actor {
  team: string;
  channel: string;
  channelName?: string | undefined;
  user: string;
  userName: string;
}

export interface SlackAdapterOptions {
  /** The HTTP port; defaults to PORT (tests pass 0 for a free one). */
  port?: number;
  /**
   * How long a command may run before it is acknowledged empty and answered through response_url.
   * Slack allows 3 s for the round trip, network included.
   */
  ackBudgetMs?: number;
}

/** Retries for interactive calls (views.open, users.info): brief, since a member is waiting. */
const INTERACTIVE_RETRY = { retries: 2, factor: 2, minTimeout: 100, maxTimeout: 1_000 };
const SLACK_API = 'https://slack.com/api/';

/** Resolves with the value if `p` settles within `ms`, else with undefined (p keeps running). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const responseType = (m: Message) => (m.visibility === 'channel' ? 'in_channel' : 'ephemeral');

/** The Slack adapter: Bolt over HTTP (Events API) or Socket Mode, one token or OAuth installs. */
export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  private app: App | undefined;
  private server: Server | undefined;
  private readonly log: Logger;
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly directory: MemberDirectory;
  private readonly delivery: SlackDelivery;
  private readonly installationStore: InstallationStore | undefined;
  private readonly postingClients = new Map<string, webApi.WebClient>();
  private readonly apiUrl: string;
  private readonly ackBudgetMs: number;

  constructor(
    private readonly config: Config,
    deps: AdapterDeps,
    private readonly options: SlackAdapterOptions = {},
  ) {
    this.log = deps.log.child({ adapter: 'slack' });
    this.apiUrl = config.SLACK_API_URL ?? SLACK_API;
    this.ackBudgetMs = options.ackBudgetMs ?? 1_500;
    const problems = SlackAdapter.problems(config);
    if (problems.length) throw new ConfigError(problems);
    if (this.oauth && config.SLACK_BOT_TOKEN)
      this.log.warn('SLACK_CLIENT_ID is set: workspaces install through OAuth and SLACK_BOT_TOKEN is not used');
    this.installationStore = this.oauth ? postgresInstallationStore(deps.db) : undefined;
    this.directory = memberDirectory(this.log);
    this.delivery = slackDelivery({
      db: deps.db,
      log: this.log,
      clientFor: (team) => this.postingClient(team),
      uploadImage: (client, image) => uploadImage(client, image, this.log),
    });
  }

  /** What is missing or contradictory in the Slack settings; empty when the adapter can start. */
  static problems(config: Config): string[] {
    const problems: string[] = [];
    const oauth = [config.SLACK_CLIENT_ID, config.SLACK_CLIENT_SECRET, config.SLACK_STATE_SECRET];
    if (oauth.some(Boolean) && !oauth.every(Boolean))
      problems.push('Slack OAuth needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET');
    else if (!oauth[0] && !config.SLACK_BOT_TOKEN)
      problems.push('Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SECRET/STATE_SECRET (OAuth)');
    if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET)
      problems.push('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    return problems;
  }

  private get oauth(): boolean {
    return Boolean(this.config.SLACK_CLIENT_ID);
  }

  get mode(): 'http' | 'socket' {
    return this.config.SLACK_APP_TOKEN ? 'socket' : 'http';
  }

  /** The HTTP listener's address once started in HTTP mode. */
  address(): AddressInfo | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address : null;
  }

  private secrets(): string[] {
    const c = this.config;
    return [c.SLACK_BOT_TOKEN, c.SLACK_SIGNING_SECRET, c.SLACK_APP_TOKEN, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET]
      .filter((s): s is string => Boolean(s))
      .sort((a, b) => b.length - a.length);
  }

  private buildApp(): App {
    const c = this.config;
    const logger = boltLogger(this.log, this.secrets());
    const clientOptions = { slackApiUrl: this.apiUrl, retryConfig: INTERACTIVE_RETRY, timeout: 10_000 };
    const installerOptions = {
      clientOptions,
      ...(c.SLACK_APP_TOKEN ? { port: this.options.port ?? c.PORT } : {}),
      callbackOptions: {
        success: (_i: unknown, _o: unknown, _req: unknown, res: ServerResponse) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            '<html><body><h1>Bar Raiser is installed.</h1><p>Run /studygroup setup in a channel.</p></body></html>',
          );
        },
        failure: (err: Error, _o: unknown, _req: unknown, res: ServerResponse) => {
          this.log.warn({ err: err.message }, 'Slack OAuth install failed');
          res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
          res.end(
            '<html><body><h1>Installation failed.</h1><p>Please start again from the install page.</p></body></html>',
          );
        },
      },
    };
    const auth = this.oauth
      ? {
          clientId: c.SLACK_CLIENT_ID,
          clientSecret: c.SLACK_CLIENT_SECRET,
          stateSecret: c.SLACK_STATE_SECRET,
          installationStore: this.installationStore,
          scopes: [...BOT_SCOPES],
          installerOptions,
        }
      : {};
    const base = {
      logger,
      clientOptions,
      convoStore: false as const,
      extendedErrorHandler: true,
      // Bolt would otherwise start auth.test in the constructor, unawaited: start() awaits init() instead,
      // so a failure is reported there, never as a stray rejection.
      deferInitialization: true,
      ...(this.oauth ? {} : { token: c.SLACK_BOT_TOKEN }),
    };
    if (c.SLACK_APP_TOKEN) {
      return new App({ ...base, ...auth, socketMode: true, appToken: c.SLACK_APP_TOKEN, installerOptions });
    }
    const receiver = new GuardedHTTPReceiver({
      signingSecret: c.SLACK_SIGNING_SECRET ?? '',
      logger,
      guard: requestGuard(c.SLACK_SIGNING_SECRET ?? ''),
      log: this.log,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end('ok');
          },
        },
      ],
      ...auth,
    });
    return new App({ ...base, receiver });
  }

  async start(handlers: AdapterHandlers): Promise<void> {
    const app = this.buildApp();
    await app.init();
    this.app = app;
    this.listen(app, handlers);
    app.error(async ({ error, body }: { error: Error & { code?: string }; body: unknown }) => {
      const responseUrl = (body as { response_url?: unknown } | undefined)?.response_url;
      if (error.code === ErrorCode.AuthorizationError) {
        // Bolt has acknowledged silently; the member is told why nothing happened.
        const team = (body as { team_id?: unknown } | undefined)?.team_id;
        this.log.warn({ team }, 'request from a Slack workspace without an installation');
        if (typeof responseUrl === 'string')
          await this.say(
            this.responder(responseUrl),
            'Bar Raiser is not installed in this workspace (any more). Ask an admin to install it again.',
          );
        return;
      }
      this.log.error({ err: error.message, code: error.code }, 'Slack listener failed');
    });
    if (this.mode === 'socket') {
      await app.start();
      this.log.info('Slack adapter connected (Socket Mode)');
      return;
    }
    const port = this.options.port ?? this.config.PORT;
    this.server = (await app.start({ port, host: this.config.HOST })) as Server;
    this.log.info({ port: this.address()?.port, host: this.config.HOST }, 'Slack adapter listening on /slack/events');
  }

  /** Runs work after the acknowledgement, counted so stop() lets it finish: nothing acknowledged is lost. */
  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const forget = () => this.inflight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves when every request taken so far has been answered. */
  async whenIdle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private listen(app: App, handlers: AdapterHandlers) {
    app.command(/^\/[\w-]+$/, (args) =>
      this.track(this.onCommand(handlers, args.command, args.ack, args.respond, args.client)),
    );
    app.action({ type: 'block_actions', action_id: /^br:/ }, (args) =>
      this.track(this.onButton(handlers, args.body as BlockAction, args.ack, args.respond, args.client)),
    );
    app.view({ callback_id: FORM_CALLBACK, type: 'view_submission' }, (args) =>
      this.track(
        this.onSubmit(
          handlers,
          args.body as ViewSubmitAction,
          args.ack as (r?: ViewResponseAction) => Promise<void>,
          args.client,
        ),
      ),
    );
    app.event('app_uninstalled', async ({ body }) => this.forget(body.team_id, 'app_uninstalled'));
    app.event('tokens_revoked', async ({ body }) => this.forget(body.team_id, 'tokens_revoked'));
  }

  private async forget(team: string | undefined, why: string) {
    this.log.warn({ team, why }, 'Slack workspace removed the bot');
    if (team && this.installationStore?.deleteInstallation)
      await this.installationStore.deleteInstallation({
        teamId: team,
        isEnterpriseInstall: false,
        enterpriseId: undefined,
      });
  }

  /** Asks the core, with the member's admin flag and display name from users.info (cached). */
  private async ask(
    handlers: AdapterHandlers,
    client: webApi.WebClient,
    actor: Actor,
    action: Action,
  ): Promise<Message> {
    try {
      const info = await this.directory.lookup(client, actor.team, actor.user, actor.userName);
      const invocation: Invocation = {
        platform: 'slack',
        workspaceId: workspaceId(actor.team),
        channelId: channelId(actor.team, actor.channel),
        ...(actor.channelName ? { channelName: actor.channelName } : {}),
        userId: userId(actor.team, actor.user),
        userName: info.displayName,
        isPlatformAdmin: info.isAdmin,
        command: action.command,
        args: action.args,
      };
      return await handlers.handle(invocation);
    } catch (err) {
      this.log.error({ err, command: action.command }, 'Slack request failed');
      return reply([text(APOLOGY)]);
    }
  }

  /** A message as Slack messages, its image uploaded first so every part can refer to it. */
  private async prepare(client: webApi.WebClient, message: Message): Promise<SlackMessage[]> {
    const imageFileId = message.image ? await uploadImage(client, message.image, this.log) : undefined;
    return renderMessage(message, imageFileId ? { imageFileId } : {});
  }

  private async respondAll(
    respond: ((m: Record<string, unknown>) => Promise<unknown>) | undefined,
    message: Message,
    parts: SlackMessage[],
    extra: Record<string, unknown> = {},
  ) {
    if (!respond) return;
    for (const part of parts) {
      try {
        await respond({ response_type: responseType(message), ...extra, ...part });
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'response_url refused the answer');
        return;
      }
    }
  }

  /** A short private notice (no Block Kit): the form did not open, a button is stale, not installed. */
  private async say(respond: ((m: Record<string, unknown>) => Promise<unknown>) | undefined, words: string) {
    await respond?.({ response_type: 'ephemeral', replace_original: false, text: words }).catch((err: unknown) => {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'response_url refused a notice');
    });
  }

  /** Opens a form's modal; the trigger_id expires 3 s after the member acted, so nothing may come first. */
  private async openForm(client: webApi.WebClient, triggerId: string, form: Form, meta: FormMeta): Promise<boolean> {
    try {
      await client.views.open({ trigger_id: triggerId, view: formView(form, meta) });
      return true;
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'views.open failed');
      return false;
    }
  }

  private async onCommand(
    handlers: AdapterHandlers,
    command: SlashCommand,
    ack: (r?: string | Record<string, unknown>) => Promise<void>,
    respond: (m: Record<string, unknown>) => Promise<unknown>,
    client: webApi.WebClient,
  ) {
    const name = command.command.replace(/^\//, '').toLowerCase();
    const args = commandArgs(command.text ?? '', command.team_id);
    const form = handlers.formFor({ command: name, args });
    if (form) {
      const opening = this.openForm(client, command.trigger_id, form, {
        c: name,
        a: args,
        ch: channelId(command.team_id, command.channel_id),
        ...(command.channel_name ? { cn: command.channel_name.slice(0, 100) } : {}),
        r: command.response_url,
      });
      await ack();
      if (!(await opening)) await this.say(respond, `Slack did not open the form in time. Please run /${name} again.`);
      return;
    }
    const actor: Actor = {
      team: command.team_id,
      channel: command.channel_id,
      channelName: command.channel_name,
      user: command.user_id,
      userName: command.user_name,
    };
    const answer = this.ask(handlers, client, actor, { command: name, args }).then(async (message) => ({
      message,
      parts: await this.prepare(client, message),
    }));
    const quick = await within(answer, this.ackBudgetMs);
    if (quick) {
      const [first, ...rest] = quick.parts;
      await ack({ response_type: responseType(quick.message), ...first });
      await this.respondAll(respond, quick.message, rest);
      return;
    }
    // The core is slow (a busy database): acknowledge now, answer when it is ready.
    await ack();
    const late = await answer;
    await this.respondAll(respond, late.message, late.parts);
  }

  private async onButton(
    handlers: AdapterHandlers,
    body: BlockAction,
    ack: () => Promise<void>,
    respond: ((m: Record<string, unknown>) => Promise<unknown>) | undefined,
    client: webApi.WebClient,
  ) {
    const clicked = body.actions[0];
    const action = clicked && 'value' in clicked ? decodeAction(clicked.value) : null;
    const team = body.team?.id ?? body.user.team_id;
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (!action || !team || !channel) {
      await ack();
      this.log.warn({ team, channel }, 'a button click without a usable action or channel was ignored');
      await this.say(respond, 'This button no longer works; please use the command instead.');
      return;
    }
    const form = handlers.formFor(action);
    if (form) {
      const opening = this.openForm(client, body.trigger_id, form, {
        c: action.command,
        a: action.args,
        ch: channelId(team, channel),
        ...(body.channel?.name ? { cn: body.channel.name.slice(0, 100) } : {}),
        ...(body.response_url ? { r: body.response_url } : {}),
      });
      await ack();
      await opening;
      return;
    }
    // Buttons answer after the acknowledgement: a click has no reply body, only response_url.
    await ack();
    const actor: Actor = {
      team,
      channel,
      channelName: body.channel?.name,
      user: body.user.id,
      userName: body.user.username ?? body.user.name ?? body.user.id,
    };
    const message = await this.ask(handlers, client, actor, action);
    const parts = await this.prepare(client, message);
    if (respond) await this.respondAll(respond, message, parts, { replace_original: false });
    else
      for (const part of parts)
        await client.chat.postEphemeral({ channel, user: body.user.id, ...part }).catch((err: unknown) => {
          this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'chat.postEphemeral failed');
        });
  }

  private async onSubmit(
    handlers: AdapterHandlers,
    body: ViewSubmitAction,
    ack: (r?: ViewResponseAction) => Promise<void>,
    client: webApi.WebClient,
  ) {
    const view = body.view;
    const meta = decodeMeta(view.private_metadata);
    const form = meta ? handlers.formFor({ command: meta.c, args: meta.a }) : null;
    const where = meta ? parseScopedId(meta.ch) : null;
    if (!meta || !form || !where) {
      await ack({
        response_action: 'update',
        view: messageView('Out of date', reply([text('This form is out of date. Please run the command again.')])),
      });
      return;
    }
    const { answers, errors } = readAnswers(form, view.state.values);
    if (Object.keys(errors).length) {
      await ack({ response_action: 'errors', errors: errorsByBlock(form, errors) });
      return;
    }
    const actor: Actor = {
      team: where.team,
      channel: where.id,
      channelName: meta.cn,
      user: body.user.id,
      userName: body.user.name ?? body.user.id,
    };
    const answer = this.ask(handlers, client, actor, {
      command: form.submit.command,
      args: [...form.submit.args, ...formTokens(form, answers)],
    }).then(async (message) => {
      const imageFileId = message.image ? await uploadImage(client, message.image, this.log) : undefined;
      return { message, imageFileId };
    });
    const resultView = (m: Message, imageFileId: string | undefined) =>
      messageView(form.title, m, imageFileId ? { imageFileId } : {});
    const quick = await within(answer, this.ackBudgetMs);
    if (quick) {
      if (quick.message.formErrors) {
        // Slack keeps what the member entered and shows each error under its field.
        await ack({ response_action: 'errors', errors: errorsByBlock(form, quick.message.formErrors) });
        return;
      }
      await ack({ response_action: 'update', view: resultView(quick.message, quick.imageFileId) });
      await this.copyToChannel(meta, quick.message, quick.imageFileId);
      return;
    }
    await ack({ response_action: 'update', view: messageView(form.title, reply([text('Saving your answers…')])) });
    const late = await answer;
    const next = late.message.formErrors
      ? formView(form, meta, { answers, errors: late.message.formErrors })
      : resultView(late.message, late.imageFileId);
    await client.views.update({ view_id: view.id, view: next }).catch((err: unknown) => {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'views.update failed');
    });
    if (!late.message.formErrors) await this.copyToChannel(meta, late.message, late.imageFileId);
  }

  /** A private copy of a form's answer in the channel, so it stays after the modal closes. */
  private async copyToChannel(meta: FormMeta, message: Message, imageFileId: string | undefined) {
    if (!meta.r) return;
    const url = meta.r;
    const parts = renderMessage(message, imageFileId ? { imageFileId } : {});
    await this.respondAll(this.responder(url), { ...message, visibility: 'private' }, parts, {
      replace_original: false,
    });
  }

  /** Answers through a response_url Slack sent with a verified request (outside Bolt's listener arguments). */
  private responder(url: string) {
    return async (payload: Record<string, unknown>) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    };
  }

  private postingClient(team: string): Promise<webApi.WebClient> {
    return this.tokenFor(team).then((token) => {
      let client = this.postingClients.get(token);
      if (!client) {
        client = new webApi.WebClient(token, {
          slackApiUrl: this.apiUrl,
          retryConfig: postRetryConfig,
          timeout: 20_000,
          logger: boltLogger(this.log, this.secrets()),
        });
        this.postingClients.set(token, client);
      }
      return client;
    });
  }

  private async tokenFor(team: string): Promise<string> {
    if (!this.installationStore) return this.config.SLACK_BOT_TOKEN ?? '';
    try {
      const installation = await this.installationStore.fetchInstallation({
        teamId: team,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const token = installation.bot?.token;
      if (token) return token;
    } catch {
      // not installed: said below
    }
    throw new DeliveryError(
      `Bar Raiser is not installed in this Slack workspace (${team}) any more. Reinstall it from /slack/install.`,
      true,
    );
  }

  post(channel: string, message: Message, idempotencyKey: string): Promise<PostReceipt> {
    return this.delivery.post(channel, message, idempotencyKey);
  }

  findPost(channel: string, idempotencyKey: string): Promise<PostReceipt | null> {
    return this.delivery.findPost(channel, idempotencyKey);
  }

  async stop(): Promise<void> {
    await this.whenIdle();
    if (this.app) await this.app.stop().catch(() => {});
    this.app = undefined;
    this.server = undefined;
  }
}
