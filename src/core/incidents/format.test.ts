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

describe('deadline formatters kept per language', () => {
  // One formatter per language is made and kept: after another language was asked for, each language still gets
  // its own words, and a winter date gets winter time (Europe/Brussels is UTC+1 in winter, UTC+2 in summer).
  it('answers each language in its own words, interleaved, in summer and in winter', () => {
    const summer = '2026-07-03T10:00:00.000Z';
    const winter = '2026-12-03T10:00:00.000Z';
    for (let round = 0; round < 2; round++) {
      expect(formatDeadline(summer, 'fr')).toMatch(/3 juillet 2026.*12:00 \(heure belge\)$/);
      expect(formatDeadline(winter, 'nl')).toMatch(/3 december 2026.*11:00 \(Belgische tijd\)$/);
      expect(formatDeadline(winter, 'de')).toMatch(/3\. Dezember 2026.*11:00 \(belgische Zeit\)$/);
      expect(formatDeadline(summer, 'en')).toMatch(/3 July 2026.*12:00 \(Belgian time\)$/);
    }
  });
});
