import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from 'pino';
import { APOLOGY } from '../../core/bot';
import type { Command } from '../../core/command';
import { type Action, type Form, formTokens, type Message, reply, text } from '../../core/message';
import type { Invocation } from '../../core/types';
import { decodeComponent } from './custom-id';
import { argsFromOptions } from './definitions';
import {
  answersByName,
  continuePayload,
  decodeAnswers,
  errorsPayload,
  type FormStep,
  initialAnswers,
  nextPage,
  readModal,
  renderModal,
} from './form';
import { channelKey, userKey, workspaceKey } from './ids';
import { displayName, isDiscordOrganizer } from './member';
import { type DiscordPayload, renderMessage } from './render';

/** The core as the Discord adapter uses it; `formFor` may answer later when the core is in another process. */
export interface DiscordHandlers {
  handle(invocation: Invocation): Promise<Message>;
  formFor(request: Pick<Invocation, 'command' | 'args'>): Form | null | Promise<Form | null>;
}

export interface InteractionDeps {
  handlers: DiscordHandlers;
  commands: readonly Command[];
  log: Logger;
  organizerRole: string | undefined;
  /** How long the core may take before the interaction is deferred (Discord allows 3 s, network included). */
  deferAfterMs: number;
}

/** What to show: one or more Discord messages, privately or in the channel. */
interface Reply {
  visibility: Message['visibility'];
  payloads: DiscordPayload[];
}

type GuildInteraction = RepliableInteraction<'cached' | 'raw'>;
/** Acknowledge with a new message, or by changing the message the button or form was on. */
type Mode = 'reply' | 'update';

const STALE = 'This button or form is out of date. Please run the command again.';
const GUILD_ONLY = "Bar Raiser works in server channels: use it in your study group's channel.";

const note = (t: string): Reply => ({ visibility: 'private', payloads: renderMessage(reply([text(t)])) });

function toOptions(p: DiscordPayload): BaseMessageOptions {
  return {
    embeds: p.embeds,
    components: p.components,
    files: p.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    // Replies show member names as mentions; none of them should ping anyone.
    allowedMentions: { parse: [] },
  };
}

function invocationOf(i: GuildInteraction, action: Action, deps: InteractionDeps): Invocation {
  const channel = i.channel;
  return {
    platform: 'discord',
    workspaceId: workspaceKey(i.guildId),
    channelId: channelKey(i.guildId, i.channelId ?? ''),
    ...(channel && 'name' in channel && channel.name ? { channelName: channel.name } : {}),
    userId: userKey(i.user.id),
    userName: displayName(i),
    isPlatformAdmin: isDiscordOrganizer(i, deps.organizerRole),
    command: action.command,
    args: action.args,
  };
}

/** Runs an action in the core and renders the answer; a refused form submission becomes the form's error view. */
async function run(
  i: GuildInteraction,
  action: Action,
  deps: InteractionDeps,
  form?: { form: Form; opener: Action; answers: FormStep['answers'] },
): Promise<Reply> {
  const message = await deps.handlers.handle(invocationOf(i, action, deps));
  if (form && message.formErrors && Object.keys(message.formErrors).length > 0) {
    return {
      visibility: 'private',
      payloads: [errorsPayload(form.form, form.opener, form.answers, message.formErrors)],
    };
  }
  return { visibility: message.visibility, payloads: renderMessage(message) };
}

/** Whether the acknowledgement can change the message the interaction came from (a form's message). */
function canUpdate(i: GuildInteraction): boolean {
  return i.isButton() || (i.isModalSubmit() && i.isFromMessage());
}

async function update(i: GuildInteraction, options: BaseMessageOptions, deferred: boolean): Promise<void> {
  if (deferred) await i.editReply(options);
  else if (i.isButton()) await i.update(options);
  else if (i.isModalSubmit() && i.isFromMessage()) await i.update(options);
  else await i.reply({ ...options, flags: MessageFlags.Ephemeral });
}

/** Sends the answer where the acknowledgement went, or into follow-ups when that was private and the answer is not. */
async function deliver(i: GuildInteraction, mode: Mode, answer: Reply, deferred: boolean): Promise<void> {
  const priv = answer.visibility === 'private';
  const flags = priv ? { flags: MessageFlags.Ephemeral as const } : {};
  const [first, ...rest] = answer.payloads;
  if (!first) return;
  if (!priv && (deferred || mode === 'update')) {
    // A private acknowledgement cannot become public: the answer follows it, for the channel to see.
    if (mode === 'update')
      await update(i, toOptions(note('Posted in the channel.').payloads[0] as DiscordPayload), deferred);
    for (const p of answer.payloads) await i.followUp(toOptions(p));
    if (mode === 'reply') await i.deleteReply();
    return;
  }
  if (mode === 'update') await update(i, toOptions(first), deferred);
  else if (deferred) await i.editReply(toOptions(first));
  else await i.reply({ ...toOptions(first), ...flags });
  for (const p of rest) await i.followUp({ ...toOptions(p), ...flags });
}

/**
 * Answers within Discord's 3 seconds: directly when the core is quick, otherwise deferred first (privately:
 * most answers are) and completed when the core is done.
 */
