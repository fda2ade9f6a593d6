// Entry point: `npm start` (console unless platform credentials are set), `npm start -- --console`.

import { createAdapters } from './adapters/index';
import { routePosts } from './adapters/router';
import { runAdapters, startCore } from './app';
import { ConfigError, parseConfig } from './config';
import { ContentError } from './content/load';
import { movableClock } from './core/clock';
import { createLogger } from './logger';
import { type Scheduler, startScheduler } from './scheduler';

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

  let scheduler: Scheduler | undefined;
  let chosen: Awaited<ReturnType<typeof createAdapters>>;
  try {
    chosen = await createAdapters(
      config,
      { log, db: core.database.db, clock },
      {
        forceConsole: wantConsole,
        input: process.stdin,
        output: process.stdout,
        onAdvance: async (from, to) => {
          await scheduler?.catchUp(from, to);
        },
      },
    );
  } catch (err) {
    await core.close();
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`Bar Raiser cannot start, the environment is invalid:\n  ${err.problems.join('\n  ')}\n`);
    return 2;
  }
  const { adapters, console: consoleAdapter } = chosen;

  const stopAdapters = await runAdapters(core, adapters);
  scheduler = startScheduler(core.bot.deps, routePosts(adapters), clock, log);
  // Posts already due (a restart after downtime, a console session at 10:00) go out now, not in a minute.
  await scheduler.runAt(clock.now());
  let stopping: Promise<void> | undefined;
  const shutdown = () => {
    stopping ??= (async () => {
      await scheduler?.stop();
      await stopAdapters();
    })();
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
