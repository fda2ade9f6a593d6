import { dailyProblemFor } from '../../db/daily';
import type { Group } from '../../db/schema';
import type { Message } from '../message';
import { planWeekNumber } from '../plan';
import { dailyProblemMessage } from '../problem-message';
import type { CoreDeps } from '../types';

/** The channel post of a group's problem for a local day: the same one `/daily` shows that day. */
export async function dailyProblemPost(
  deps: CoreDeps,
  group: Group,
  date: string,
): Promise<{ message: Message; payload: unknown }> {
  const daily = await dailyProblemFor(deps.db, deps.pack, group, date, planWeekNumber(group.cohort_start, date));
  return {
    message: dailyProblemMessage(deps.pack, daily, 'channel', 'Daily problem'),
    payload: { problemId: daily.problem.id, planWeek: daily.planWeek },
  };
}