async function answer(i: GuildInteraction, mode: Mode, produce: () => Promise<Reply>, deps: InteractionDeps) {
  const pending = produce().catch((err: unknown): Reply => {
    deps.log.error({ err, interaction: describe(i) }, 'the core failed on a discord interaction');
    return note(APOLOGY);
  });
  const timer = new AbortController();
  const early = await Promise.race([
    pending,
    sleep(deps.deferAfterMs, null, { signal: timer.signal }).catch(() => null),
  ]);
  timer.abort();
  if (early) return deliver(i, mode, early, false);
  const how: Mode = mode === 'update' && canUpdate(i) ? 'update' : 'reply';
  if (how === 'update' && (i.isButton() || i.isModalSubmit())) await i.deferUpdate();
  else await i.deferReply({ flags: MessageFlags.Ephemeral });
  return deliver(i, how, await pending, true);
}

async function openForm(i: GuildInteraction, form: Form, step: FormStep, deps: InteractionDeps) {
  const modal = renderModal(form, step);
  if (!modal) {
    deps.log.error({ form: form.title, opener: step.opener }, 'form does not fit a Discord modal custom_id');
    return deliver(
      i,
      'reply',
      note(`This form is too large for Discord. Use \`/help ${step.opener.command}\` to answer it by command.`),
      false,
    );
  }
  if (i.isChatInputCommand() || i.isButton()) await i.showModal(modal);
}

async function onCommand(i: GuildInteraction & ChatInputCommandInteraction, deps: InteractionDeps) {
  const request: Action = {
    command: i.commandName,
    args: argsFromOptions(deps.commands, i.commandName, i.options.data),
  };
  const form = await deps.handlers.formFor(request);
  if (form)
    return openForm(i, form, { opener: request, answers: initialAnswers(form), page: 0, fix: false, wrong: 0 }, deps);
  return answer(i, 'reply', () => run(i, request, deps), deps);
}

async function onButton(i: GuildInteraction & ButtonInteraction, deps: InteractionDeps) {
  const ref = decodeComponent(i.customId);
  if (ref?.kind === 'action') return answer(i, 'reply', () => run(i, ref.action, deps), deps);
  if (ref?.kind !== 'form' || ref.modal) return deliver(i, 'reply', note(STALE), false);
  const form = await deps.handlers.formFor(ref.opener);
  const answers = form && decodeAnswers(form, ref.state);
  if (!form || !answers) return deliver(i, 'reply', note(STALE), false);
  return openForm(i, form, { opener: ref.opener, answers, page: ref.page, fix: ref.fix, wrong: ref.wrong }, deps);
}

async function onModal(i: GuildInteraction & ModalSubmitInteraction, deps: InteractionDeps) {
  const mode: Mode = i.isFromMessage() ? 'update' : 'reply';
  const ref = decodeComponent(i.customId);
  if (ref?.kind !== 'form' || !ref.modal) return deliver(i, 'reply', note(STALE), false);
  const form = await deps.handlers.formFor(ref.opener);
  const carried = form && decodeAnswers(form, ref.state);
  if (!form || !carried) return deliver(i, 'reply', note(STALE), false);
  const step: FormStep = { opener: ref.opener, answers: carried, page: ref.page, fix: ref.fix, wrong: ref.wrong };
  const answers = readModal(form, step, i.components);
  if (!answers) {
    deps.log.warn({ interaction: describe(i) }, 'a modal submission did not match its form');
    return deliver(i, 'reply', note('That form did not match what was asked. Please run the command again.'), false);
  }
  const next = nextPage(form, { ...step, answers });
  if (next !== null) {
    const payload = continuePayload(form, { ...step, answers, page: next });
    return deliver(i, mode, { visibility: 'private', payloads: [payload] }, false);
  }
  const submit: Action = {
    command: form.submit.command,
    args: [...form.submit.args, ...formTokens(form, answersByName(form, answers))],
  };
  return answer(i, mode, () => run(i, submit, deps, { form, opener: ref.opener, answers }), deps);
}

/** What a log line needs to find an interaction again. */
function describe(i: Interaction) {
  return {
    id: i.id,
    type: i.type,
    guild: i.guildId,
    channel: i.channelId,
    user: i.user.id,
    ...(i.isChatInputCommand() ? { command: i.commandName } : {}),
    ...(i.isButton() || i.isModalSubmit() ? { customId: i.customId } : {}),
  };
}

/** Handles one interaction end to end; never throws (a failure is logged, and the member is told). */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  if (!i.isRepliable()) return;
  try {
    if (!i.inGuild() || !i.channelId) return await deliver(i as GuildInteraction, 'reply', note(GUILD_ONLY), false);
    if (i.isChatInputCommand()) return await onCommand(i, deps);
    if (i.isButton()) return await onButton(i, deps);
    if (i.isModalSubmit()) return await onModal(i, deps);
    return await deliver(i, 'reply', note(STALE), false);
  } catch (err) {
    deps.log.error({ err, interaction: describe(i) }, 'discord interaction failed');
    if (!i.replied && !i.deferred) {
      await i.reply({ content: APOLOGY, flags: MessageFlags.Ephemeral }).catch(() => undefined);
    }
  }
}
