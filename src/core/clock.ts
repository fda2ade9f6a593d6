import type { Clock } from './types';

/** A clock that follows real time from an offset that can be moved (console `:advance`, tests). */
export interface MovableClock extends Clock {
  advance(ms: number): Date;
  set(date: Date): void;
}

export function movableClock(start?: Date, realNow: () => number = Date.now): MovableClock {
  let offset = start ? start.getTime() - realNow() : 0;
  return {
    now: () => new Date(realNow() + offset),
    advance(ms) {
      offset += ms;
      return new Date(realNow() + offset);
    },
    set(date) {
      offset = date.getTime() - realNow();
    },
  };
}

/** A clock that stands still unless moved: for tests that must not depend on the wall clock. */
export function fixedClock(start: Date): MovableClock {
  return movableClock(start, () => 0);
}

/** '1d', '2h', '30m', '1w' -> milliseconds, or null. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+)\s*(w|d|h|m)$/i.exec(text.trim());
  if (!m) return null;
  const unit = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000 }[
    (m[2] ?? 'm').toLowerCase() as 'w' | 'd' | 'h' | 'm'
  ];
  return Number(m[1]) * unit;
}
