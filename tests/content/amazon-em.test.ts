import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePack } from '../../src/content/load';
import { checkSolution } from '../../src/content/solutions';

const dir = path.resolve(import.meta.dirname, '../../content/amazon-em');
const { pack, errors } = await validatePack(dir);

describe('the amazon-em content pack', () => {
  it('is valid, with every minimum it promises met', () => {
    expect(errors).toEqual([]);
    expect(pack?.meta.minimums?.problems).toBeGreaterThanOrEqual(168);
  });

  it('has every competency of the matrix with L6 and L7 bars, weights summing to 105% as the source gives them', () => {
    const mid = (w: number | [number, number] | undefined) => (Array.isArray(w) ? (w[0] + w[1]) / 2 : (w ?? 0));
    for (const level of ['L6', 'L7'] as const) {
      expect(pack?.competencies.reduce((sum, c) => sum + mid(c.weights[level]), 0)).toBe(105);
    }
    expect(pack?.checklist.filter((i) => i.level === 'L6')).toHaveLength(6);
    expect(pack?.checklist.filter((i) => i.level === 'L7')).toHaveLength(7);
    expect(pack?.plan).toHaveLength(24);
  });

  const coding = pack?.problems.filter((p) => p.kind === 'coding') ?? [];
  it.each(coding.map((p) => [p.id, p] as const))(
    'reference solution of %s returns every example output',
    async (_id, problem) => {
      expect(problem.examples?.length).toBeGreaterThanOrEqual(3);
      expect(await checkSolution(problem)).toEqual([]);
    },
  );
});
