/**
 * Deadlines in Belgian local time (Europe/Brussels). Hours are elapsed time (72 hours is 72 hours across a
 * daylight-saving change, as GDPR Art. 33 and the NIS2 law count them); months are calendar months in local time.
 * Pure: uses only the Intl time-zone data of the runtime.
 */
export const BRUSSELS = 'Europe/Brussels';

// Made once, not per call: building a DateTimeFormat with a time zone loads ICU zone data and costs far more than
// formatting with it (it showed in the page profiles of issue 13); ECMA-402 formatters are immutable, so sharing is safe.
const BRUSSELS_PARTS = new Intl.DateTimeFormat('en-GB', {
    timeZone: BRUSSELS,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
});

const parts = (d: Date) => {
  const o = Object.fromEntries(BRUSSELS_PARTS.formatToParts(d).map((p) => [p.type, p.value]));
  return { y: Number(o.year), m: Number(o.month), d: Number(o.day), h: Number(o.hour), min: Number(o.minute), s: Number(o.second) };
};

/** Offset of Brussels from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function brusselsOffsetMinutes(d: Date): number {
  const p = parts(d);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Brussels wall-clock time (a gap time in spring moves forward by the jump, as clocks do). */
export function fromBrusselsWallClock(y: number, m: number, d: number, h: number, min: number, s = 0): Date {
  const guess = Date.UTC(y, m - 1, d, h, min, s);
  let t = guess - brusselsOffsetMinutes(new Date(guess)) * 60_000;
  t = guess - brusselsOffsetMinutes(new Date(t)) * 60_000;
  return new Date(t);
}

export function addHours(d: Date, hours: number): Date {
  return new Date(d.getTime() + hours * 3_600_000);
}

/** Same wall-clock time one or more calendar months later in Brussels; the 31st becomes the month's last day. */
export function addMonthsBrussels(d: Date, months: number): Date {
  const p = parts(d);
  const target = new Date(Date.UTC(p.y, p.m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return fromBrusselsWallClock(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(p.d, lastDay), p.h, p.min, p.s);
}

/** How far back a moment of awareness may lie: older incidents are no longer on any legal clock. */
export const AWARE_MAX_PAST_YEARS = 10;
/** Clock skew allowed between a phone and the server before a moment counts as "in the future". */
export const AWARE_FUTURE_SKEW_MS = 5 * 60_000;

export type AwareAtProblem = 'impossible' | 'future' | 'too_old';

/**
 * A Brussels wall-clock "YYYY-MM-DDTHH:MM" as typed in the wizard, or 'impossible' for a date or time that does not
 * exist (30 February, 24:60, month 13, year 0). Date.UTC would silently roll 30 February over to 2 March and hand
 * the owner a deadline for the wrong day, so each part is checked against the calendar (ISO 8601 / RFC 3339 §5.7).
 */
export function parseBrusselsWallClock(text: string): Date | 'impossible' {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m) return 'impossible';
  const [y, mo, d, h, min] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || min > 59) return 'impossible';
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return 'impossible';
  return fromBrusselsWallClock(y, mo, d, h, min);
}

/** Why a moment of awareness cannot start a legal clock, or null when it can. */
export function awareAtProblem(aware: Date, now: Date): AwareAtProblem | null {
  const t = aware.getTime();
  if (Number.isNaN(t)) return 'impossible';
  if (t > now.getTime() + AWARE_FUTURE_SKEW_MS) return 'future';
  const earliest = new Date(now.getTime());
  earliest.setUTCFullYear(earliest.getUTCFullYear() - AWARE_MAX_PAST_YEARS);
  if (t < earliest.getTime()) return 'too_old';
  return null;
}
