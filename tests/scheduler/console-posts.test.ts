import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console/console-adapter';
import { routePosts } from '../../src/adapters/router';
import { type Scheduler, startScheduler } from '../../src/scheduler';
import { testBot } from '../helpers/bot';

describe('scheduled posts in the console', () => {
  it('shows the posts that fall due while :advance moves the clock, in order', async () => {
    const t = await testBot(new Date('2026-11-25T10:00:00Z')); // Wednesday, after today's 09:00 post time
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (c: Buffer) => {
      printed += c.toString();
    });
    let scheduler: Scheduler | undefined;
    const adapter = new ConsoleAdapter({
      input,
      output,
      clock: t.clock,
      colour: false,
      onAdvance: async (from, to) => {
        await scheduler?.catchUp(from, to);
      },
    });
    scheduler = startScheduler(t.bot.deps, routePosts([adapter]), t.clock, t.bot.deps.log, {
      cron: false,
      instanceId: 'console',
    });
    await adapter.start(t.bot);
    input.end(['/studygroup setup', ':advance 1d', ':advance 5d'].join('\n'));
    await adapter.done;
    await scheduler.stop();
    const posts = [...printed.matchAll(/posted in #study\n(.+)/g)].map((m) => m[1]);
    // Created today after 09:00: first daily on Thursday; Sunday's digest; Monday's milestone and daily.
    expect(posts).toEqual([
      expect.stringMatching(/^Daily problem: /), // Thu 26th (the first :advance)
      expect.stringMatching(/^Daily problem: /), // Fri 27th
      expect.stringMatching(/^Daily problem: /), // Sat 28th
      expect.stringMatching(/^Daily problem: /), // Sun 29th
      'Weekly digest: 2026-11-23 to 2026-11-29',
      'This week in the study plan', // Mon 30th, week 2
      expect.stringMatching(/^Daily problem: /), // Mon 30th
      expect.stringMatching(/^Daily problem: /), // Tue 1st
    ]);
    const titles = posts.filter((p) => p?.startsWith('Daily problem'));
    expect(new Set(titles).size).toBe(titles.length); // never the same problem twice
  });
});
