import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter';
import { fixedClock } from '../../src/core/clock';
import { adapterContract, type ContractHarness, type Seen } from './adapter-contract';

/** The console as a platform: input lines in, printed text out, parsed back into what was seen. */
adapterContract('console', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => {
    printed += c.toString();
  });
  const adapter = new ConsoleAdapter({
    input,
    output,
    clock: fixedClock(new Date('2026-11-25T10:00:00Z')),
    colour: false,
    user: 'alice',
  });
  const channel: Seen[] = [];
  const post = adapter.post.bind(adapter);
  adapter.post = async (channelId, message, key) => {
    const receipt = await post(channelId, message, key);
    if (channelId === 'console:study')
      channel.push(readSeen(printed.split('posted in #study\n').at(-1) ?? '', 'channel'));
    return receipt;
  };
  let handlers: Parameters<ConsoleAdapter['start']>[0];

  /** Types lines and returns what they printed. */
  async function type(lines: string[]): Promise<string> {
    const before = printed.length;
    for (const line of lines) await adapter.handleLine(line, handlers);
    return printed.slice(before);
  }
  function readSeen(out: string, fallback: Seen['visibility']): Seen {
    const visibility = out.includes('only you (') ? 'private' : out.includes('in #') ? 'channel' : fallback;
    const buttons = [...out.matchAll(/\[\d+\] ([^[\n]+?)(?=\s{2}\[|\n|$)/g)].map((m) => (m[1] ?? '').trim());
    return { visibility, text: out, buttons };
  }

  const harness: ContractHarness = {
    adapter,
    channelId: 'console:study',
    // The console has no unknown channels; posting to a non-console id is the permanent failure it can show.
    unknownChannelId: 'console:',
    async start(h) {
      handlers = h;
    },
    async command(user, command, args) {
      return readSeen(await type([`:as ${user}`, `/${command} ${args.join(' ')}`.trim()]), 'private');
    },
    async click(user, message, label) {
      const n = message.buttons.indexOf(label) + 1;
      return readSeen(await type([`:as ${user}`, `:click ${n}`]), 'private');
    },
    async submitForm(user, command, answers) {
      const lines = [`:as ${user}`, `/${command}`];
      // Each answer in form order: a select by value, checkboxes as values joined by commas.
      for (const value of Object.values(answers)) lines.push(Array.isArray(value) ? value.join(',') : value);
      return readSeen(await type(lines), 'private');
    },
    async channelMessages() {
      return channel;
    },
    async stop() {},
  };
  return harness;
});
