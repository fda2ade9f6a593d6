import { describe, expect, it } from 'vitest';
import { duePosts, nextDueInstant, zonedInstant } from '../../src/core/schedule';

const group = {
  timezone: 'America/New_York',
  post_time: '09:00',
  digest_weekday: 0,
  digest_time: '18:00',
  cohort_start: '2026-11-02',
  created_at: new Date('2026-11-01T00:00:00Z'),
  paused: false,
};

describe('schedule arithmetic', () => {
  it('maps wall-clock times to instants across DST, gaps and repeats', () => {
    expect(zonedInstant('2026-03-08', '09:00', 'America/New_York').toISOString()).toBe('2026-03-08T13:00:00.000Z');
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z'); // gap
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z'); // first of two
    expect(zonedInstant('2026-11-27', '09:00', 'Pacific/Chatham').toISOString()).toBe('2026-11-26T19:15:00.000Z');
  });

  it('lists what is due, marking what is too late', () => {
    const due = duePosts(group, new Date('2026-11-16T15:00:00Z'), 24); // Monday 10:00 New York, week 3
    const keys = due.map((d) => `${d.kind} ${d.periodKey} ${d.relevant ? 'now' : 'late'}`);
    expect(keys).toContain('daily 2026-11-16 now');
    expect(keys).toContain('daily 2026-11-15 late');
    expect(keys).toContain('milestone 2026-11-02:week-3 now');
    expect(keys).toContain('milestone 2026-11-02:week-2 late');
    expect(keys).toContain('digest 2026-11-15 now'); // Sunday 18:00, 16 h ago
    expect(keys).not.toContain('daily 2026-11-17 now');
  });

  it('owes nothing to a paused group, nor before the cohort starts or the group exists', () => {
    expect(duePosts({ ...group, paused: true }, new Date('2026-11-16T15:00:00Z'), 24)).toEqual([]);
    expect(duePosts({ ...group, cohort_start: '2026-12-07' }, new Date('2026-11-16T15:00:00Z'), 24)).toEqual([]);
    expect(
      duePosts({ ...group, created_at: new Date('2026-11-16T14:30:00Z') }, new Date('2026-11-16T15:00:00Z'), 24),
    ).toEqual([]);
  });

  it('finds the next due instant', () => {
    expect(nextDueInstant(group, new Date('2026-11-15T15:00:00Z'))?.toISOString()).toBe('2026-11-15T23:00:00.000Z'); // Sunday digest 18:00
    expect(nextDueInstant(group, new Date('2026-11-15T23:00:00Z'))?.toISOString()).toBe('2026-11-16T14:00:00.000Z');
    expect(nextDueInstant({ ...group, paused: true }, new Date())).toBeNull();
  });
});
