import { describe, expect, it } from 'vitest';
import type { Pack, Problem } from '../../src/content/schema';
import { chooseProblem } from '../../src/core/selection';

function pack(problems: Array<Pick<Problem, 'id' | 'weeks' | 'levels'>>): Pack {
  return { problems } as unknown as Pack;
}

describe('problem choice', () => {
  it('prefers problems fitting the week, then the level', () => {
    const p = pack([
      { id: 'other-week', weeks: [3], levels: ['L6'] },
      { id: 'l7-only', weeks: [1], levels: ['L7'] },
      { id: 'fits', weeks: [1], levels: ['L6'] },
    ]);
    expect(chooseProblem(p, { week: 1, level: 'L6', used: new Set(), seed: 'g' })?.id).toBe('fits');
    expect(chooseProblem(p, { week: 1, level: 'L6', used: new Set(['fits']), seed: 'g' })?.id).toBe('l7-only');
    expect(chooseProblem(p, { week: 1, level: 'L6', used: new Set(['fits', 'l7-only']), seed: 'g' })?.id).toBe(
      'other-week',
    );
    expect(
      chooseProblem(p, { week: 1, level: 'L6', used: new Set(['fits', 'l7-only', 'other-week']), seed: 'g' }),
    ).toBeNull();
  });

  it('uses problems whose last chance comes first, so a daily schedule does not run dry', () => {
    // Week 1 and 2 each need one problem; "flexible" fits both, "only-1" fits week 1 alone.
    const p = pack([
      { id: 'flexible', weeks: [1, 2], levels: ['L6'] },
      { id: 'only-1', weeks: [1], levels: ['L6'] },
    ]);
    const first = chooseProblem(p, { week: 1, level: 'L6', used: new Set(), seed: 'any' });
    expect(first?.id).toBe('only-1');
    expect(chooseProblem(p, { week: 2, level: 'L6', used: new Set(['only-1']), seed: 'any' })?.id).toBe('flexible');
  });

  it('varies the order between groups but repeats it for one group', () => {
    const p = pack(
      Array.from({ length: 20 }, (_, i) => ({ id: `p${i}`, weeks: [1], levels: ['L6'] as Problem['levels'] })),
    );
    const pick = (seed: string) => chooseProblem(p, { week: 1, level: 'L6', used: new Set(), seed })?.id;
    expect(pick('group-1')).toBe(pick('group-1'));
    const picks = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map(pick));
    expect(picks.size).toBeGreaterThan(1);
  });
});
