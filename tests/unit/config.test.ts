import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config';

describe('config', () => {
  it('has sensible defaults and is frozen', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      DATA_DIR: './.data',
      DEFAULT_TIMEZONE: 'UTC',
      LOG_LEVEL: 'info',
      PORT: 3000,
      HOST: '0.0.0.0',
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reports every problem at once', () => {
    try {
      parseConfig({ DATABASE_URL: 'mysql://x/y', DEFAULT_TIMEZONE: 'Mars/Base', PORT: '99999', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems).toEqual([
        'DATABASE_URL is not a postgres:// or postgresql:// URL',
        'DEFAULT_TIMEZONE "Mars/Base" is not an IANA time zone; try Europe/Berlin',
        'LOG_LEVEL "loud" is not one of fatal, error, warn, info, debug, trace, silent',
        'PORT 99999 is not between 1 and 65535',
      ]);
    }
  });

  it('treats blank values as unset and checks that credentials come in working sets', () => {
    expect(parseConfig({ DATABASE_URL: '  ', SLACK_APP_TOKEN: '' }).DATABASE_URL).toBeUndefined();
    expect(() => parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/neither SLACK_SIGNING_SECRET/);
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).SLACK_BOT_TOKEN).toBe('xoxb-1');
  });
});
