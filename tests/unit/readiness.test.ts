import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPack } from '../../src/content/load';
import type { Pack } from '../../src/content/schema';
import {
  assessReadiness,
  biggestGaps,
  changeSince,
  normalizedWeights,
  type Ratings,
  snapshots,
  studyNext,
  trend,
  weightValue,
} from '../../src/core/readiness';
import { miniPack } from '../helpers/db';

let pack: Pack;
let full: Pack;
beforeAll(async () => {
  pack = await miniPack();
  full = await loadPack(path.resolve(import.meta.dirname, '../../content/amazon-em'));
});

// The worked example: coding 3, system design 2, AWS 3, distributed systems 1, AI/ML 2.
const example: Ratings = { coding: 3, 'system-design': 2, aws: 3, 'distributed-systems': 1, 'ai-ml': 2 };

describe('interview weights', () => {
  it('counts a range as its midpoint', () => {
    expect(weightValue([20, 30])).toBe(25);
    expect(weightValue([0, 10])).toBe(5);
    expect(weightValue(35)).toBe(35);
  });

  it('normalizes the source weights, which add up to 105%, to exactly 100%', () => {
    const l6 = normalizedWeights(pack, 'L6');
    expect(l6.get('coding')).toBeCloseTo(25 / 105, 10);
    expect(l6.get('system-design')).toBeCloseTo(35 / 105, 10);
    expect(l6.get('aws')).toBeCloseTo(20 / 105, 10);
    expect(l6.get('distributed-systems')).toBeCloseTo(15 / 105, 10);
    expect(l6.get('ai-ml')).toBeCloseTo(10 / 105, 10);
    const l7 = normalizedWeights(pack, 'L7');
    expect(l7.get('coding')).toBeCloseTo(5 / 105, 10);
    expect(l7.get('system-design')).toBeCloseTo(40 / 105, 10);
    for (const level of ['L6', 'L7'] as const) {
      expect([...normalizedWeights(pack, level).values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('readiness', () => {
  it('scores the worked example at L6: (25 + 35·2/3 + 20 + 15·1/3 + 10) / 105 = 79.4%', () => {
    const r = assessReadiness(pack, 'L6', example);
    expect(r.percent).toBeCloseTo((100 * (25 + (35 * 2) / 3 + 20 + 15 / 3 + 10)) / 105, 10);
    expect(r.percent).toBeCloseTo(79.365, 3);
    expect(r.competencies.map((c) => [c.id, c.bar, c.gap])).toEqual([
      ['coding', 3, 0],
      ['system-design', 3, 1],
      ['aws', 3, 0],
      ['distributed-systems', 3, 2],
      ['ai-ml', 2, 0],
    ]);
  });

  it('scores the same ratings lower against the L7 bars: (5 + 40·2/4 + 25·3/4 + 20·1/4 + 15·2/4) / 105 = 53.6%', () => {
    const r = assessReadiness(pack, 'L7', example);
    expect(r.percent).toBeCloseTo((100 * (5 + 20 + 18.75 + 5 + 7.5)) / 105, 10);
    expect(r.percent).toBeCloseTo(53.571, 3);
    // Coding is above the L7 bar of 2: no extra credit, no gap.
    expect(r.competencies.find((c) => c.id === 'coding')).toMatchObject({ rating: 3, bar: 2, gap: 0, credit: 1 });
  });

  it('is 100% exactly at the bar everywhere (not 105%), and 0% with nothing rated', () => {
    const atBar = Object.fromEntries(pack.competencies.map((c) => [c.id, c.bar.L7])) as Ratings;
    expect(assessReadiness(pack, 'L7', atBar).percent).toBeCloseTo(100, 10);
    const allFives = Object.fromEntries(pack.competencies.map((c) => [c.id, 5])) as Ratings;
    expect(assessReadiness(pack, 'L6', allFives).percent).toBeCloseTo(100, 10);
    const none = assessReadiness(pack, 'L6', {});
    expect(none.percent).toBe(0);
    expect(none.competencies.every((c) => c.rating === null && c.gap === c.bar)).toBe(true);
  });

  it('orders the biggest gaps by weight × gap: at L7 system design (40×2), distributed systems (20×3), AI/ML (15×2)', () => {
    const gaps = biggestGaps(assessReadiness(pack, 'L7', example));
    expect(gaps.map((g) => g.id)).toEqual(['system-design', 'distributed-systems', 'ai-ml']);
    expect(gaps.map((g) => g.weightedGap * 105)).toEqual([
      expect.closeTo(80, 9),
      expect.closeTo(60, 9),
      expect.closeTo(30, 9),
    ]);
  });

  it('lists only real gaps: at L6 the example misses the bar in two competencies', () => {
    const gaps = biggestGaps(assessReadiness(pack, 'L6', example));
    // system design 35×1 = 35 beats distributed systems 15×2 = 30
    expect(gaps.map((g) => [g.id, g.gap])).toEqual([
      ['system-design', 1],
      ['distributed-systems', 2],
    ]);
  });

  it('breaks a tie in weighted gap by the heavier weight', () => {
    // L7: distributed systems 20 × (4 − 1) = 60 ties with unrated AI/ML 15 × 4 = 60.
    const gaps = biggestGaps(
      assessReadiness(pack, 'L7', { coding: 2, 'system-design': 4, aws: 4, 'distributed-systems': 1 }),
    );
    expect(gaps.map((g) => [g.id, g.weightedGap * 105])).toEqual([
      ['distributed-systems', expect.closeTo(60, 9)],
      ['ai-ml', expect.closeTo(60, 9)],
    ]);
  });
});

describe('what to study next', () => {
  it('names coming plan weeks that train the competency, and problems for the level not done yet', () => {
    const next = studyNext(full, 'L7', 'distributed-systems', { currentWeek: 2, rating: 1, done: new Set() });
    expect(next.upcoming).toBe(true);
    expect(next.weeks).toHaveLength(3);
    for (const w of next.weeks) {
      expect(w).toBeGreaterThanOrEqual(2);
      expect(full.plan[w - 1]?.competencies).toContain('distributed-systems');
    }
    expect(next.weeks).toEqual([...next.weeks].sort((a, b) => a - b));
    expect(next.problems.length).toBeGreaterThanOrEqual(2);
    expect(next.problems.length).toBeLessThanOrEqual(3);
    for (const p of next.problems) {
      expect(p.competency).toBe('distributed-systems');
      expect(p.levels).toContain('L7');
    }
    // A low rating starts with easier problems than a high one.
    const rank = { easy: 1, medium: 2, hard: 3 } as const;
    const hi = studyNext(full, 'L7', 'distributed-systems', { currentWeek: 2, rating: 4, done: new Set() });
    const avg = (ps: typeof next.problems) => ps.reduce((s, p) => s + rank[p.difficulty], 0) / ps.length;
    expect(avg(next.problems)).toBeLessThanOrEqual(avg(hi.problems));
  });

  it('skips problems already done and, after the last training week, suggests weeks to revisit', () => {
    const first = studyNext(full, 'L6', 'coding', { currentWeek: 1, rating: 2, done: new Set() });
    const done = new Set(first.problems.map((p) => p.id));
    const again = studyNext(full, 'L6', 'coding', { currentWeek: 1, rating: 2, done });
    expect(again.problems.some((p) => done.has(p.id))).toBe(false);
    const late = studyNext(full, 'L6', 'ai-ml', { currentWeek: 30, rating: 2, done: new Set() });
    expect(late.upcoming).toBe(false);
    expect(late.weeks.length).toBeGreaterThan(0);
    expect(late.weeks.every((w) => full.plan[w - 1]?.competencies.includes('ai-ml'))).toBe(true);
  });
});

describe('history', () => {
  const t = (iso: string) => new Date(iso);
  const entries = [
    ...Object.entries(example).map(([competency, rating]) => ({
      competency,
      rating,
      level: 'L6' as const,
      ratedAt: t('2026-11-02T10:00:00Z'),
    })),
    { competency: 'system-design', rating: 3, level: 'L7' as const, ratedAt: t('2026-11-09T10:00:00Z') },
    { competency: 'gone-from-pack', rating: 5, level: 'L7' as const, ratedAt: t('2026-11-09T10:00:00Z') },
  ];

  it('groups ratings given at one instant into one assessment and carries the rest forward', () => {
    const snaps = snapshots(pack, [...entries].reverse());
    expect(snaps).toHaveLength(2);
    expect(snaps[0]).toMatchObject({ level: 'L6', ratings: example });
    expect(snaps[0]?.percent).toBeCloseTo(79.365, 3);
    expect(snaps[1]?.level).toBe('L7');
    expect(snaps[1]?.ratings).toEqual({ ...example, 'system-design': 3 });
    expect(trend(snaps)).toBe('79% → 63%');
  });

  it('measures the change since the previous assessment at one level, so switching level is not progress', () => {
    const change = changeSince(pack, 'L7', example, { ...example, 'system-design': 3 });
    expect(change.ratings).toEqual({ 'system-design': { from: 2, to: 3 } });
    expect(change.percent).toBeCloseTo((100 * 10) / 105, 10); // 40/105 × 1/4 of the bar
  });
});
