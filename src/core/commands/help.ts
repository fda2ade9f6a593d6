import { type Command, usage } from '../command';
import { UserError } from '../errors';
import { context, reply, text } from '../message';
import { GRACE_WINDOW_DAYS, POINTS } from '../scoring';

function pointsHelp() {
  const milestones = Object.entries(POINTS.streakMilestones)
    .map(([days, pts]) => `${days} days +${pts}`)
    .join(', ');
  return reply(
    [
      text(
        [
          `- Daily problem done on its day: **+${POINTS.doneOnDay}** (caught up later: +${POINTS.doneLate})`,
          `- Confidence rating given: **+${POINTS.confidence}**`,
          `- Streak milestones: ${milestones}`,
          `- Weekly self-assessment: **+${POINTS.weeklyAssessment}** once per plan week, when you have rated every competency that week (\`/assess\`)`,
          `- Plan-week goal ticked: **+${POINTS.goal}** per goal of the current week (\`/plan goal 1\`)`,
        ].join('\n'),
      ),
      text(
        `A streak counts the group's local days with a done problem. One missed day in any ${GRACE_WINDOW_DAYS} is forgiven, so a single busy day does not reset it.`,
      ),
      text(
        "`/leaderboard week` counts Monday to Sunday and `month` the calendar month, in the group's time zone; `all` counts everything. `/progress optout` hides you from it.",
      ),
      context(
        'Points reward practice, never how high you rate yourself. Each award is counted once, however often you click.',
      ),
    ],
    { title: 'How points and streaks work' },
  );
}

export const help = {
  name: 'help',
  description: 'Every command with its usage; `/help <command>` for details, `/help points` for scoring',
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'List the commands, or explain one',
      options: [{ name: 'topic', type: 'string', description: 'A command name, or "points"' }],
      async run(ctx, values) {
        const topic = typeof values.topic === 'string' ? values.topic.replace(/^\//, '').toLowerCase() : undefined;
        if (topic === 'points') return pointsHelp();
        if (topic) {
          const command = ctx.commands.find((c) => c.name === topic);
          if (!command) {
            throw new UserError(
              `There is no /${topic} command. Commands: ${ctx.commands.map((c) => `/${c.name}`).join(', ')}.`,
            );
          }
          const lines = command.subcommands.map(
            (s) => `\`${usage(command, s)}\`: ${s.description}${s.organizerOnly ? ' _(organizers)_' : ''}`,
          );
          return reply([text(command.description), text(lines.join('\n'))], { title: `/${command.name}` });
        }
        const lines = ctx.commands.map((c) => {
          const usages = c.subcommands.map((s) => `\`${usage(c, s)}\``).join(' ');
          return `**/${c.name}**: ${c.description}\n${usages}`;
        });
        return reply(
          [
            text(lines.join('\n\n')),
            context('`/help <command>` explains one command; `/help points` explains scoring.'),
          ],
          {
            title: 'Bar Raiser commands',
          },
        );
      },
    },
  ],
} satisfies Command;
