import { recordCompletion } from '../../db/completions';
import { dailyProblemFor, findDailyByProblem } from '../../db/daily';
import type { Command } from '../command';
import { UserError } from '../errors';
import { context, reply, text } from '../message';
import { planWeekNumber } from '../plan';
import { dailyProblemMessage } from '../problem-message';
import { POINTS } from '../scoring';
import type { CommandContext } from '../types';

function today(ctx: CommandContext) {
  const week = planWeekNumber(ctx.group.cohort_start, ctx.local.date);
  return dailyProblemFor(ctx.db, ctx.pack, ctx.group, ctx.local.date, week);
}

export const daily = {
  name: 'daily',
  description: "Today's practice problem for this group; mark it done and rate your confidence",
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: "Show today's problem",
      async run(ctx) {
        return dailyProblemMessage(ctx.pack, await today(ctx), 'private', "Today's problem");
      },
    },
    {
      name: 'hint',
      description: "Hints for today's problem, one nudge at a time",
      async run(ctx) {
        const { problem } = await today(ctx);
        return reply([text(problem.hints.map((h, i) => `${i + 1}. ${h}`).join('\n'))], {
          title: `Hints: ${problem.title}`,
        });
      },
    },
    {
      name: 'done',
      description: 'Mark the problem done, optionally with your confidence from 1 to 5',
      options: [
        {
          name: 'confidence',
          type: 'integer',
          min: 1,
          max: 5,
          description: 'How confident you are now, 1 (lost) to 5 (nailed it)',
        },
        // Buttons on an older post name their problem, so a late click marks the right one.
        { name: 'problem', type: 'string', description: 'Problem id', hidden: true },
      ],
      async run(ctx, values) {
        const confidence = typeof values.confidence === 'number' ? values.confidence : undefined;
        let problemId: string;
        let problemDate: string;
        if (typeof values.problem === 'string') {
          const posted = await findDailyByProblem(ctx.db, ctx.group.id, values.problem);
          if (!posted)
            throw new UserError('That problem was never posted in this group, so it cannot be marked done here.');
          problemId = values.problem;
          problemDate = posted.local_date;
        } else {
          const current = await today(ctx);
          problemId = current.problem.id;
          problemDate = current.localDate;
        }
        const title = ctx.pack.problemById.get(problemId)?.title ?? problemId;
        const result = await recordCompletion(ctx.db, {
          memberId: ctx.member.id,
          groupId: ctx.group.id,
          problemId,
          problemDate,
          today: ctx.local.date,
          confidence,
        });
        switch (result.status) {
          case 'already':
            return reply([
              text(
                `You already marked **${title}** done on ${result.localDate}${result.confidence ? ` with confidence ${result.confidence}` : ''}. Nothing changed.`,
              ),
            ]);
          case 'confidence-added':
            return reply([
              text(`Confidence ${result.confidence} recorded for **${title}** (+${result.points} points).`),
            ]);
          case 'recorded': {
            const blocks = [
              text(
                `**${title}** marked done${confidence ? ` with confidence ${confidence}` : ''}: +${result.points} points. Streak: ${result.streak} day${result.streak === 1 ? '' : 's'}.`,
              ),
            ];
            if (result.milestone) blocks.push(text(`${result.milestone}-day streak reached. Keep it going!`));
            if (!confidence)
              blocks.push(context(`Add your confidence with \`/daily done 1-5\` for +${POINTS.confidence}.`));
            return reply(blocks);
          }
        }
      },
    },
  ],
} satisfies Command;
