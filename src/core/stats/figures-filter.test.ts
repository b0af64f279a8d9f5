/** The dashboard filter: only known values pass; anything else is a field problem (never an exception). */
import { describe, expect, it } from 'vitest';
import { parseFilter } from './figures-filter.ts';

const ctx = { sections: new Map([['41', 'F'], ['43', 'F'], ['69', 'N']]), quarters: ['2026-Q4', '2026-Q3'] };

describe('dashboard filter', () => {
  it('accepts known values; a division picks its section; empty and "all" mean no filter', () => {
    expect(parseFilter({ naceDivision: '69', sizeBand: '1-9', region: 'flanders', quarter: '2026-Q3' }, ctx)).toEqual({
      ok: true,
      filter: { naceSection: 'N', naceDivision: '69', sizeBand: '1-9', region: 'flanders', quarter: '2026-Q3' },
    });
    expect(parseFilter({ naceSection: 'f', naceDivision: '', region: 'all' }, ctx)).toEqual({
      ok: true,
      filter: { naceSection: 'F', naceDivision: null, sizeBand: null, region: null, quarter: null },
    });
  });

  it('names every bad field: unknown section, a division of another section, size, region, quarter, repeated values', () => {
    const r = parseFilter({ naceSection: 'F', naceDivision: '69', sizeBand: '250+', region: ['flanders', 'wallonia'], quarter: '2019-Q1' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(['naceDivision', 'sizeBand', 'region', 'quarter']);
    const s = parseFilter({ naceSection: 'Z' }, ctx);
    expect(s.ok ? [] : s.problems).toEqual([{ field: 'naceSection', message: 'statsdash.bad.section' }]);
  });
});
