import { z } from 'zod';
import { renderRadar } from '../../charts/radar';
import { COMPETENCIES, type Level, type Pack } from '../../content/schema';
import { award } from '../../db/points';
import { doneProblems } from '../../db/progress';
import { checkedItems, insertRatings, ratingHistory, setChecklist, setMemberLevel } from '../../db/ratings';
import type { Command } from '../command';
import { FormError, UserError } from '../errors';
import { type Block, context, type Form, fields, type Message, reply, text } from '../message';
import { planWeekNumber } from '../plan';
import { assessReadiness, biggestGaps, changeSince, type Snapshot, snapshots, studyNext, trend } from '../readiness';
import { POINTS, planWeekStart, weeklyAssessmentDone } from '../scoring';
import { localDate } from '../time';
import type { CommandContext } from '../types';

const pct = (n: number) => `${Math.round(n)}%`;
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(Math.round(n))}`;

function memberLevel(ctx: CommandContext): Level {
  return ctx.member.target_level ?? ctx.group.target_level;
}

/** The form field for one level's checklist; one field per level keeps each list short (Slack allows 10). */
const checklistField = (level: string) => `checklist-${level.toLowerCase()}`;

/** The whole self-assessment as a form: built from the pack alone, so adapters can open it at once. */
export function assessForm(pack: Pack): Form {
  return {
    title: 'Readiness self-assessment',
    submitLabel: 'Show my readiness',
    fields: [
      ...pack.competencies.map((c) => ({
        type: 'select' as const,
        name: c.id,
        label: `${c.name}: rate yourself 1-5`,
        required: true,
        options: ([1, 2, 3, 4, 5] as const).map((n) => ({
          label: String(n),
          value: String(n),
          description: c.scale[n],
        })),
      })),
      {
        type: 'select',
        name: 'level',
        label: 'Target level (empty keeps yours)',
        options: pack.meta.levels.map((l) => ({ label: `${l}: ${pack.meta.levelNames[l] ?? l}`, value: l })),
      },
      ...pack.meta.levels.map((level) => ({
        type: 'checkboxes' as const,
        name: checklistField(level),
        label: `${level} readiness checklist: tick everything that is true today`,
        options: pack.checklist
          .filter((i) => i.level === level)
          .map((i) => ({ label: i.text, value: i.id, description: i.evidence })),
      })),
    ],
    submit: { command: 'assess', args: ['submit'] },
  };
}

interface Submission {
  ratings: Record<string, number>;
  level?: Level;
  /** The checklist items the member was asked about, and which of them are ticked. */
  checklist?: { scope: string[]; ticked: Set<string> };
}

/**
 * `name=value` tokens -> a validated submission. Every wrong field gets its own message (FormError), so
 * an adapter can show it beside the field and keep the other answers.
 */
export function parseSubmission(pack: Pack, tokens: readonly string[]): Submission {
  // Maps, not objects: a field named like `__proto__` or `toString` must be just an unknown field.
  const errors = new Map<string, string>();
  const raw = new Map<string, string>();
  for (const token of tokens) {
    const m = /^([\w-]+)=(.*)$/.exec(token);
    if (!m) {
      errors.set(token, `"${token}" is not name=value, e.g. system-design=4 or level=L7.`);
      continue;
    }
    const key = (m[1] ?? '').toLowerCase();
    if (raw.has(key)) errors.set(key, `${key} is given twice.`);
    raw.set(key, (m[2] ?? '').trim());
  }

  const levelFields = new Map(pack.meta.levels.map((l) => [checklistField(l), l]));
  const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
  const ratingSchema = (name: string) =>
    z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[1-5]$/, { error: (i) => `Rate ${name} with a whole number from 1 to 5 (got "${String(i.input)}").` })
        .transform(Number)
        .optional(),
    );
  const itemsSchema = (allowed: readonly string[], what: string) =>
    z.string().transform((v, ctx) => {
      const ids = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = ids.filter((id) => !allowed.includes(id));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `Not ${what} checklist item${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`,
        });
        return z.NEVER;
      }
      return ids;
    });
  const allItems = pack.checklist.map((i) => i.id);
  const shape: Record<string, z.ZodType> = {
    level: z.preprocess(
      (v) => (typeof v === 'string' && v !== '' ? v.toUpperCase() : undefined),
      z
        .enum(pack.meta.levels as [Level, ...Level[]], { error: `Level must be ${pack.meta.levels.join(' or ')}.` })
        .optional(),
    ),
    checklist: itemsSchema(allItems, 'a').optional(),
  };
  for (const c of pack.competencies) shape[c.id] = ratingSchema(c.name);
  for (const [field, level] of levelFields)
    shape[field] = itemsSchema(
      pack.checklist.filter((i) => i.level === level).map((i) => i.id),
      `an ${level}`,
    ).optional();

  for (const key of raw.keys()) {
    if (!Object.hasOwn(shape, key))
      errors.set(
        key,
        `"${key}" is not part of the assessment. Use ${pack.competencies.map((c) => c.id).join(', ')}, level or checklist.`,
      );
  }
  const known = Object.fromEntries([...raw].filter(([key]) => Object.hasOwn(shape, key)));
  const result = z.object(shape).safeParse(known);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? 'submission');
      if (!errors.has(field)) errors.set(field, issue.message);
    }
  }
  if (errors.size > 0 || !result.success) throw new FormError(Object.fromEntries(errors));

  const data = result.data as Record<string, unknown>;
  const ratings: Record<string, number> = {};
  for (const c of pack.competencies) if (typeof data[c.id] === 'number') ratings[c.id] = data[c.id] as number;
  const submission: Submission = { ratings };
  if (data.level) submission.level = data.level as Level;
  // Each checklist field given covers its items: ticked ones are done, the rest of that list is not.
  const scope: string[] = [];
  const ticked = new Set<string>();
  if (Array.isArray(data.checklist)) {
    scope.push(...allItems);
    for (const id of data.checklist as string[]) ticked.add(id);
  }
  for (const [field, level] of levelFields) {
    if (!Array.isArray(data[field])) continue;
    scope.push(...pack.checklist.filter((i) => i.level === level).map((i) => i.id));
    for (const id of data[field] as string[]) ticked.add(id);
  }
  if (scope.length > 0) submission.checklist = { scope: [...new Set(scope)], ticked };
  if (Object.keys(ratings).length === 0 && !submission.level && !submission.checklist)
    throw new UserError(
      'Nothing to record: give at least one rating, e.g. `/assess submit system-design=4`, or run `/assess` for the form.',
    );
  return submission;
}

/**
 * Records a submission in one transaction: the week's assessment points when every competency has now
 * been rated this plan week, ratings appended, checklist changes and the level. The award comes first,
 * before anything else references the member row, so this and /daily done (points, then the member row
 * locked) take their locks in the same order and cannot deadlock.
 */
async function record(ctx: CommandContext, s: Submission): Promise<{ awarded: number }> {
  const level = s.level ?? memberLevel(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    let awarded = 0;
    if (Object.keys(s.ratings).length > 0) {
      const weekStart = planWeekStart(ctx.group.cohort_start, ctx.local.date);
      const earlier = await ratingHistory(trx, ctx.member.id);
      const ratedThisWeek = new Set([
        ...earlier
          .filter((e) => localDate(e.ratedAt, ctx.group.timezone) >= weekStart && e.ratedAt <= ctx.now)
          .map((e) => e.competency),
        ...Object.keys(s.ratings),
      ]);
      const complete = weeklyAssessmentDone(
        ctx.pack.competencies.map((c) => c.id),
        ratedThisWeek,
      );
      if (
        complete &&
        (await award(trx, {
          memberId: ctx.member.id,
          groupId: ctx.group.id,
          reason: 'assessment',
          reference: weekStart,
          points: POINTS.weeklyAssessment,
          localDate: ctx.local.date,
        }))
      )
        awarded = POINTS.weeklyAssessment;
    }
    await insertRatings(trx, ctx.member.id, level, s.ratings, ctx.now);
    if (s.checklist) await setChecklist(trx, ctx.member.id, s.checklist.scope, s.checklist.ticked, ctx.now);
    if (s.level && s.level !== ctx.member.target_level) await setMemberLevel(trx, ctx.member.id, s.level);
    return { awarded };
  });
}

function notRatedYet(pack: Pack, level: Level): Message {
  return reply(
    [
      text(
        `You have not rated yourself yet. Run \`/assess\` for the form, or rate one competency at a time: \`/assess system-design 3\`. Your target level is ${level} (\`/assess level L7\` changes it).`,
      ),
      text(`Competencies: ${pack.competencies.map((c) => `\`${c.id}\``).join(', ')}.`),
      context('Only you see your ratings and report; the channel only ever sees group totals.'),
    ],
    { title: 'Readiness self-assessment' },
  );
}

/** The private readiness report, with the radar; compares the latest assessment with the one before. */
export async function readinessReport(ctx: CommandContext, level: Level, notes: string[] = []): Promise<Message> {
  const [history, done, checked] = await Promise.all([
    ratingHistory(ctx.db, ctx.member.id),
    doneProblems(ctx.db, ctx.member.id),
    checkedItems(ctx.db, ctx.member.id),
  ]);
  const snaps = snapshots(ctx.pack, history);
  const latest = snaps.at(-1);
  if (!latest) return notRatedYet(ctx.pack, level);
  const previous = snaps.at(-2);
  const readiness = assessReadiness(ctx.pack, level, latest.ratings);
  const change = previous ? changeSince(ctx.pack, level, previous.ratings, latest.ratings) : null;

  const blocks: Block[] = notes.map((n) => text(n));
  const since = previous
    ? ` (${signed(change?.percent ?? 0)} since ${localDate(previous.at, ctx.group.timezone)})`
    : '';
  blocks.push(text(`**Readiness for ${level}: ${pct(readiness.percent)}**${since}`));
  blocks.push(
    fields(
      ...readiness.competencies.map((c) => {
        const moved = change?.ratings[c.id];
        const was = moved ? ` (was ${moved.from ?? 'unrated'})` : '';
        const rating = c.rating === null ? 'not rated' : String(c.rating);
        const status = c.rating === null ? '' : c.gap > 0 ? `, ${c.gap} to go` : ', at the bar';
        return {
          label: `${c.name} (weight ${pct(c.weight * 100)})`,
          value: `${rating}${was} of bar ${c.bar}${status}`,
        };
      }),
    ),
  );

  const gaps = biggestGaps(readiness);
  if (gaps.length > 0) {
    const currentWeek = planWeekNumber(ctx.group.cohort_start, ctx.local.date);
    const doneIds = new Set(done.map((d) => d.problemId));
    const lines = gaps.map((g, i) => {
      const next = studyNext(ctx.pack, level, g.id, { currentWeek, rating: g.rating, done: doneIds });
      const worth = Math.round(g.weight * (1 - g.credit) * 100);
      const weeks = next.weeks.length
        ? `${next.upcoming ? 'plan weeks' : 'revisit plan weeks'} ${next.weeks.join(', ')}`
        : 'no plan week trains it';
      const problems = next.problems.map((p) => `_${p.title}_ (${p.difficulty})`).join('; ');
      return `${i + 1}. **${g.name}**: ${g.rating ?? 'not rated'} of ${g.bar}; reaching the bar adds ${worth} points. Study: ${weeks}${problems ? `. Try: ${problems}` : ''}.`;
    });
    blocks.push(text(`**Biggest gaps, weighted by the ${level} interview**\n${lines.join('\n')}`));
  } else {
    blocks.push(text(`You meet the ${level} bar in every competency. Keep it fresh with \`/daily\`.`));
  }

  const open = ctx.pack.checklist.filter((i) => i.level === level && !checked.has(i.id));
  const total = ctx.pack.checklist.filter((i) => i.level === level).length;
  blocks.push(
    text(
      open.length > 0
        ? `**${level} checklist still open (${open.length} of ${total})**\n${open.map((i) => `- ${i.text} (\`${i.id}\`)`).join('\n')}`
        : `Every ${level} checklist item is ticked.`,
    ),
  );
  blocks.push(
    context(
      'Only you see this report. `/assess history` shows your trend; `/assess coding 4` updates one rating; `/assess check <item>` ticks a checklist item.',
    ),
  );

  const image = await renderRadar({
    title: `Readiness: ${ctx.member.display_name || 'you'} against the L6 and L7 bars`,
    youLabel: `You (target ${level}): ${pct(readiness.percent)}`,
    axes: readiness.competencies.map((c) => {
      const spec = ctx.pack.competencies.find((s) => s.id === c.id);
      return { label: c.name, value: c.rating, L6: spec?.bar.L6 ?? 0, L7: spec?.bar.L7 ?? 0 };
    }),
    filename: `readiness-${ctx.local.date}.png`,
  });
  return reply(blocks, { title: `Your readiness report (${level})`, image });
}

function historyLine(ctx: CommandContext, s: Snapshot): string {
  const ratings = ctx.pack.competencies.map((c) => `${c.name} ${s.ratings[c.id] ?? '–'}`).join(', ');
  return `- ${localDate(s.at, ctx.group.timezone)} · ${s.level} · **${pct(s.percent)}** · ${ratings}`;
}

const ITEM = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a checklist item id looks like l7-aws-15-services-deep');

async function checkItem(ctx: CommandContext, itemId: string, done: boolean): Promise<Message> {
  const item = ctx.pack.checklist.find((i) => i.id === itemId);
  if (!item) {
    const level = memberLevel(ctx);
    const ids = ctx.pack.checklist.filter((i) => i.level === level).map((i) => `\`${i.id}\``);
    throw new UserError(`There is no checklist item "${itemId}". ${level} items: ${ids.join(', ')}.`);
  }
  const wanted = done ? new Set([item.id]) : new Set<string>();
  const { checked, unchecked } = await setChecklist(ctx.db, ctx.member.id, [item.id], wanted, ctx.now);
  const changed = checked.length + unchecked.length > 0;
  const state = await checkedItems(ctx.db, ctx.member.id);
  const ofLevel = ctx.pack.checklist.filter((i) => i.level === item.level);
  const count = ofLevel.filter((i) => state.has(i.id)).length;
  return reply([
    text(
      `${changed ? (done ? 'Ticked' : 'Unticked') : done ? 'Already ticked' : 'Was not ticked'}: ${item.text} (${item.level} checklist: ${count} of ${ofLevel.length} done)`,
    ),
  ]);
}

