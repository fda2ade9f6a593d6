import type { Pack, Problem } from '../content/schema';
import type { DailyProblem } from '../db/daily';
import { type Button, context, fields, type Message, text } from './message';

const CONFIDENCE_LABELS = ['1 lost', '2 shaky', '3 okay', '4 solid', '5 nailed it'];

/** The buttons under a daily problem: Done, and Done with a confidence of 1-5. */
export function dailyButtons(problemId: string): Button[] {
  return [
    { label: 'Done', action: { command: 'daily', args: ['done', '', problemId] }, style: 'primary' },
    ...CONFIDENCE_LABELS.map((label, i) => ({
      label: `Confidence ${label}`,
      action: { command: 'daily', args: ['done', String(i + 1), problemId] },
    })),
  ];
}

export function competencyName(pack: Pack, id: string): string {
  return pack.competencies.find((c) => c.id === id)?.name ?? id;
}

/** How a daily problem reads, in the channel or privately. */
export function dailyProblemMessage(
  pack: Pack,
  daily: DailyProblem,
  visibility: Message['visibility'],
  opener: string,
): Message {
  const p: Problem = daily.problem;
  return {
    visibility,
    title: `${opener}: ${p.title}`,
    blocks: [
      fields(
        { label: 'Competency', value: competencyName(pack, p.competency) },
        { label: 'Level', value: p.levels.join(', ') },
        { label: 'Difficulty', value: p.difficulty },
        { label: 'Time box', value: `${p.minutes} min` },
      ),
      text(p.prompt),
      context(
        `Plan week ${Math.max(1, daily.planWeek)} · ${daily.localDate} · \`/daily hint\` for hints · \`/daily done 1-5\` when finished`,
      ),
    ],
    buttons: dailyButtons(p.id),
  };
}
