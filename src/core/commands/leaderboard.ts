import { type Board, type BoardRow, readLeaderboard } from '../../db/leaderboard';
import { SCOPES, type Scope } from '../../db/points';
import type { Command } from '../command';
import { UserError } from '../errors';
import { context, divider, type Message, reply, text } from '../message';
import { mondayOf } from '../time';
import type { CommandContext } from '../types';

export const TOP = 10;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "this week (from Monday 2026-11-23)", "November 2026", "all time". */
export function scopeTitle(scope: Scope, today: string): string {
  switch (scope) {
    case 'week':
      return `this week (from Monday ${mondayOf(today)})`;
    case 'month':
      return `${MONTHS[Number(today.slice(5, 7)) - 1]} ${today.slice(0, 4)}`;
    case 'all':
      return 'all time';
  }
}

const pointsText = (n: number) => `${n} point${n === 1 ? '' : 's'}`;

export function boardLine(row: BoardRow, you: boolean): string {
  const name = row.displayName || `<@${row.userId}>`;
  const streak = row.streak > 0 ? `, ${row.streak}-day streak` : '';
  return `**${row.rank}.** ${name}${you ? ' (you)' : ''}: ${pointsText(row.points)}${streak}`;
}

/** Refuses when the organizers turned the board off; /progress still shows a member's own figures. */
export function requireBoard(ctx: CommandContext): void {
  if (!ctx.group.leaderboard_enabled)
    throw new UserError(
      "This group's organizers turned the leaderboard off (`/studygroup leaderboard on` brings it back). Your own figures are in `/progress`.",
    );
}

function boardMessage(ctx: CommandContext, board: Board): Message {
  const scopeName = scopeTitle(board.scope, ctx.local.date);
  const blocks = [
    text(
      board.top.length > 0
        ? board.top.map((r) => boardLine(r, r.memberId === ctx.member.id)).join('\n')
        : `Nobody has points for ${scopeName} yet. \`/daily done\` is the quickest way on.`,
    ),
  ];
  const inTop = board.top.some((r) => r.memberId === ctx.member.id);
  if (board.me && !inTop) blocks.push(divider, text(boardLine(board.me, true)));
  else if (!board.me) {
    blocks.push(
      text(
        ctx.member.leaderboard_opt_out
          ? 'You are hidden from the leaderboard (`/progress optin` shows you again).'
          : `You have no points for ${scopeName} yet.`,
      ),
    );
  }
  const others = SCOPES.filter((s) => s !== board.scope).map((s) => `\`/leaderboard ${s}\``);
  blocks.push(
    context(
      `${board.ranked} member${board.ranked === 1 ? '' : 's'} ranked; members who opted out are not shown. Also: ${others.join(', ')}. How points work: \`/help points\`.`,
    ),
  );
  return reply(blocks, { title: `Leaderboard: ${scopeName}` });
}

export const leaderboard = {
  name: 'leaderboard',
  description: "The group's ranking by points, with streaks",
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: 'The top 10 and your own place, for this week, this month or all time',
      options: [{ name: 'scope', type: 'string', choices: SCOPES, description: 'week (default), month or all' }],
      async run(ctx, values) {
        requireBoard(ctx);
        const scope = (values.scope ?? 'week') as Scope;
        const board = await readLeaderboard(ctx.db, {
          groupId: ctx.group.id,
          scope,
          today: ctx.local.date,
          limit: TOP,
          memberId: ctx.member.id,
        });
        return boardMessage(ctx, board);
      },
    },
  ],
} satisfies Command;
