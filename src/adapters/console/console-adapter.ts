import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type MovableClock, parseDuration } from '../../core/clock';
import { tokenize } from '../../core/command';
import type { Message } from '../../core/message';
import type { Invocation } from '../../core/types';
import type { AdapterHandlers, ChatAdapter, PostReceipt } from '../adapter';
import { colour, plain, renderMessage, type Style } from './render';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  clock: MovableClock;
  user?: string;
  channel?: string;
  /** Colour output; defaults to whether the output is a colour terminal. */
  colour?: boolean;
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
  /** Resolves when the input ends or `:quit` is typed. */
  done: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConsoleOptions) {
    this.user = options.user ?? 'you';
    this.channel = options.channel ?? 'study';
    const isTty = (options.output as { isTTY?: boolean }).isTTY === true;
    this.style = (options.colour ?? (isTty && !process.env.NO_COLOR)) ? colour : plain;
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
    const message = await handlers.handle(this.invocation(command, args));
    if (message.buttons?.length) this.lastButtons = message.buttons;
    const who = message.visibility === 'private' ? `only you (${this.user}) see this` : `in #${this.channel}`;
    this.write(renderMessage(message, this.style, who));
  }

  /** Handles one input line; returns false to stop. */
  async handleLine(line: string, handlers: AdapterHandlers): Promise<boolean> {
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

  async post(channelId: string, message: Message, _idempotencyKey: string): Promise<PostReceipt> {
    if (message.buttons?.length) this.lastButtons = message.buttons;
    const channel = channelId.replace(/^console:/, '');
    this.write(`\n${renderMessage(message, this.style, `posted in #${channel}`)}`);
    this.postCount += 1;
    return { messageRef: `console:${channel}:${this.postCount}` };
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.done;
  }
}
