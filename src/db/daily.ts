import type { Kysely } from 'kysely';
import type { Level, Pack, Problem } from '../content/schema';
import { chooseProblem } from '../core/selection';
import type { DB } from './schema';

export interface DailyProblem {
  problem: Problem;
  localDate: string;
  planWeek: number;
}

/**
 * The group's problem for a local day: the one already chosen, or a new choice recorded now, so every
 * member sees the same problem all day and the scheduled post shows the one `/daily` promised.
 * Two queries in the usual case; the unique keys settle races (the first choice for a day stands).
 */
export async function dailyProblemFor(
  db: Kysely<DB>,
  pack: Pack,
  group: { id: number; target_level: Level },
  localDate: string,
  planWeek: number,
): Promise<DailyProblem> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await db
      .selectFrom('daily_problems')
      .select(['local_date', 'problem_id', 'cycle', 'plan_week'])
      .where('group_id', '=', group.id)
      .execute();
    const today = rows.find((r) => r.local_date === localDate);
    const known = today && pack.problemById.get(today.problem_id);
    if (today && known) return { problem: known, localDate, planWeek: today.plan_week };
    if (today) {
      // Chosen from a problem since removed from the pack: choose again rather than show it broken.
      await db
        .deleteFrom('daily_problems')
        .where('group_id', '=', group.id)
        .where('local_date', '=', localDate)
        .execute();
    }
    let cycle = Math.max(1, ...rows.map((r) => r.cycle));
    const used = new Set(rows.filter((r) => r.cycle === cycle && r.local_date !== localDate).map((r) => r.problem_id));
    let problem = chooseProblem(pack, { week: planWeek, level: group.target_level, used, seed: String(group.id) });
    if (!problem) {
      // The pack is used up: start a new cycle through it.
      cycle += 1;
      problem = chooseProblem(pack, {
        week: planWeek,
        level: group.target_level,
        used: new Set(),
        seed: `${group.id}:${cycle}`,
      });
    }
    if (!problem) throw new Error(`content pack ${pack.meta.id} has no problems`);
    const inserted = await db
      .insertInto('daily_problems')
      .values({ group_id: group.id, local_date: localDate, problem_id: problem.id, plan_week: planWeek, cycle })
      .onConflict((oc) => oc.doNothing())
      .returning('problem_id')
      .executeTakeFirst();
    if (inserted) return { problem, localDate, planWeek };
    // Another request chose first (this day, or this problem for another day): look again.
  }
  throw new Error(`could not record a daily problem for group ${group.id} on ${localDate}`);
}

export async function findDailyByProblem(db: Kysely<DB>, groupId: number, problemId: string) {
  return db
    .selectFrom('daily_problems')
    .select(['local_date', 'plan_week'])
    .where('group_id', '=', groupId)
    .where('problem_id', '=', problemId)
    .orderBy('local_date', 'desc')
    .executeTakeFirst();
}
