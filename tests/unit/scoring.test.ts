import { describe, expect, it } from 'vitest';
import { advanceStreak, currentStreak, type Streak, streakMilestone } from '../../src/core/scoring';

const start: Streak = { current: 0, best: 0, lastDate: null, graceDate: null };
const run = (dates: string[]) => dates.reduce((s, d) => advanceStreak(s, d), start);

describe('streaks', () => {
  it('counts consecutive local days and ignores a second activity on the same day', () => {
    expect(run(['2026-11-01', '2026-11-01', '2026-11-02', '2026-11-03'])).toMatchObject({ current: 3, best: 3 });
  });

  it('forgives one missed day per seven, not two', () => {
    const s = run(['2026-11-01', '2026-11-02', '2026-11-04']);
    expect(s).toMatchObject({ current: 3, graceDate: '2026-11-03' });
    expect(advanceStreak(s, '2026-11-06')).toMatchObject({ current: 1, best: 3 }); // second miss in a week
    expect(
      run([
        '2026-11-01',
        '2026-11-03',
        '2026-11-04',
        '2026-11-05',
        '2026-11-06',
        '2026-11-07',
        '2026-11-08',
        '2026-11-09',
        '2026-11-11',
      ]),
    ).toMatchObject({
      current: 9,
    }); // misses on the 2nd and the 10th: eight days apart, both forgiven
  });

  it('breaks after two missed days in a row', () => {
    expect(run(['2026-11-01', '2026-11-02', '2026-11-05'])).toMatchObject({ current: 1, best: 2 });
  });

  it('reports the standing streak as of today', () => {
    const s = run(['2026-11-01', '2026-11-02']);
    expect(currentStreak(s, '2026-11-03')).toBe(2);
    expect(currentStreak(s, '2026-11-04')).toBe(2); // the grace day still saves it
    expect(currentStreak(s, '2026-11-05')).toBe(0);
  });

  it('finds the milestone crossed', () => {
    expect(streakMilestone(2, 3)).toEqual({ days: 3, points: 5 });
    expect(streakMilestone(3, 4)).toBeNull();
    expect(streakMilestone(13, 14)).toEqual({ days: 14, points: 30 });
  });
});
