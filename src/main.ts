// Entry point: `npm start` (console unless platform credentials are set), `npm start -- --console`.

import { createAdapters } from './adapters/index';
import { runAdapters, startCore } from './app';
import { ConfigError, parseConfig } from './config';
import { ContentError } from './content/load';
import { movableClock } from './core/clock';
import { createLogger } from './logger';

async function main(): Promise<number> {
  let config: ReturnType<typeof parseConfig>;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Bar Raiser cannot start, the environment is invalid:\n  ${err.problems.join('\n  ')}\n`);
    return 2;
  }
  const log = createLogger(config.LOG_LEVEL);
  const wantConsole = process.argv.includes('--console');
  const clock = movableClock();

  let core: Awaited<ReturnType<typeof startCore>>;
  try {
    core = await startCore(config, log, clock);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    process.stderr.write(`Bar Raiser refuses to start on an invalid content pack:\n  ${err.problems.join('\n  ')}\n`);
    return 2;
  }

  const { adapters, console: consoleAdapter } = await createAdapters(
    config,
    { log, db: core.database.db, clock },
    { forceConsole: wantConsole, input: process.stdin, output: process.stdout },
  );

  const stop = await runAdapters(core, adapters);
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= stop();
    return stopping;
  };
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  if (consoleAdapter) {
    await consoleAdapter.done;
    await shutdown();
  }
  return 0;
}

main().then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(
      `Bar Raiser failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
