import { hostname } from 'node:os';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Poster } from './core/delivery';
import {
  createDuePostRunner,
  DEFAULT_SCHEDULER_OPTIONS,
  nextDueAcrossGroups,
  type SchedulerOptions,
  type TickResult,
} from './core/jobs/run-due-posts';
import type { Clock, CoreDeps } from './core/types';

export interface Scheduler {
  /** Runs the due-post work for one instant (the cron tick, the console's :advance, tests). */
  runAt(now: Date): Promise<TickResult>;
  /** Runs the work at every instant something fell due between two instants, so posts go out in order. */
  catchUp(from: Date, to: Date): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Ticks once a minute. Group times are computed by the core from each group's IANA zone, not by
 * node-cron's timezone option (which has had DST bugs); `noOverlap` keeps a slow tick from stacking.
 */
export function startScheduler(
  deps: CoreDeps,
  poster: Poster,
  clock: Clock,
  log: Logger,
  options: Partial<SchedulerOptions> & { cron?: boolean } = {},
): Scheduler {
  const run = createDuePostRunner(deps, poster, {
    ...DEFAULT_SCHEDULER_OPTIONS,
    instanceId: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    ...options,
  });
  let queue: Promise<unknown> = Promise.resolve();
  // One run at a time per instance, whether it comes from cron or from the console.
  const runAt = (now: Date) => {
    const next = queue.then(() => run(now));
    queue = next.catch(() => undefined);
    return next;
  };
  const tick = async () => {
    try {
      const r = await runAt(clock.now());
      if (r.claimed + r.skipped + r.failed + r.recovered + r.retrying > 0) log.info(r, 'scheduler tick');
    } catch (err) {
      log.error({ err }, 'scheduler tick failed; the next tick tries again');
    }
  };
  const task =
    options.cron === false ? null : cron.schedule('* * * * *', tick, { noOverlap: true, name: 'bar-raiser-posts' });
  return {
    runAt,
    async catchUp(from, to) {
      // Jump from one due instant to the next rather than minute by minute: a day is a handful of runs.
      let t = from;
      for (;;) {
        const next = await nextDueAcrossGroups(deps, t);
        if (!next || next >= to) break;
        await runAt(next);
        t = next;
      }
      await runAt(to);
    },
    async stop() {
      await task?.stop();
      await task?.destroy();
      await queue;
    },
  };
}
