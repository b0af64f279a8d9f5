import { describe, expect, it } from 'vitest';
import { formatDeadline, formatDuration } from './format.ts';

const NBSP = '\u00a0';
const plain = (s: string) => s.replaceAll(NBSP, ' ');

describe('countdowns in the page language (issue 9: incident pages in the page language only)', () => {
  it('says days and hours in words in each language', () => {
    const m = 2 * 1440 + 23 * 60 + 5;
    expect(plain(formatDuration(m, 'nl'))).toBe('2 dagen en 23 uur');
    expect(plain(formatDuration(m, 'fr'))).toBe('2 jours et 23 heures');
    expect(plain(formatDuration(m, 'de'))).toBe('2 Tage und 23 Stunden');
    expect(plain(formatDuration(m, 'en'))).toBe('2 days and 23 hours');
  });

  it('uses the singular for one, and in French also for zero', () => {
    expect(plain(formatDuration(1440 + 60, 'nl'))).toBe('1 dag en 1 uur');
    expect(plain(formatDuration(1440 + 60, 'de'))).toBe('1 Tag und 1 Stunde');
    expect(plain(formatDuration(61, 'fr'))).toBe('1 heure et 1 minute');
    expect(plain(formatDuration(0, 'fr'))).toBe('0 minute');
    expect(plain(formatDuration(0, 'en'))).toBe('0 minutes');
  });

  it('drops a zero second unit and shows minutes under an hour', () => {
    expect(plain(formatDuration(3 * 1440, 'en'))).toBe('3 days');
    expect(plain(formatDuration(3 * 60 + 20, 'nl'))).toBe('3 uur en 20 minuten');
    expect(plain(formatDuration(12, 'de'))).toBe('12 Minuten');
  });

  it('ignores the sign (the caller says "left" or "overdue")', () => {
    expect(formatDuration(-(2 * 60 + 5), 'fr')).toBe(formatDuration(2 * 60 + 5, 'fr'));
  });

  it('keeps the number with its unit when a phone wraps the line', () => {
    expect(formatDuration(2 * 1440 + 60, 'de')).toBe(`2${NBSP}Tage und 1${NBSP}Stunde`);
  });

  it('never uses the language-neutral abbreviations "d", "h" or "min"', () => {
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) {
      for (const m of [5, 75, 1500, 4400]) expect(formatDuration(m, lang)).not.toMatch(/\d\s(d|h|min)\b/);
    }
  });
});

describe('deadlines in the page language', () => {
  // 3 July 2026 10:00 UTC is 12:00 in Brussels (summer time).
  const iso = '2026-07-03T10:00:00Z';

  it('names Belgian time in words instead of a zone code', () => {
    expect(formatDeadline(iso, 'nl')).toMatch(/3 juli 2026.*12:00 \(Belgische tijd\)$/);
    expect(formatDeadline(iso, 'fr')).toMatch(/3 juillet 2026.*12:00 \(heure belge\)$/);
    expect(formatDeadline(iso, 'de')).toMatch(/3\. Juli 2026.*12:00 \(belgische Zeit\)$/);
    expect(formatDeadline(iso, 'en')).toMatch(/3 July 2026.*12:00 \(Belgian time\)$/);
    for (const lang of ['nl', 'fr', 'de', 'en'] as const) expect(formatDeadline(iso, lang)).not.toMatch(/CEST|CET|MESZ|MEZ|UTC|GMT/);
  });
});

describe('the shared deadline formatter (one per language, made once)', () => {
  it('keeps each language apart whatever order the languages are asked in, and across the daylight-saving change', () => {
    // A winter and a summer instant: the shared formatter must still apply the Brussels offset of each (+1 / +2).
    const winter = '2026-01-15T11:00:00Z';
    const summer = '2026-07-15T10:00:00Z';
    const fresh = (iso: string, lang: 'nl' | 'fr' | 'de' | 'en') =>
      new Intl.DateTimeFormat(`${lang}-BE`, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' }).format(new Date(iso));
    for (const order of [['en', 'nl', 'fr', 'de'], ['de', 'fr', 'nl', 'en']] as const) {
      for (const lang of order) {
        expect(formatDeadline(winter, lang).startsWith(fresh(winter, lang))).toBe(true);
        expect(formatDeadline(summer, lang).startsWith(fresh(summer, lang))).toBe(true);
      }
    }
    expect(formatDeadline(winter, 'en')).toContain('12:00');
    expect(formatDeadline(summer, 'en')).toContain('12:00');
  });
});
