import { z } from 'zod';
import { isCalendarDate, isTimeZone, parseClockTime, WEEKDAYS } from './time';

/** An IANA zone, canonicalized ("europe/berlin" -> "Europe/Berlin"). */
export const timeZoneValue = z.string().transform((value, ctx) => {
  if (isTimeZone(value)) return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  ctx.addIssue({
    code: 'custom',
    message: `"${value}" is not an IANA time zone; try Europe/Berlin or America/New_York`,
  });
  return z.NEVER;
});

/** 24-hour 'HH:MM', normalized to two digits ("9:00" -> "09:00"). */
export const clockTimeValue = z.string().transform((value, ctx) => {
  const minutes = parseClockTime(value);
  if (minutes !== null)
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  ctx.addIssue({ code: 'custom', message: `"${value}" is not a time; use 24-hour HH:MM, e.g. 09:00 or 18:30` });
  return z.NEVER;
});

export const calendarDateValue = z.string().refine(isCalendarDate, {
  error: (i) => `"${String(i.input)}" is not a date; use YYYY-MM-DD, e.g. 2026-12-07`,
});

/** A weekday name or its first three letters, as 'monday' … 'sunday'. */
export const weekdayValue = z.string().transform((value, ctx) => {
  const v = value.toLowerCase();
  const day = WEEKDAYS.find((d) => d === v || (v.length >= 3 && d.startsWith(v)));
  if (day) return day;
  ctx.addIssue({ code: 'custom', message: `"${value}" is not a weekday; use monday … sunday` });
  return z.NEVER;
});
