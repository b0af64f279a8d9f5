import { BRUSSELS } from './time.ts';

/** A deadline as Belgians read it: weekday, date and time in Brussels. */
export function formatDeadline(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(`${lang}-BE`, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: BRUSSELS, timeZoneName: 'short' }).format(new Date(iso));
}

/** "2 d 5 h", "3 h 20 min", "12 min" left (or overdue by), language-neutral units. */
export function formatDuration(minutes: number): string {
  const m = Math.abs(minutes);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${min} min`;
  return `${min} min`;
}
