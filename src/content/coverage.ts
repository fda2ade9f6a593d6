import { COMPETENCIES, KINDS, type Pack } from './schema';

const SHORT: Record<string, string> = {
  coding: 'code',
  'system-design': 'design',
  aws: 'aws',
  'distributed-systems': 'dist',
  'ai-ml': 'ai-ml',
};

/** A plain-text table of plan weeks against competencies, with totals per kind. */
export function coverageTable(pack: Pack): string {
  const cols = COMPETENCIES.map((c) => SHORT[c] ?? c);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const lines = [`week  ${cols.map((c) => pad(c, 6)).join(' ')}  total  block`];
  for (const week of pack.plan) {
    const inWeek = pack.problems.filter((p) => p.weeks.includes(week.week));
    const counts = COMPETENCIES.map((c) => pad(inWeek.filter((p) => p.competency === c).length, 6));
    lines.push(`${pad(week.week, 4)}  ${counts.join(' ')}  ${pad(inWeek.length, 5)}  ${week.block}`);
  }
  const byComp = COMPETENCIES.map((c) => pad(pack.problems.filter((p) => p.competency === c).length, 6));
  lines.push(` all  ${byComp.join(' ')}  ${pad(pack.problems.length, 5)}`);
  lines.push('');
  lines.push(`by kind: ${KINDS.map((k) => `${k} ${pack.problems.filter((p) => p.kind === k).length}`).join(', ')}`);
  return lines.join('\n');
}
