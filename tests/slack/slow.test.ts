import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../src/core/bot';
import { type TestBot, testBot } from '../helpers/bot';
import { messageBlockProblems } from './block-kit';
import { type SlackTest, slackTest } from './harness';

/** Every query answers 2.5 s late: a database under heavy load, or far away. */
function slowQueries(ms: number): KyselyPlugin {
  return {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      await new Promise((r) => setTimeout(r, ms));
      return args.result;
    },
  };
}

describe('a slow database', () => {
  let t: SlackTest;
  let tb: TestBot;

  beforeEach(async () => {
    tb = await testBot();
    // The group and member exist already, as they would in a running workspace.
    await tb.as('alice', '/plan', { userId: 'slack:T0001/U0001', channelId: 'slack:T0001/C0001' });
    t = await slackTest();
    const slowBot = createBot({ ...tb.bot.deps, db: tb.database.db.withPlugin(slowQueries(2500)) });
    await t.start(slowBot);
  });
  afterEach(async () => {
    await t.stop();
  });

  it('still gets the command acknowledged within Slack’s 3 seconds, and answered through response_url', async () => {
    const started = Date.now();
    const r = await t.run('alice', 'plan');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(3000);
    // The answer came later, whole, through the response_url.
    expect(r.responses.map((x) => x.via)).toEqual(['response_url']);
    const [late] = r.responses;
    expect(late?.payload.response_type).toBe('ephemeral');
    expect(messageBlockProblems(late?.payload.blocks)).toEqual([]);
    expect(r.seen.text).toContain('Study plan: week 1 of 24');
    expect((late?.at ?? 0) - started).toBeGreaterThan(2500);
  });
});
