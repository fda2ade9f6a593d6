import { format } from 'node:util';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from 'pino';

// Slack tokens: bot (xoxb-), user (xoxp-), app-level (xapp-), refresh (xoxe-) and the rest of the family.
const TOKEN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/** Removes tokens and the given secrets from a log line: nothing Bolt or we log may carry them. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(TOKEN, '[redacted]');
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  return out;
}

const LEVELS: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt's logger interface over our pino logger, redacting every message. */
export function boltLogger(log: Logger, secrets: readonly string[]): BoltLogger {
  const line = (msg: unknown[]) => redact(format(...msg), secrets);
  return {
    debug: (...msg: unknown[]) => log.debug(line(msg)),
    info: (...msg: unknown[]) => log.info(line(msg)),
    warn: (...msg: unknown[]) => log.warn(line(msg)),
    error: (...msg: unknown[]) => log.error(line(msg)),
    // pino decides what is written; Bolt only asks which level to expect.
    setLevel: () => {},
    getLevel: () => LEVELS[log.level] ?? LogLevel.INFO,
    setName: () => {},
  };
}
