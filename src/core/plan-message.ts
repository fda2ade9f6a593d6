import type { Pack, PlanWeek } from '../content/schema';
import { type Block, fields, text } from './message';
import { competencyName } from './problem-message';

/** A plan week as blocks: focus, goals, resources and the competencies it trains. */
export function planWeekBlocks(pack: Pack, week: PlanWeek): Block[] {
  return [
    text(`**Week ${week.week} of ${pack.plan.length}: ${week.block}**\n${week.focus}`),
    text(`**Goals**\n${week.goals.map((g) => `- ${g}`).join('\n')}`),
    fields(
      { label: 'Resources', value: week.resources.join('; ') },
      { label: 'Trains', value: week.competencies.map((c) => competencyName(pack, c)).join(', ') },
    ),
    text(`**By the end of the week:** ${week.deliverable}`),
  ];
}
