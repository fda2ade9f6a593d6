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
 */
export async function dailyProblemFor(
  db: Kysely<DB>,
  pack: Pack,
  group: { id: number; target_level: Level },
  localDate: string,
  planWeek: number,
): Promise<DailyProblem> {
  const found = await readDaily(db, pack, group.id, localDate);
  if (found) return found;
  await db.transaction().execute(async (trx) => {
    // A choice whose problem has since been removed from the pack is replaced, not shown broken.
    await trx
      .deleteFrom('daily_problems')
      .where('group_id', '=', group.id)
      .where('local_date', '=', localDate)
      .where('problem_id', 'not in', [...pack.problemById.keys()])
      .execute();
    const rows = await trx
      .selectFrom('daily_problems')
      .select(['problem_id', 'cycle'])
      .where('group_id', '=', group.id)
      .orderBy('cycle', 'desc')
      .execute();
    let cycle = rows[0]?.cycle ?? 1;
    let used = new Set(rows.filter((r) => r.cycle === cycle).map((r) => r.problem_id));
    let problem = chooseProblem(pack, { week: planWeek, level: group.target_level, used, seed: String(group.id) });
    if (!problem) {
      // The pack is used up: start a new cycle through it.
      cycle += 1;
      used = new Set();
      problem = chooseProblem(pack, { week: planWeek, level: group.target_level, used, seed: `${group.id}:${cycle}` });
    }
    if (!problem) throw new Error(`content pack ${pack.meta.id} has no problems`);
    await trx
      .insertInto('daily_problems')
      .values({ group_id: group.id, local_date: localDate, problem_id: problem.id, plan_week: planWeek, cycle })
      // Racing with another request for the same day: the first choice stands.
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  const chosen = await readDaily(db, pack, group.id, localDate);
  if (!chosen) throw new Error(`daily problem for group ${group.id} on ${localDate} was not recorded`);
  return chosen;
}

async function readDaily(db: Kysely<DB>, pack: Pack, groupId: number, localDate: string): Promise<DailyProblem | null> {
  const row = await db
    .selectFrom('daily_problems')
    .select(['problem_id', 'plan_week'])
    .where('group_id', '=', groupId)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
  if (!row) return null;
  const problem = pack.problemById.get(row.problem_id);
  return problem ? { problem, localDate, planWeek: row.plan_week } : null;
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
