import pino from 'pino';
import { fixedClock } from '../../src/core/clock';
import type { Poster } from '../../src/core/delivery';
import {
  createDuePostRunner,
  DEFAULT_SCHEDULER_OPTIONS,
  type SchedulerOptions,
} from '../../src/core/jobs/run-due-posts';
import type { CoreDeps } from '../../src/core/types';
import type { Database } from '../../src/db/database';
import { ensureGroup, type GroupSettings, updateGroup } from '../../src/db/groups';
import type { Group } from '../../src/db/schema';
import { miniPack, resetDatabase, testDatabase } from './db';

/** Core deps on the (emptied) shared test database and the mini pack. */
export async function schedulerDeps(): Promise<{ deps: CoreDeps; database: Database }> {
  const database = await testDatabase();
  await resetDatabase(database);
  const deps: CoreDeps = {
    db: database.db,
    pack: await miniPack(),
    clock: fixedClock(new Date('2026-01-01T00:00:00Z')),
    log: pino({ level: 'silent' }),
    defaultTimezone: 'UTC',
  };
  return { deps, database };
}

let n = 0;
/** A group with the given settings, created at `createdAt`. */
export async function makeGroup(deps: CoreDeps, settings: GroupSettings & { created_at: Date }): Promise<Group> {
  n++;
  const g = await ensureGroup(deps.db, {
    channelId: `console:g${n}`,
    workspaceId: 'console:local',
    name: `g${n}`,
    timezone: 'UTC',
    cohortStart: '2026-01-05',
    now: settings.created_at,
  });
  return updateGroup(deps.db, g.id, settings);
}

export function runner(deps: CoreDeps, poster: Poster, options: Partial<SchedulerOptions> = {}) {
  return createDuePostRunner(deps, poster, {
    ...DEFAULT_SCHEDULER_OPTIONS,
    instanceId: `test-${Math.random()}`,
    ...options,
  });
}

/** Runs the scheduler once a minute from `from` to `to`, like cron would; returns the tick instants that posted. */
export async function tickEveryMinute(run: ReturnType<typeof runner>, from: Date, to: Date): Promise<Date[]> {
  const posted: Date[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 60_000) {
    const r = await run(new Date(t));
    if (r.posted > 0) posted.push(new Date(t));
  }
  return posted;
}
