import type { Kysely } from 'kysely';
import { advanceStreak, POINTS, streakMilestone } from '../core/scoring';
import { award } from './points';
import type { DB } from './schema';

export interface CompletionInput {
  memberId: number;
  groupId: number;
  problemId: string;
  /** The local day the problem was the group's daily problem. */
  problemDate: string;
  /** The group's local day now. */
  today: string;
  confidence?: number | undefined;
}

export type CompletionResult =
  | { status: 'recorded'; points: number; streak: number; milestone: number | null }
  | { status: 'confidence-added'; points: number; confidence: number }
  | { status: 'already'; confidence: number | null; localDate: string };

/**
 * Marks a problem done for a member, once: the completion, its points and the streak move together in
 * one transaction, and the unique keys make a repeated or concurrent request change nothing.
 */
export async function recordCompletion(db: Kysely<DB>, input: CompletionInput): Promise<CompletionResult> {
  return db.transaction().execute(async (trx) => {
    // Lock the member first: the completion's foreign key takes a share lock on this row, so taking the
    // update lock only later would let two completions by one member deadlock each other.
    const member = await trx
      .selectFrom('members')
      .select(['streak_current', 'streak_best', 'streak_last_date', 'streak_grace_date'])
      .where('id', '=', input.memberId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const created = await trx
      .insertInto('completions')
      .values({
        member_id: input.memberId,
        group_id: input.groupId,
        problem_id: input.problemId,
        local_date: input.today,
        confidence: input.confidence ?? null,
      })
      .onConflict((oc) => oc.columns(['member_id', 'problem_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    const base = { memberId: input.memberId, groupId: input.groupId, localDate: input.today };

    if (!created) {
      const existing = await trx
        .selectFrom('completions')
        .select(['confidence', 'local_date'])
        .where('member_id', '=', input.memberId)
        .where('problem_id', '=', input.problemId)
        .executeTakeFirstOrThrow();
      // Done first, confidence later (two buttons on the post): the rating is added, once.
      if (existing.confidence === null && input.confidence !== undefined) {
        await trx
          .updateTable('completions')
          .set({ confidence: input.confidence })
          .where('member_id', '=', input.memberId)
          .where('problem_id', '=', input.problemId)
          .execute();
        const got = await award(trx, {
          ...base,
          reason: 'confidence',
          reference: input.problemId,
          points: POINTS.confidence,
        });
        return { status: 'confidence-added', points: got ? POINTS.confidence : 0, confidence: input.confidence };
      }
      return { status: 'already', confidence: existing.confidence, localDate: existing.local_date };
    }

    let points = 0;
    const onDay = input.problemDate === input.today;
    const donePoints = onDay ? POINTS.doneOnDay : POINTS.doneLate;
    if (await award(trx, { ...base, reason: 'done', reference: input.problemId, points: donePoints }))
      points += donePoints;
    if (
      input.confidence !== undefined &&
      (await award(trx, { ...base, reason: 'confidence', reference: input.problemId, points: POINTS.confidence }))
    )
      points += POINTS.confidence;

    const before = {
      current: member.streak_current,
      best: member.streak_best,
      lastDate: member.streak_last_date,
      graceDate: member.streak_grace_date,
    };
    const after = advanceStreak(before, input.today);
    await trx
      .updateTable('members')
      .set({
        streak_current: after.current,
        streak_best: after.best,
        streak_last_date: after.lastDate,
        streak_grace_date: after.graceDate,
      })
      .where('id', '=', input.memberId)
      .execute();
    const milestone = after === before ? null : streakMilestone(before.current, after.current);
    if (
      milestone &&
      (await award(trx, {
        ...base,
        reason: 'streak',
        reference: `${milestone.days}:${input.today}`,
        points: milestone.points,
      }))
    )
      points += milestone.points;
    return { status: 'recorded', points, streak: after.current, milestone: milestone?.days ?? null };
  });
}
