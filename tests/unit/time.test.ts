import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isCalendarDate, isTimeZone, localParts, mondayOf } from '../../src/core/time';

describe('time', () => {
  it('gives wall-clock date and time in a zone, across DST and odd offsets', () => {
    expect(localParts(new Date('2026-03-08T13:59:00Z'), 'America/New_York')).toMatchObject({
      date: '2026-03-08',
      time: '09:59',
    });
    expect(localParts(new Date('2026-03-07T13:59:00Z'), 'America/New_York')).toMatchObject({ time: '08:59' });
    expect(localParts(new Date('2026-11-27T03:30:00Z'), 'Asia/Kolkata')).toMatchObject({
      date: '2026-11-27',
      time: '09:00',
      weekday: 5,
    });
    expect(localParts(new Date('2026-11-26T20:15:00Z'), 'Pacific/Chatham')).toMatchObject({
      date: '2026-11-27',
      time: '10:00',
    });
    expect(localParts(new Date('2026-01-01T00:00:00Z'), 'UTC').minutes).toBe(0);
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-11-23', '2026-12-07')).toBe(14);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday -> the Monday before
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
  });

  it('validates zones and dates', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Base')).toBe(false);
    expect(isTimeZone('EST5EDT')).toBe(false);
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('26-2-3')).toBe(false);
  });
});
