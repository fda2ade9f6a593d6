import { goalsTicked, groupActivity, memberCount } from '../../db/activity';
import type { Group } from '../../db/schema';
import { context, divider, type Message, text } from '../message';
import { effectiveWeek } from '../plan';
import { planWeekBlocks } from '../plan-message';
import { addDays } from '../time';
import type { CoreDeps } from '../types';

/** Week N of the plan, posted on its first day, with how the group did on last week's goals. */
export async function weeklyMilestonePost(
  deps: CoreDeps,
  group: Group,
  week: number,
): Promise<{ message: Message; payload: unknown }> {
  const plan = effectiveWeek(deps.pack, week);
  const blocks = planWeekBlocks(deps.pack, plan);
  if (week > 1) {
    const start = addDays(group.cohort_start, (week - 2) * 7);
    const end = addDays(start, 6);
    const [activity, members, goals] = await Promise.all([
      groupActivity(deps.db, group.id, start, end),
      memberCount(deps.db, group.id),
      goalsTicked(deps.db, group.id, start, end),
    ]);
    const last = effectiveWeek(deps.pack, week - 1);
    blocks.push(
      divider,
      text(
        `**Last week (${last.block}):** ${activity.done} problem${activity.done === 1 ? '' : 's'} done by ${activity.active} of ${members} member${members === 1 ? '' : 's'}; ${goals} goal${goals === 1 ? '' : 's'} ticked.`,
      ),
    );
  }
  blocks.push(context('`/plan` shows this any time · `/daily` for today’s problem'));
  return {
    message: { visibility: 'channel', title: 'This week in the study plan', blocks },
    payload: { week },
  };
}
