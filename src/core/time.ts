/** Time-zone arithmetic on plain values: local dates are 'YYYY-MM-DD', local times 'HH:MM'. */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  date: string;
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  minutes: number;
}

const partsCache = new Map<string, LocalParts>();

/** The wall-clock date and time in `timeZone` at instant `now` (to the minute). */
export function localParts(now: Date, timeZone: string): LocalParts {
  // Scheduler ticks ask this for thousands of groups in a handful of zones within the same minute.
  const key = `${timeZone}|${Math.floor(now.getTime() / 60_000)}`;
  const hit = partsCache.get(key);
  if (hit) return hit;
  if (partsCache.size > 20_000) partsCache.clear();
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const result = Object.freeze({
    date,
    time: `${parts.hour}:${parts.minute}`,
    weekday: weekdayOf(date),
    minutes: hour * 60 + minute,
  });
  partsCache.set(key, result);
  return result;
}

export const localDate = (now: Date, timeZone: string) => localParts(now, timeZone).date;

function toUtcDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** Whole days from `a` to `b` (both local dates). */
export function daysBetween(a: string, b: string): number {
  return toUtcDay(b) - toUtcDay(a);
}

export function addDays(date: string, days: number): string {
  return new Date((toUtcDay(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(toUtcDay(date) * 86_400_000).getUTCDay();
}

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** Parses 'HH:MM' (24-hour); returns minutes past midnight or null. */
export function parseClockTime(value: string): number | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A real calendar date 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}
