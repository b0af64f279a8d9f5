/**
 * When a simulated phishing mail may leave: not before the campaign's start, only inside its sending window in
 * Belgian local time (Europe/Brussels, so 09:00 stays 09:00 across daylight-saving changes), on weekdays only when
 * asked, and no faster than its rate. Mails that arrive at night or at the weekend are not how colleagues write,
 * and land in a pile that is read in a hurry. Pure: uses only the Intl time-zone data of the runtime.
 */
import { BRUSSELS, fromBrusselsWallClock } from '../incidents/time.ts';

/** Working hours a window must stay inside, and the bounds of the rate (messages per minute). */
export const WINDOW_BOUNDS = { earliest: '07:00', latest: '19:00' } as const;
export const DEFAULT_WINDOW = { start: '09:00', end: '17:00' } as const;
export const RATE = { default: 20, min: 1, max: 120 } as const;

export interface SendingWindow {
  startsAt: string;
  windowStart: string;
  windowEnd: string;
  weekdaysOnly: boolean;
}

export type WindowProblem = 'time_invalid' | 'window_order' | 'window_outside_hours';

export function minutesOf(hm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Checks a window: valid times, start before end, both inside working hours. */
export function windowProblem(windowStart: string, windowEnd: string): WindowProblem | null {
  const s = minutesOf(windowStart);
  const e = minutesOf(windowEnd);
  if (s === null || e === null) return 'time_invalid';
  if (s >= e) return 'window_order';
  if (s < minutesOf(WINDOW_BOUNDS.earliest)! || e > minutesOf(WINDOW_BOUNDS.latest)!) return 'window_outside_hours';
  return null;
}

// Made once, not per call: building a DateTimeFormat with a time zone loads ICU zone data and costs far more than
// formatting with it (it showed in the page profiles of issue 13); ECMA-402 formatters are immutable, so sharing is safe.
const WALL = new Intl.DateTimeFormat('en-GB', { timeZone: BRUSSELS, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' });

const wall = (d: Date) => {
  const o = Object.fromEntries(WALL.formatToParts(d).map((p) => [p.type, p.value]));
  return { y: Number(o.year), m: Number(o.month), d: Number(o.day), min: Number(o.hour) * 60 + Number(o.minute), weekend: o.weekday === 'Sat' || o.weekday === 'Sun' };
};

/** A Brussels wall-clock date plus `days` (calendar days, so a DST night is still one day). */
function plusDays(y: number, m: number, d: number, days: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/**
 * The first instant at or after `now` when a mail of this campaign may be sent: `now` itself when it is inside the
 * window, otherwise the next opening of the window (next weekday when weekdays only).
 */
export function nextSendTime(now: Date, w: SendingWindow): Date {
  const start = minutesOf(w.windowStart)!;
  const end = minutesOf(w.windowEnd)!;
  const from = new Date(Math.max(now.getTime(), Date.parse(w.startsAt)));
  const p = wall(from);
  const dayOk = (weekend: boolean) => !w.weekdaysOnly || !weekend;
  if (dayOk(p.weekend) && p.min >= start && p.min < end) return from;
  for (let i = p.min < start ? 0 : 1; i <= 8; i++) {
    const day = plusDays(p.y, p.m, p.d, i);
    const opening = fromBrusselsWallClock(day.y, day.m, day.d, Math.floor(start / 60), start % 60);
    if (dayOk(wall(opening).weekend) && opening.getTime() >= from.getTime()) return opening;
  }
  throw new Error('no sending time within eight days');
}

/**
 * How long to wait after sending `sent` messages to keep to `ratePerMinute` (the job reschedules itself instead of
 * sleeping, so a worker is never held by a slow campaign).
 */
export function pauseAfterBatch(sent: number, ratePerMinute: number): number {
  return Math.ceil((sent * 60_000) / Math.max(1, ratePerMinute));
}
