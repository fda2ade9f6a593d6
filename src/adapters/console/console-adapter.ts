import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type MovableClock, parseDuration } from '../../core/clock';
import { tokenize } from '../../core/command';
import { type Form, type FormField, formTokens, type Message } from '../../core/message';
import type { Invocation } from '../../core/types';
import { type AdapterHandlers, type ChatAdapter, DeliveryError, type PostReceipt } from '../adapter';
import { colour, plain, renderMessage, type Style } from './render';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  clock: MovableClock;
  user?: string;
  channel?: string;
  /** Colour output; defaults to whether the output is a colour terminal. */
  colour?: boolean;
  /** Where images (charts) are saved so a terminal user can open them; unset keeps them unsaved. */
  imageDir?: string;
  /** Called after `:advance` moves the clock, so posts that fell due appear (the scheduler hooks in). */
  onAdvance?: (from: Date, to: Date) => Promise<void>;
}

const META_HELP = [
  ':as NAME        act as another member (e.g. :as bob)',
  ':channel NAME   switch to another study group (channel)',
  ':advance 1d     move the clock forward (units: m, h, d, w)',
  ':click N        press button N of the last message',
  ':now            show the simulated time',
  ':help           this list; /help lists the bot commands',
  ':quit           leave (Ctrl-D works too)',
].join('\n');

const WORKSPACE = 'console:local';

/**
 * The console adapter: a real chat adapter over readline, for trying the bot offline. Several users and
 * channels are simulated by switching; scheduled posts print as channel messages.
 */
