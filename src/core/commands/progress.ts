import { readLeaderboard } from '../../db/leaderboard';
import { doneProblems, pointsByScope, setLeaderboardOptOut } from '../../db/progress';
import { checkedItems, ratingHistory } from '../../db/ratings';
import type { Command } from '../command';
import { context, fields, reply, text } from '../message';
import { snapshots, trend } from '../readiness';
import { currentStreak } from '../scoring';
import type { CommandContext } from '../types';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

async function rankText(ctx: CommandContext): Promise<string> {
  if (!ctx.group.leaderboard_enabled) return 'leaderboard off in this group';
  if (ctx.member.leaderboard_opt_out) return 'hidden (you opted out)';
  const board = await readLeaderboard(ctx.db, {
    groupId: ctx.group.id,
    scope: 'all',
    today: ctx.local.date,
    limit: 0,
    memberId: ctx.member.id,
  });
  return board.me ? `#${board.me.rank} of ${board.ranked} (all time)` : 'not ranked yet';
}

export const progress = {
  name: 'progress',
  description: 'Your own points, rank, streaks, problems done and readiness trend',
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'Your stats, privately',
      async run(ctx) {
        const m = ctx.member;
        const level = m.target_level ?? ctx.group.target_level;
        const [points, rank, done, history, checked] = await Promise.all([
          pointsByScope(ctx.db, ctx.group.id, m.id, ctx.local.date),
          rankText(ctx),
          doneProblems(ctx.db, m.id),
          ratingHistory(ctx.db, m.id),
          checkedItems(ctx.db, m.id),
        ]);
        const streak = currentStreak(
          {
            current: m.streak_current,
            best: m.streak_best,
            lastDate: m.streak_last_date,
            graceDate: m.streak_grace_date,
          },
          ctx.local.date,
        );
        const byCompetency = new Map<string, number>();
        for (const d of done) {
          const competency = ctx.pack.problemById.get(d.problemId)?.competency ?? 'other';
          byCompetency.set(competency, (byCompetency.get(competency) ?? 0) + 1);
        }
        const competencyLines = ctx.pack.competencies.map((c) => `- ${c.name}: ${byCompetency.get(c.id) ?? 0}`);
        if (byCompetency.has('other')) competencyLines.push(`- no longer in the pack: ${byCompetency.get('other')}`);
        const snaps = snapshots(ctx.pack, history);
        const checklist = ctx.pack.checklist.filter((i) => i.level === level);
        return reply(
          [
            fields(
              { label: 'Points', value: `${points.all} (this week ${points.week}, this month ${points.month})` },
              { label: 'Rank', value: rank },
              { label: 'Streak', value: `${days(streak)} now, best ${days(m.streak_best)}` },
              { label: 'Problems done', value: String(done.length) },
              {
                label: `${level} checklist`,
                value: `${checklist.filter((i) => checked.has(i.id)).length} of ${checklist.length} ticked`,
              },
            ),
            text(`**Problems done by competency**\n${competencyLines.join('\n')}`),
            text(
              snaps.length > 0
                ? `**Readiness trend** (each at the level you had then): ${trend(snaps.slice(-8))}`
                : '**Readiness trend**: no self-assessment yet; `/assess` takes two minutes.',
            ),
            context(
              `Only you see this. ${m.leaderboard_opt_out ? '`/progress optin` shows you on the leaderboard again.' : '`/progress optout` hides you from the leaderboard.'}`,
            ),
          ],
          { title: `Your progress${m.display_name ? `, ${m.display_name}` : ''}` },
        );
      },
    },
    {
      name: 'optout',
      description: 'Hide yourself from the leaderboard (your points still count for you)',
      async run(ctx) {
        await setLeaderboardOptOut(ctx.db, ctx.member.id, true);
        return reply([
          text(
            "You are now hidden from the leaderboard and the digest's top list. You keep earning points; `/progress` still shows them. `/progress optin` undoes this.",
          ),
        ]);
      },
    },
    {
      name: 'optin',
      description: 'Show yourself on the leaderboard again',
      async run(ctx) {
        await setLeaderboardOptOut(ctx.db, ctx.member.id, false);
        return reply([text('You are back on the leaderboard.')]);
      },
    },
  ],
} satisfies Command;
