/**
 * Deadlines in Belgian local time (Europe/Brussels). Hours are elapsed time (72 hours is 72 hours across a
 * daylight-saving change, as GDPR Art. 33 and the NIS2 law count them); months are calendar months in local time.
 * Pure: uses only the Intl time-zone data of the runtime.
 */
export const BRUSSELS = 'Europe/Brussels';

const parts = (d: Date) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone: BRUSSELS,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const o = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
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