export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private user: string;
  private channel: string;
  private readonly style: Style;
  /** The most recent message with buttons, for `:click N`. */
  private lastButtons: Message['buttons'];
  private rl: readline.Interface | undefined;
  private postCount = 0;
  private readonly posts = new Map<string, PostReceipt>();
  /** A form being filled in, one field per line. */
  private pending: { form: Form; index: number; answers: Record<string, string | string[]> } | undefined;
  /** Resolves when the input ends or `:quit` is typed. */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleOptions) {
    this.user = options.user ?? 'you';
    this.channel = options.channel ?? 'study';
    const isTty = (options.output as { isTTY?: boolean }).isTTY === true;
    this.style = (options.colour ?? (isTty && !process.env.NO_COLOR)) ? colour : plain;
  }

  /** Saves a message's image, if any, and returns its path. */
  private async saveImage(message: Message): Promise<string | undefined> {
    const dir = this.options.imageDir;
    if (!message.image || !dir) return undefined;
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${Date.now()}-${message.image.filename.replace(/[^\w.-]/g, '_')}`);
    await writeFile(file, message.image.png);
    return file;
  }

  private write(text: string) {
    this.options.output.write(`${text}\n`);
  }

  private prompt() {
    this.rl?.setPrompt(`${this.user}@#${this.channel}> `);
    this.rl?.prompt();
  }

  async start(handlers: AdapterHandlers): Promise<void> {
    const terminal = (this.options.input as { isTTY?: boolean }).isTTY === true;
    const rl = readline.createInterface({
      input: this.options.input,
      output: this.options.output,
      terminal,
      historySize: 500,
    });
    this.rl = rl;
    this.write(
      `Bar Raiser console. You are ${this.user} in #${this.channel}. Type /help for commands, :help for console switches.`,
    );
    this.prompt();
    this.done = (async () => {
      // Lines are handled one at a time, in order, even when pasted or piped in at once.
      for await (const line of rl) {
        const keepGoing = await this.handleLine(line.trim(), handlers);
        if (!keepGoing) break;
        this.prompt();
      }
      rl.close();
    })();
  }

  private invocation(command: string, args: string[]): Invocation {
    return {
      platform: 'console',
      workspaceId: WORKSPACE,
      channelId: `console:${this.channel}`,
      channelName: this.channel,
      userId: `console:${this.user}`,
      userName: this.user,
      isPlatformAdmin: false,
      command,
      args,
    };
  }

  private async run(handlers: AdapterHandlers, command: string, args: string[]) {
    const form = handlers.formFor({ command, args });
    if (form) {
      this.pending = { form, index: 0, answers: {} };
      this.write(
        `${this.style.title(form.title)}\n${this.style.dim('Answer each question; an empty line keeps the suggestion, :cancel stops.')}`,
      );
      this.askField();
      return;
    }
    const message = await handlers.handle(this.invocation(command, args));
    if (message.formErrors && this.lastForm) {
      // Re-ask only what was refused; the other answers are kept.
      const wrong = this.lastForm.form.fields.findIndex((f) => message.formErrors?.[f.name]);
      if (wrong >= 0) {
        this.write(Object.values(message.formErrors).join('\n'));
        this.pending = { ...this.lastForm, index: wrong };
        this.askField();
        return;
      }
    }
    if (message.buttons?.length) this.lastButtons = message.buttons;
    const who = message.visibility === 'private' ? `only you (${this.user}) see this` : `in #${this.channel}`;
    this.write(renderMessage(message, this.style, who, await this.saveImage(message)));
  }

  private lastForm: { form: Form; index: number; answers: Record<string, string | string[]> } | undefined;

  private askField() {
    const p = this.pending;
    const field = p?.form.fields[p.index];
    if (!p || !field) return;
    const options = field.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ');
    const hint = field.type === 'checkboxes' ? ' (numbers separated by commas, or none)' : '';
    this.write(`${this.style.bold(field.label)}${hint}\n${options}`);
  }

  /** One answer to the pending form; returns the submission tokens when the form is complete. */
  private answerField(line: string): string[] | null {
    const p = this.pending;
    const field: FormField | undefined = p?.form.fields[p.index];
    if (!p || !field) return null;
    const pick = (token: string) => {
      const n = Number(token);
      const byNumber = Number.isInteger(n) ? field.options[n - 1] : undefined;
      return (
        byNumber ??
        field.options.find(
          (o) => o.value.toLowerCase() === token.toLowerCase() || o.label.toLowerCase() === token.toLowerCase(),
        )
      );
    };
    if (field.type === 'select') {
      const choice = line === '' ? field.options.find((o) => o.value === field.initial) : pick(line);
      if (!choice) {
        this.write(`Pick one of 1-${field.options.length}.`);
        return null;
      }
      p.answers[field.name] = choice.value;
    } else {
      const tokens = line === '' ? [] : line.toLowerCase() === 'none' ? [] : line.split(/[\s,]+/).filter(Boolean);
      const picked = tokens.map(pick);
      if (picked.some((c) => c === undefined)) {
        this.write(`Use numbers 1-${field.options.length}, separated by commas, or none.`);
        return null;
      }
      p.answers[field.name] = line === '' ? (field.initial ?? []) : picked.map((c) => c?.value ?? '');
    }
    p.index += 1;
    if (p.index < p.form.fields.length) {
      this.askField();
      return null;
    }
    this.lastForm = p;
    this.pending = undefined;
    return [...p.form.submit.args, ...formTokens(p.form, p.answers)];
  }

  /** Handles one input line; returns false to stop. */
  async handleLine(line: string, handlers: AdapterHandlers): Promise<boolean> {
    if (this.pending) {
      if (line === ':cancel') {
        this.pending = undefined;
        this.write('Form cancelled; nothing was saved.');
        return true;
      }
      const form = this.pending.form;
      const tokens = this.answerField(line);
      if (tokens) await this.run(handlers, form.submit.command, tokens);
      return true;
    }
    if (line === '') return true;
    if (line.startsWith('/')) {
      const [command = '', ...args] = tokenize(line.slice(1));
      // Console users mention members as @name, like in chat.
      await this.run(
        handlers,
        command,
        args.map((a) => (/^@[\w.-]+$/.test(a) ? `<@console:${a.slice(1)}>` : a)),
      );
      return true;
    }
    if (!line.startsWith(':')) {
      this.write('Commands start with / (try /help); console switches start with : (try :help).');
      return true;
    }
    const [meta = '', arg = ''] = line.slice(1).split(/\s+/, 2);
    switch (meta.toLowerCase()) {
      case 'as':
        if (!/^[\w.-]{1,32}$/.test(arg)) this.write('Usage: :as NAME (letters, digits, . _ -)');
        else {
          this.user = arg;
          this.write(`You are now ${arg}.`);
        }
        return true;
      case 'channel':
        if (!/^[\w.-]{1,32}$/.test(arg)) this.write('Usage: :channel NAME (letters, digits, . _ -)');
        else {
          this.channel = arg.replace(/^#/, '');
          this.write(`Now in #${this.channel}.`);
        }
        return true;
      case 'advance': {
        const ms = parseDuration(arg);
        if (ms === null || ms === 0) {
          this.write('Usage: :advance 1d (a number with m, h, d or w)');
          return true;
        }
        const from = this.options.clock.now();
        const to = this.options.clock.advance(ms);
        this.write(`Clock moved to ${to.toISOString().replace('T', ' ').slice(0, 16)} UTC.`);
        await this.options.onAdvance?.(from, to);
        return true;
      }
      case 'click': {
        const n = Number(arg);
        const button = this.lastButtons?.[n - 1];
        if (!button) {
          this.write(
            this.lastButtons?.length ? `Usage: :click 1-${this.lastButtons.length}` : 'No message with buttons yet.',
          );
          return true;
        }
        await this.run(handlers, button.action.command, button.action.args);
        return true;
      }
      case 'now':
        this.write(`${this.options.clock.now().toISOString().replace('T', ' ').slice(0, 16)} UTC`);
        return true;
      case 'help':
        this.write(META_HELP);
        return true;
      case 'quit':
      case 'exit':
        return false;
      default:
        this.write(`Unknown console switch ":${meta}". ${META_HELP.split('\n').length} switches: try :help.`);
        return true;
    }
  }

  async post(channelId: string, message: Message, idempotencyKey: string): Promise<PostReceipt> {
    if (!/^console:[\w.-]{1,32}$/.test(channelId)) throw new DeliveryError(`no console channel "${channelId}"`, true);
    if (message.buttons?.length) this.lastButtons = message.buttons;
    const channel = channelId.replace(/^console:/, '');
    this.write(`\n${renderMessage(message, this.style, `posted in #${channel}`, await this.saveImage(message))}`);
    this.postCount += 1;
    const receipt = { messageRef: `console:${channel}:${this.postCount}` };
    this.posts.set(`${channelId}|${idempotencyKey}`, receipt);
    return receipt;
  }

  async findPost(channelId: string, idempotencyKey: string): Promise<PostReceipt | null> {
    return this.posts.get(`${channelId}|${idempotencyKey}`) ?? null;
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.done;
  }
}