const ratingOptions = [
  {
    name: 'competency',
    type: 'string' as const,
    choices: COMPETENCIES,
    description: 'The competency to rate',
  },
  { name: 'rating', type: 'integer' as const, min: 1, max: 5, description: 'Your rating, 1 (beginner) to 5 (expert)' },
];

export const assess = {
  name: 'assess',
  description: 'Rate yourself per competency and get a private readiness report against your level',
  defaultSubcommand: 'rate',
  subcommands: [
    {
      name: 'rate',
      description: 'Without arguments, the whole assessment as a form; or rate one competency',
      options: ratingOptions,
      form: assessForm,
      async run(ctx, values) {
        const level = memberLevel(ctx);
        if (typeof values.competency !== 'string') return readinessReport(ctx, level);
        if (typeof values.rating !== 'number') {
          const spec = ctx.pack.competencies.find((c) => c.id === values.competency);
          const scale = spec ? ([1, 2, 3, 4, 5] as const).map((n) => `${n}: ${spec.scale[n]}`).join('\n') : '';
          throw new UserError(
            `Give a rating from 1 to 5, e.g. \`/assess ${values.competency} 3\`.${scale ? ` For ${spec?.name}:\n${scale}` : ''}`,
          );
        }
        const { awarded } = await record(ctx, { ratings: { [values.competency]: values.rating } });
        const name = ctx.pack.competencies.find((c) => c.id === values.competency)?.name ?? values.competency;
        return readinessReport(ctx, level, [
          `${name} rated ${values.rating}.${awarded ? ` +${awarded} points for this week's assessment.` : ''}`,
        ]);
      },
    },
    {
      name: 'submit',
      description: 'Record a whole assessment: coding=3 system-design=4 … level=L7 checklist=item,item',
      options: [
        {
          name: 'answers',
          type: 'string',
          rest: true,
          example: 'coding=3 system-design=4 level=L7',
          description: 'name=value pairs',
        },
      ],
      async run(ctx, values) {
        const tokens = typeof values.answers === 'string' ? values.answers.split(/\s+/).filter(Boolean) : [];
        const submission = parseSubmission(ctx.pack, tokens);
        const { awarded } = await record(ctx, submission);
        const notes: string[] = [];
        if (Object.keys(submission.ratings).length > 0) notes.push('Assessment recorded.');
        if (awarded) notes.push(`+${awarded} points for this week's assessment.`);
        return readinessReport(ctx, submission.level ?? memberLevel(ctx), notes.length ? [notes.join(' ')] : []);
      },
    },
    {
      name: 'level',
      description: 'Set your own target level; the report then measures against its bar',
      options: [{ name: 'level', type: 'string', required: true, choices: ['L6', 'L7'], description: 'L6 or L7' }],
      async run(ctx, values) {
        const level = values.level as Level;
        if (!ctx.pack.meta.levels.includes(level))
          throw new UserError(`This content pack only has ${ctx.pack.meta.levels.join(', ')}.`);
        await setMemberLevel(ctx.db, ctx.member.id, level);
        return readinessReport(ctx, level, [`Your target level is now ${level}.`]);
      },
    },
    {
      name: 'check',
      description: 'Tick a readiness-checklist item',
      options: [{ name: 'item', type: 'string', required: true, schema: ITEM, description: 'The item id' }],
      run: (ctx, values) => checkItem(ctx, String(values.item), true),
    },
    {
      name: 'uncheck',
      description: 'Untick a readiness-checklist item',
      options: [{ name: 'item', type: 'string', required: true, schema: ITEM, description: 'The item id' }],
      run: (ctx, values) => checkItem(ctx, String(values.item), false),
    },
    {
      name: 'history',
      description: 'Your readiness over time, one line per assessment',
      async run(ctx) {
        const history = await ratingHistory(ctx.db, ctx.member.id);
        const snaps = snapshots(ctx.pack, history);
        if (snaps.length === 0) return notRatedYet(ctx.pack, memberLevel(ctx));
        const shown = snaps.slice(-12);
        return reply(
          [
            text(`**Trend:** ${trend(shown)}`),
            text(shown.map((s) => historyLine(ctx, s)).join('\n')),
            context(
              `${snaps.length} assessment${snaps.length === 1 ? '' : 's'}${snaps.length > shown.length ? `, the latest ${shown.length} shown` : ''}. Each is scored at the level you had then. Only you see this.`,
            ),
          ],
          { title: 'Your readiness history' },
        );
      },
    },
  ],
} satisfies Command;
