import { PassThrough } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdapters } from '../../src/adapters/index';
import { SlackAdapter } from '../../src/adapters/slack/slack-adapter';
import { ConfigError, parseConfig } from '../../src/config';
import { fixedClock } from '../../src/core/clock';
import { testDatabase } from '../helpers/db';

const streams = () => ({ input: new PassThrough(), output: new PassThrough() });

describe('wiring the Slack adapter', () => {
  it('is created instead of the console when Slack credentials are set', async () => {
    const database = await testDatabase();
    const deps = { log: pino({ level: 'silent' }), db: database.db, clock: fixedClock(new Date()) };
    const config = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret-123456' });
    const choice = await createAdapters(config, deps, { forceConsole: false, ...streams() });
    expect(choice.adapters.map((a) => a.platform)).toEqual(['slack']);
    expect(choice.adapters[0]).toBeInstanceOf(SlackAdapter);
    expect(choice.console).toBeUndefined();
    const both = await createAdapters(config, deps, { forceConsole: true, ...streams() });
    expect(both.adapters.map((a) => a.platform)).toEqual(['slack', 'console']);
  });

  it.each([
    [{ SLACK_CLIENT_ID: '1.2', SLACK_SIGNING_SECRET: 's' }, 'Slack OAuth needs all of SLACK_CLIENT_ID'],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, 'Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID'],
    [
      { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'c', SLACK_STATE_SECRET: 's' },
      'Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN',
    ],
  ])('refuses an incomplete setup %j, saying what is missing', async (env, problem) => {
    const config = parseConfig(env);
    expect(SlackAdapter.problems(config).join('\n')).toContain(problem);
    const database = await testDatabase();
    expect(
      () =>
        new SlackAdapter(config, { log: pino({ level: 'silent' }), db: database.db, clock: fixedClock(new Date()) }),
    ).toThrow(ConfigError);
  });

  it('accepts the three ways to run: token over HTTP, token over Socket Mode, OAuth', () => {
    for (const env of [
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' },
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' },
      { SLACK_CLIENT_ID: '1.2', SLACK_CLIENT_SECRET: 'c', SLACK_STATE_SECRET: 's', SLACK_SIGNING_SECRET: 's' },
    ])
      expect(SlackAdapter.problems(parseConfig(env))).toEqual([]);
  });
});
