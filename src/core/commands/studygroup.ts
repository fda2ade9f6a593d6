import { updateGroup } from '../../db/groups';
import { listOrganizers, setOrganizer } from '../../db/members';
import type { Group } from '../../db/schema';
import type { Command, Subcommand } from '../command';
import { UserError } from '../errors';
import { weeklyDigest } from '../jobs/weekly-digest';
import { context, fields, type Message, reply, text } from '../message';
import { planWeekNumber } from '../plan';
import { WEEKDAYS } from '../time';
import type { CommandContext } from '../types';
import { calendarDateValue, clockTimeValue, timeZoneValue, weekdayValue } from '../validators';

const mention = (userId: string) => `<@${userId}>`;

async function settingsMessage(ctx: CommandContext, group: Group, headline?: string): Promise<Message> {
  const organizers = await listOrganizers(ctx.db, group.id);
  const week = planWeekNumber(group.cohort_start, ctx.local.date);
  const total = ctx.pack.plan.length;
  const weekText = week < 1 ? 'not started' : week > total ? 'finished' : `week ${week} of ${total}`;
  const day = WEEKDAYS[group.digest_weekday] ?? 'sunday';
  return reply(
    [
      ...(headline ? [text(headline)] : []),
      fields(
        { label: 'Time zone', value: group.timezone },
        { label: 'Daily problem at', value: group.post_time },
        { label: 'Weekly digest', value: `${day[0]?.toUpperCase()}${day.slice(1)} ${group.digest_time}` },
        { label: 'Cohort start', value: `${group.cohort_start} (${weekText})` },
        { label: 'Target level', value: group.target_level },
        { label: 'Status', value: group.paused ? 'paused' : 'active' },
        { label: 'Leaderboard', value: group.leaderboard_enabled ? 'on' : 'off' },
        {
          label: 'Organizers',
          value:
            organizers.map((o) => o.display_name || mention(o.user_id)).join(', ') ||
            'none yet: run `/studygroup setup`',
        },
      ),
      ...(group.delivery_error ? [context(`Last delivery problem: ${group.delivery_error}`)] : []),
    ],
    { title: `Study group settings${group.name ? `: ${group.name}` : ''}` },
  );
}

/** A subcommand that changes settings and answers with the new ones. */
function setting(
  name: string,
  description: string,
  options: Subcommand['options'],
  change: (
    ctx: CommandContext,
    values: Record<string, string | number | undefined>,
  ) => Parameters<typeof updateGroup>[2],
  said: (group: Group) => string,
): Subcommand {
  return {
    name,
    description,
    options,
    organizerOnly: true,
    async run(ctx, values) {
      const group = await updateGroup(ctx.db, ctx.group.id, change(ctx, values));
      return settingsMessage(ctx, group, said(group));
    },
  };
}

const str = (v: string | number | undefined) => String(v ?? '');

