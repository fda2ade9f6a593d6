import { award } from '../../db/points';
import { awardedReferences } from '../../db/progress';
import type { Command } from '../command';
import { UserError } from '../errors';
import { context, divider, reply, text } from '../message';
import { effectiveWeek, planWeekNumber } from '../plan';
import { planWeekBlocks } from '../plan-message';
import { goalPrefix, goalReference, POINTS, planWeekStart } from '../scoring';
import { addDays } from '../time';

export const plan = {
  name: 'plan',
  description: "This week's study-plan milestone and what comes next",
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'Show the current plan week and the next one',
      options: [{ name: 'week', type: 'integer', min: 1, max: 24, description: 'Show this week of the plan instead' }],
      async run(ctx, values) {
        const total = ctx.pack.plan.length;
        const current = planWeekNumber(ctx.group.cohort_start, ctx.local.date);
        if (typeof values.week === 'number') {
          return reply(planWeekBlocks(ctx.pack, effectiveWeek(ctx.pack, values.week)), {
            title: `Study plan, week ${values.week}`,
          });
        }
        if (current < 1) {
          return reply(
            [
              text(`The cohort starts on ${ctx.group.cohort_start}. First up:`),
              ...planWeekBlocks(ctx.pack, effectiveWeek(ctx.pack, 1)),
            ],
            { title: 'Study plan: not started yet' },
          );
        }
        if (current > total) {
          return reply(
            [
              text(
                `The ${total}-week plan finished on ${addDays(ctx.group.cohort_start, total * 7 - 1)}. Keep practising with \`/daily\`; an organizer can start a new cohort with \`/studygroup start YYYY-MM-DD\`.`,
              ),
            ],
            { title: 'Study plan: complete' },
          );
        }
        const blocks = planWeekBlocks(ctx.pack, effectiveWeek(ctx.pack, current));
        if (current < total) {
          const next = effectiveWeek(ctx.pack, current + 1);
          blocks.push(divider, text(`**Next, week ${next.week}: ${next.block}**\n${next.focus}`));
        }
        const weekStart = addDays(ctx.group.cohort_start, (current - 1) * 7);
        blocks.push(
          context(`Week ${current} runs ${weekStart} to ${addDays(weekStart, 6)} · \`/plan 12\` shows any week`),
        );
        return reply(blocks, { title: `Study plan: week ${current} of ${total}` });
      },
    },
    {
      name: 'goal',
      description: "Tick a goal of this week's plan as reached (once per goal, for points)",
      options: [{ name: 'number', type: 'integer', min: 1, max: 4, required: true, description: 'The goal, 1-4' }],
      async run(ctx, values) {
        const total = ctx.pack.plan.length;
        const current = planWeekNumber(ctx.group.cohort_start, ctx.local.date);
        if (current < 1 || current > total)
          throw new UserError(
            current < 1
              ? `The plan starts on ${ctx.group.cohort_start}; goals can be ticked in their week.`
              : `The ${total}-week plan has finished; there are no goals to tick this week.`,
          );
        const week = effectiveWeek(ctx.pack, current);
        const n = Number(values.number);
        if (n > week.goals.length)
          throw new UserError(`Week ${current} has ${week.goals.length} goals; pick 1 to ${week.goals.length}.`);
        const weekStart = planWeekStart(ctx.group.cohort_start, ctx.local.date);
        const isNew = await award(ctx.db, {
          memberId: ctx.member.id,
          groupId: ctx.group.id,
          reason: 'goal',
          reference: goalReference(weekStart, n),
          points: POINTS.goal,
          localDate: ctx.local.date,
        });
        const ticked = new Set(await awardedReferences(ctx.db, ctx.member.id, 'goal', goalPrefix(weekStart)));
        const lines = week.goals.map(
          (g, i) => `${ticked.has(goalReference(weekStart, i + 1)) ? '[x]' : '[ ]'} ${i + 1}. ${g}`,
        );
        return reply(
          [
            text(
              isNew ? `Goal ${n} ticked: +${POINTS.goal} points.` : `Goal ${n} was already ticked; nothing changed.`,
            ),
            text(lines.join('\n')),
            context(`${ticked.size} of ${week.goals.length} goals of week ${current} ticked.`),
          ],
          { title: `Week ${current} goals` },
        );
      },
    },
  ],
} satisfies Command;
