import type { Command } from '../command';
import { context, divider, reply, text } from '../message';
import { effectiveWeek, planWeekNumber } from '../plan';
import { planWeekBlocks } from '../plan-message';
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
  ],
} satisfies Command;
