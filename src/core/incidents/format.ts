import type { Locale } from '../locale.ts';
import { BRUSSELS } from './time.ts';

/**
 * Deadlines and countdowns in the page's language, in words an owner reads without thinking: "2 dagen en 23 uur",
 * "2 jours et 23 heures", "2 Tage und 23 Stunden". Abbreviations ("2 d 23 h") and zone codes ("CEST", "UTC+2",
 * "MESZ") are avoided: they differ per language and mean nothing to most readers (docs/incidents.md, "Reading").
 */

/** The name of Belgian time, said after a deadline instead of a zone code: every legal clock here runs in Brussels. */
const BELGIAN_TIME: Record<Locale, string> = { nl: 'Belgische tijd', fr: 'heure belge', de: 'belgische Zeit', en: 'Belgian time' };

// One per language (four at most), not per call: building a DateTimeFormat with a time zone loads ICU zone data and costs far more than
// formatting with it (it showed in the page profiles of issue 13); ECMA-402 formatters are immutable, so sharing is safe.
const DEADLINE_FORMATS = new Map<Locale, Intl.DateTimeFormat>();

/** A deadline as Belgians read it: weekday, date and time in Brussels, then "(Belgian time)" in the page's language. */
export function formatDeadline(iso: string, lang: Locale): string {
  let f = DEADLINE_FORMATS.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(`${lang}-BE`, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: BRUSSELS });
    DEADLINE_FORMATS.set(lang, f);
  }
  const when = f.format(new Date(iso));
  return `${when} (${BELGIAN_TIME[lang]})`;
}

type Unit = 'day' | 'hour' | 'minute';
/** Singular and plural of each unit; French takes the singular for 0 and 1 (Académie française, "zéro" + singular). */
const UNITS: Record<Locale, Record<Unit, [string, string]>> = {
  nl: { day: ['dag', 'dagen'], hour: ['uur', 'uur'], minute: ['minuut', 'minuten'] },
  fr: { day: ['jour', 'jours'], hour: ['heure', 'heures'], minute: ['minute', 'minutes'] },
  de: { day: ['Tag', 'Tage'], hour: ['Stunde', 'Stunden'], minute: ['Minute', 'Minuten'] },
  en: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
};
const AND: Record<Locale, string> = { nl: 'en', fr: 'et', de: 'und', en: 'and' };

function amount(n: number, unit: Unit, lang: Locale): string {
  const [one, many] = UNITS[lang][unit];
  const singular = lang === 'fr' ? n < 2 : n === 1;
  // A no-break space keeps the number with its unit when the line wraps on a phone.
  return `${n}\u00a0${singular ? one : many}`;
}

/**
 * Time left (or overdue by) as at most two units: "2 dagen en 23 uur", "3 heures et 20 minutes", "12 Minuten".
 * A zero second unit is left out ("2 days", not "2 days and 0 hours"). The sign is ignored: the caller says "left"
 * or "overdue".
 */
export function formatDuration(minutes: number, lang: Locale): string {
  const m = Math.floor(Math.abs(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const parts: [number, Unit][] = d > 0 ? [[d, 'day'], [h, 'hour']] : h > 0 ? [[h, 'hour'], [min, 'minute']] : [[min, 'minute']];
  const [first, second] = parts as [[number, Unit], [number, Unit] | undefined];
  const head = amount(first[0], first[1], lang);
  return second && second[0] > 0 ? `${head} ${AND[lang]} ${amount(second[0], second[1], lang)}` : head;
}

/** A rate limit's wait (Retry-After, in seconds) as words, rounded up to whole minutes: "23 hours and 59 minutes". */
export function formatWait(seconds: number, lang: Locale): string {
  return formatDuration(Math.max(1, Math.ceil(seconds / 60)), lang);
}
