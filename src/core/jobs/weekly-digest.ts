import { renderWeekBars } from '../../charts/week-bars';
import { completionsPerDay, groupActivity } from '../../db/activity';
import { membersWithLastActivity, ratingAverages } from '../../db/digest';
import { readLeaderboard } from '../../db/leaderboard';
import type { Group } from '../../db/schema';
import { context, fields, type Message, text } from '../message';
import { planWeekNumber } from '../plan';
import { competencyName } from '../problem-message';
import { currentStreak } from '../scoring';
import { addDays, daysBetween, localParts, weekdayOf } from '../time';

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

import type { CoreDeps } from '../types';

/** Averages are shown only when at least this many members rated, so no one's rating can be inferred. */
export const MIN_RATERS = 3;
/** Members without a done problem for this many days are "quiet" (named to organizers only). */
export const QUIET_DAYS = 7;

export interface DigestOptions {
  /** The digest's local date: the last day of the week it covers. */
  date: string;
  /** When the digest is computed (ratings are taken as of this instant). */
  at: Date;
  /** The organizers' preview adds quiet members by name; the channel post never does. */
  forOrganizers: boolean;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** The weekly cohort digest: aggregates only, and quiet members only in the organizers' preview. */
export async function weeklyDigest(deps: CoreDeps, group: Group, o: DigestOptions): Promise<Message> {
  const from = addDays(o.date, -6);
  const prevFrom = addDays(from, -7);
  const prevTo = addDays(from, -1);
  const [now, before, members, board, ratings, ratingsBefore, perDay] = await Promise.all([
    groupActivity(deps.db, group.id, from, o.date),
    groupActivity(deps.db, group.id, prevFrom, prevTo),
    membersWithLastActivity(deps.db, group.id),
    group.leaderboard_enabled
      ? readLeaderboard(deps.db, { groupId: group.id, scope: 'week', today: o.date, limit: 5 })
      : null,
    ratingAverages(deps.db, group.id, o.at),
    ratingAverages(deps.db, group.id, new Date(o.at.getTime() - 7 * 86_400_000)),
    completionsPerDay(deps.db, group.id, from, o.date),
  ]);
  const top = board?.top ?? [];

  const week = planWeekNumber(group.cohort_start, o.date);
  const total = deps.pack.plan.length;
  const planText =
    week < 1
      ? `starts ${group.cohort_start}`
      : week > total
        ? 'complete'
        : `week ${week} of ${total} (${Math.round((week / total) * 100)}%)`;

  const blocks = [
    fields(
      { label: 'Active members', value: `${now.active} of ${members.length}` },
      { label: 'Problems done', value: `${now.done} (last week ${before.done}, ${signed(now.done - before.done)})` },
      { label: 'Plan', value: planText },
    ),
  ];

  const visible = members.filter((m) => !m.leaderboard_opt_out);
  const streaks = visible
    .map((m) => ({
      name: m.display_name || m.user_id,
      days: currentStreak(
        {
          current: m.streak_current,
          best: m.streak_best,
          lastDate: m.streak_last_date,
          graceDate: m.streak_grace_date,
        },
        o.date,
      ),
    }))
    .filter((s) => s.days > 0)
    .sort((a, b) => b.days - a.days || a.name.localeCompare(b.name))
    .slice(0, 3);
  if (streaks.length > 0)
    blocks.push(text(`**Streak leaders:** ${streaks.map((s) => `${s.name} (${s.days} days)`).join(', ')}`));
  if (top.length > 0)
    blocks.push(
      text(
        `**Top of the week**\n${top.map((t) => `${t.rank}. ${t.displayName || t.userId}: ${t.points} points`).join('\n')}`,
      ),
    );

  const shown = ratings.filter((r) => r.raters >= MIN_RATERS);
  if (shown.length > 0) {
    const lines = deps.pack.competencies
      .map((c) => {
        const r = shown.find((x) => x.competency === c.id);
        if (!r) return null;
        const prev = ratingsBefore.find((x) => x.competency === c.id && x.raters >= MIN_RATERS);
        const move = prev ? ` (${signed(Math.round((r.average - prev.average) * 10) / 10)})` : '';
        return `- ${competencyName(deps.pack, c.id)}: ${r.average.toFixed(1)}${move}`;
      })
      .filter((l) => l !== null);
    blocks.push(text(`**Group self-ratings** (average of ${MIN_RATERS}+ members)\n${lines.join('\n')}`));
  } else {
    blocks.push(
      context(
        `Group self-rating averages appear once ${MIN_RATERS} or more members have rated themselves with \`/assess\`.`,
      ),
    );
  }

  if (o.forOrganizers) {
    const quiet = members.filter((m) => {
      const joined = localParts(m.created_at, group.timezone).date;
      const last = m.last_done && m.last_done > joined ? m.last_done : joined;
      return daysBetween(last, o.date) >= QUIET_DAYS;
    });
    blocks.push(
      text(
        quiet.length > 0
          ? `**Quiet for ${QUIET_DAYS}+ days** (organizers only): ${quiet.map((m) => m.display_name || `<@${m.user_id}>`).join(', ')}`
          : `Nobody has been quiet for ${QUIET_DAYS}+ days.`,
      ),
    );
  }
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  const image = await renderWeekBars({
    title: 'Problems done this week',
    subtitle: `${from} to ${o.date}`,
    unit: 'problems done',
    bars: days.map((d) => ({ label: `${WEEKDAY_SHORT[weekdayOf(d)]} ${d.slice(8)}`, value: perDay.get(d) ?? 0 })),
    filename: `digest-${o.date}.png`,
  });
  return {
    visibility: o.forOrganizers ? 'private' : 'channel',
    title: `${o.forOrganizers ? 'Digest preview' : 'Weekly digest'}: ${from} to ${o.date}`,
    blocks,
    image,
  };
}
