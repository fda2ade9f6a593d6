import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter';
import { testBot } from '../helpers/bot';

/** Types lines into a real ConsoleAdapter and collects everything it prints. */
async function session(lines: string[], onAdvance?: (from: Date, to: Date) => Promise<void>) {
  const t = await testBot();
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const adapter = new ConsoleAdapter({
    input,
    output,
    clock: t.clock,
    user: 'alice',
    colour: false,
    ...(onAdvance ? { onAdvance } : {}),
  });
  await adapter.start(t.bot);
  input.end(`${lines.join('\n')}\n`);
  await adapter.done;
  return { printed, t, adapter };
}

const problemTitles = (out: string) => [...out.matchAll(/^Today's problem: (.+)$/gm)].map((m) => m[1]);

describe('console adapter', () => {
  it('runs a day of study as a user types it', async () => {
    const { printed, t } = await session([
      '/daily',
      '/daily done 4',
      ':as bob',
      '/daily done',
      ':advance 1d',
      '/daily',
    ]);
    expect(printed).toContain('alice@#study> ');
    expect(printed).toMatch(/marked done with confidence 4: \+12 points\. Streak: 1 day\./);
    expect(printed).toContain('You are now bob.');
    expect(printed).toMatch(/bob@#study> only you \(bob\) see this\n.*marked done: \+10 points/);
    expect(printed).toContain('Clock moved to 2026-11-26 10:00 UTC.');
    const [first, second] = problemTitles(printed);
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const people = await t.database.db.selectFrom('members').select('user_id').orderBy('id').execute();
    expect(people.map((p) => p.user_id)).toEqual(['console:alice', 'console:bob']);
  });

  it('presses buttons of the last message with :click', async () => {
    const { printed } = await session(['/daily', ':click 5', ':click 9', ':click 1']);
    expect(printed).toContain('[1] Done  [2] Confidence 1 lost');
    expect(printed).toMatch(/marked done with confidence 4: \+12 points/);
    expect(printed).toContain('Usage: :click 1-6');
    expect(printed).toMatch(/already marked .* with confidence 4\. Nothing changed\./);
  });

  it('answers bad input clearly and keeps going', async () => {
    const { printed } = await session([
      '/daily done 9',
      '/daily done abc',
      '/teleport',
      'hello?',
      ':advance soon',
      ':as',
      ':frobnicate',
      '/plan',
    ]);
    expect(printed).toContain('confidence must be from 1 to 5 (got 9)');
    expect(printed).toContain('confidence must be a whole number from 1 to 5 (got "abc")');
    expect(printed).toContain('Unknown command "/teleport"');
    expect(printed).toContain('Commands start with / (try /help)');
    expect(printed).toContain('Usage: :advance 1d');
    expect(printed).toContain('Usage: :as NAME');
    expect(printed).toContain('Unknown console switch ":frobnicate"');
    expect(printed).toContain('Study plan: week 1 of 24');
  });

  it('switches channels, turns @name into a mention, and calls the scheduler hook on :advance', async () => {
    const moves: string[] = [];
    const { printed } = await session(
      [':channel other', '/studygroup setup', '/studygroup organizer add @bob', ':advance 2h', ':quit', '/help'],
      async (from, to) => {
        moves.push(`${from.toISOString()} -> ${to.toISOString()}`);
      },
    );
    expect(printed).toContain('alice@#other> ');
    expect(printed).toContain('@bob is now an organizer.');
    expect(moves).toEqual(['2026-11-25T10:00:00.000Z -> 2026-11-25T12:00:00.000Z']);
    expect(printed).not.toContain('Bar Raiser commands'); // :quit stopped before /help
  });

  it('prints channel posts with their buttons', async () => {
    const t = await testBot();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => {
      printed += c.toString();
    });
    const adapter = new ConsoleAdapter({ input: new PassThrough(), output, clock: t.clock, colour: false });
    const receipt = await adapter.post(
      'console:study',
      { visibility: 'channel', title: 'Hello group', blocks: [{ type: 'text', text: '**hi**' }] },
      'k1',
    );
    expect(receipt.messageRef).toBe('console:study:1');
    expect(printed).toContain('posted in #study\nHello group\nhi');
  });
});

describe('console images', () => {
  it('saves a reply’s chart as a PNG file and prints its path with the alt text', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'console-images-'));
    const t = await testBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => {
      printed += c.toString();
    });
    const adapter = new ConsoleAdapter({ input, output, clock: t.clock, colour: false, imageDir: dir });
    const png = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    await adapter.start({
      handle: async () => ({
        visibility: 'private',
        blocks: [{ type: 'text', text: 'report' }],
        image: { png, alt: 'Radar: you against the bars', filename: 'radar.png' },
      }),
      formFor: () => null,
    });
    input.end('/assess history\n');
    await adapter.done;
    const saved = /saved to (.+\.png)/.exec(printed)?.[1] ?? '';
    expect(printed).toContain('[image: Radar: you against the bars]');
    expect(saved.startsWith(dir)).toBe(true);
    expect([...readFileSync(saved)]).toEqual([...png]);
  });
});
