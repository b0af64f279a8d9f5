/**
 * The shared Intl formatters (ECMA-402 formatters are immutable once built): one per language and options, the same
 * answer as a freshly built formatter, and nothing kept but the formatters themselves (no value a user formatted).
 */
import { describe, expect, it } from 'vitest';
import { dateTimeFormat, intlCacheSize, numberFormat, segmenter } from './intl.ts';

describe('shared Intl formatters', () => {
  it('are per language: Belgian Dutch, French and German write decimals with a comma, British English with a point', () => {
    const opts = { maximumFractionDigits: 1 };
    expect(numberFormat('nl-BE', opts).format(1.5)).toBe('1,5');
    expect(numberFormat('fr-BE', opts).format(1.5)).toBe('1,5');
    expect(numberFormat('de-BE', opts).format(1.5)).toBe('1,5');
    expect(numberFormat('en-GB', opts).format(1.5)).toBe('1.5');
    expect(numberFormat('nl-BE', opts)).not.toBe(numberFormat('en-GB', opts));
  });

  it('are built once per (language, options) and answer as a fresh one does', () => {
    const opts = { dateStyle: 'long', timeZone: 'Europe/Brussels' } as const;
    const a = dateTimeFormat('fr-BE', opts);
    expect(dateTimeFormat('fr-BE', { dateStyle: 'long', timeZone: 'Europe/Brussels' })).toBe(a);
    expect(dateTimeFormat('fr-BE', { dateStyle: 'medium', timeZone: 'Europe/Brussels' })).not.toBe(a);
    const d = new Date('2026-12-06T10:00:00Z');
    expect(a.format(d)).toBe(new Intl.DateTimeFormat('fr-BE', opts).format(d));
    const s = segmenter('de', { granularity: 'sentence' });
    expect(segmenter('de', { granularity: 'sentence' })).toBe(s);
  });

  it('keep formatters only: formatting many values adds nothing', () => {
    const f = numberFormat('nl-BE', { style: 'percent' });
    const before = intlCacheSize();
    for (let i = 0; i < 1000; i++) f.format(i / 1000);
    for (let i = 0; i < 100; i++) numberFormat('nl-BE', { style: 'percent' });
    expect(intlCacheSize()).toBe(before);
  });
});