export const studygroup = {
  name: 'studygroup',
  description: "Set up and configure this channel's study group (organizers)",
  defaultSubcommand: 'show',
  subcommands: [
    {
      name: 'show',
      description: "Show this group's settings",
      async run(ctx) {
        return settingsMessage(ctx, ctx.group);
      },
    },
    {
      name: 'setup',
      description: 'Set up the group here; you become its first organizer',
      async run(ctx) {
        const organizers = await listOrganizers(ctx.db, ctx.group.id);
        if (organizers.length > 0 && !ctx.isOrganizer) {
          throw new UserError(
            `This group is already set up; its organizers are ${organizers.map((o) => o.display_name || mention(o.user_id)).join(', ')}. Ask one of them to add you with \`/studygroup organizer add @you\`.`,
          );
        }
        if (organizers.length === 0) await setOrganizer(ctx.db, ctx.group.id, ctx.member.user_id, ctx.now);
        const headline =
          organizers.length === 0
            ? 'Study group set up. You are its organizer. Change anything below with `/studygroup timezone|time|digest|start|level`.'
            : 'This group is already set up.';
        return settingsMessage(ctx, ctx.group, headline);
      },
    },
    setting(
      'timezone',
      "Set the group's time zone (IANA name)",
      [
        {
          name: 'zone',
          type: 'string',
          required: true,
          schema: timeZoneValue,
          example: 'Europe/Berlin',
          description: 'An IANA time zone, e.g. Europe/Berlin',
        },
      ],
      (_ctx, v) => ({ timezone: str(v.zone) }),
      (g) => `Time zone set to ${g.timezone}. Posts follow the group's local time.`,
    ),
    setting(
      'time',
      'Set the local time of the daily problem',
      [
        {
          name: 'time',
          type: 'string',
          required: true,
          schema: clockTimeValue,
          example: '09:00',
          description: '24-hour HH:MM',
        },
      ],
      (_ctx, v) => ({ post_time: str(v.time) }),
      (g) => `The daily problem will be posted at ${g.post_time} (${g.timezone}).`,
    ),
    {
      name: 'digest',
      description: 'Preview the weekly digest, or set its day and local time',
      organizerOnly: true,
      options: [
        { name: 'weekday', type: 'string', schema: weekdayValue, example: 'sunday', description: 'monday … sunday' },
        { name: 'time', type: 'string', schema: clockTimeValue, example: '18:00', description: '24-hour HH:MM' },
      ],
      async run(ctx, values) {
        if (values.weekday === undefined) {
          // The preview covers the seven days up to today, and names quiet members: organizers only.
          return weeklyDigest(ctx, ctx.group, { date: ctx.local.date, at: ctx.now, forOrganizers: true });
        }
        if (values.time === undefined)
          throw new UserError(
            'Missing time. Usage: `/studygroup digest <weekday> <time>`, e.g. `/studygroup digest sunday 18:00`',
          );
        const group = await updateGroup(ctx.db, ctx.group.id, {
          digest_weekday: WEEKDAYS.indexOf(str(values.weekday) as (typeof WEEKDAYS)[number]),
          digest_time: str(values.time),
        });
        return settingsMessage(
          ctx,
          group,
          `The weekly digest will be posted on ${WEEKDAYS[group.digest_weekday]} at ${group.digest_time} (${group.timezone}).`,
        );
      },
    },
    setting(
      'start',
      'Set the cohort start date, which fixes the plan week',
      [
        {
          name: 'date',
          type: 'string',
          required: true,
          schema: calendarDateValue,
          example: '2026-12-07',
          description: 'YYYY-MM-DD',
        },
      ],
      (_ctx, v) => ({ cohort_start: str(v.date) }),
      (g) => `The cohort starts on ${g.cohort_start}.`,
    ),
    setting(
      'level',
      "Set the group's target level",
      [{ name: 'level', type: 'string', required: true, choices: ['L6', 'L7'], description: 'L6 or L7' }],
      (_ctx, v) => ({ target_level: str(v.level) as 'L6' | 'L7' }),
      (g) => `Target level set to ${g.target_level}. Members can still choose their own with \`/assess level\`.`,
    ),
    setting(
      'pause',
      'Pause scheduled posts',
      [],
      () => ({ paused: true }),
      () => 'Paused: no scheduled posts until `/studygroup resume`.',
    ),
    setting(
      'resume',
      'Resume scheduled posts',
      [],
      () => ({ paused: false }),
      () => 'Resumed: scheduled posts are back on.',
    ),
    setting(
      'leaderboard',
      'Turn the leaderboard on or off',
      [{ name: 'state', type: 'string', required: true, choices: ['on', 'off'], description: 'on or off' }],
      (_ctx, v) => ({ leaderboard_enabled: v.state === 'on' }),
      (g) => `Leaderboard turned ${g.leaderboard_enabled ? 'on' : 'off'}.`,
    ),
    {
      name: 'organizer',
      description: 'Make another member an organizer',
      organizerOnly: true,
      options: [
        { name: 'action', type: 'string', required: true, choices: ['add'], description: 'add' },
        { name: 'user', type: 'user', required: true, description: 'The member to make an organizer' },
      ],
      async run(ctx, values) {
        const userId = str(values.user);
        const member = await setOrganizer(ctx.db, ctx.group.id, userId, ctx.now);
        return settingsMessage(ctx, ctx.group, `${member.display_name || mention(userId)} is now an organizer.`);
      },
    },
  ],
} satisfies Command;
