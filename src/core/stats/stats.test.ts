import { describe, expect, it } from 'vitest';
import { loadContent } from '../../adapters/content.ts';
import { MIN_CELL_COMPANIES } from './cells.ts';
import { quarterEnds, quarterOf, sectionsByDivision, sizeBandOf, statsRegionOf } from './dimensions.ts';
import { comparable, peerQuartiles, quantileOf, quartilesOf, type PeerGroup } from './peers.ts';
import { prng, REGION_WEIGHTS, SIZE_BAND_WEIGHTS, syntheticCompanies } from './synthetic.ts';

const hist = (values: number[]) => {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
};

describe('dimensions', () => {
  it('puts headcounts in the size bands of Recommendation 2003/361/EC and leaves out companies of 250 or more', () => {
    expect([0, 1, 9, 10, 49, 50, 249].map(sizeBandOf)).toEqual(['0', '1-9', '1-9', '10-49', '10-49', '50-249', '50-249']);
    expect(sizeBandOf(250)).toBeNull();
    expect(sizeBandOf(null)).toBeNull();
    expect(sizeBandOf(-1)).toBeNull();
  });
  it('counts "other" and a missing region as unknown', () => {
    expect(['flanders', 'wallonia', 'brussels', 'other', null].map(statsRegionOf)).toEqual(['flanders', 'wallonia', 'brussels', 'unknown', 'unknown']);
  });
  it('finds the section of a division from the NACE-BEL list', () => {
    const s = sectionsByDivision(loadContent().nace);
    expect(s.get('56')).toBe('I');
    expect(s.get('01')).toBe('A');
    expect(s.get('47')).toBe('G');
  });
  it('lists a quarter and those before it with the instant each ends', () => {
    expect(quarterEnds('2026-Q1', 2)).toEqual([
      ['2026-Q1', '2026-04-01T00:00:00.000Z'],
      ['2025-Q4', '2026-01-01T00:00:00.000Z'],
      ['2025-Q3', '2025-10-01T00:00:00.000Z'],
    ]);
  });
  it('names calendar quarters', () => {
    expect(quarterOf('2026-12-31T23:59:59.000Z')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01T00:00:00.000Z')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01T00:00:00.000Z')).toBe('2026-Q2');
  });
});

describe('peers (threshold rule: at least 10 companies, issue 11)', () => {
  it('computes quartiles by linear interpolation (Hyndman & Fan definition 7)', () => {
    const h = hist([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(quantileOf(h, 0.5)).toBe(55);
    expect(quantileOf(h, 0.25)).toBe(32.5);
    expect(quantileOf(h, 0.75)).toBe(77.5);
    expect(quantileOf(hist([7]), 0.5)).toBe(7);
    expect(quantileOf(new Map(), 0.5)).toBeNull();
  });
  it('gives no quartiles below 10 companies and gives them at 10', () => {
    const nine = hist([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(quartilesOf(nine)).toBeNull();
    expect(quartilesOf(hist([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual({ p25: 3.3, median: 5.5, p75: 7.8, companies: 10 });
    const group = (companies: number): PeerGroup => ({ naceSection: 'I', sizeBand: '1-9', companies, quartiles: peerQuartiles(hist(Array.from({ length: companies }, (_, i) => i)), {}) });
    expect(comparable(group(MIN_CELL_COMPANIES - 1))).toBeNull();
    expect(comparable(group(MIN_CELL_COMPANIES))?.companies).toBe(10);
    expect(comparable(undefined)).toBeNull();
  });
  it('leaves out a function that fewer than 10 companies scored, even in a comparable group', () => {
    const q = peerQuartiles(hist(Array.from({ length: 12 }, (_, i) => i * 5)), { protect: hist([50, 60]) });
    expect(q.overall?.companies).toBe(12);
    expect(q.byFunction.protect).toBeNull();
    expect(q.byFunction.govern).toBeNull();
  });
});

describe('synthetic companies', () => {
  const content = loadContent();
  const divisions = new Map<string, string[]>();
  for (const [d, s] of sectionsByDivision(content.nace)) divisions.set(s, [...(divisions.get(s) ?? []), d]);
  const opts = (seed: number) => ({ seed, asOf: new Date('2026-12-01T00:00:00Z'), catalog: content.assessment, divisions });

  it('the PRNG is deterministic and uniform enough', () => {
    const a = prng(42);
    const b = prng(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((s, x) => s + x, 0) / xs.length - 0.5)).toBeLessThan(0.02);
  });

  it('the same seed gives the same data; another seed gives other data', () => {
    const one = [...syntheticCompanies(opts(7), 200)];
    expect([...syntheticCompanies(opts(7), 200)]).toEqual(one);
    expect([...syntheticCompanies(opts(8), 200)].map((c) => c.id)).not.toEqual(one.map((c) => c.id));
    expect(new Set(one.map((c) => c.id)).size).toBe(200);
  });

  it('draws regions, size bands and sectors in the documented shares', () => {
    const all = [...syntheticCompanies(opts(1), 5000)];
    const share = (pred: (c: (typeof all)[number]) => boolean) => all.filter(pred).length / all.length;
    const total = (w: Record<string, number>) => Object.values(w).reduce((s, x) => s + x, 0);
    expect(share((c) => c.region === 'flanders')).toBeCloseTo(REGION_WEIGHTS.flanders / total(REGION_WEIGHTS), 1);
    expect(share((c) => c.region === 'wallonia')).toBeCloseTo(REGION_WEIGHTS.wallonia / total(REGION_WEIGHTS), 1);
    expect(share((c) => c.employees === 0)).toBeCloseTo(SIZE_BAND_WEIGHTS['0'] / total(SIZE_BAND_WEIGHTS), 1);
    expect(share((c) => c.employees >= 250)).toBe(0);
    const sections = sectionsByDivision(content.nace);
    expect(share((c) => sections.get(c.naceCode) === 'N')).toBeCloseTo(0.19, 1);
    expect(share((c) => c.assessment !== null)).toBeCloseTo(0.4, 1);
    const incidents = all.flatMap((c) => c.incidents);
    expect(incidents.length / all.length).toBeCloseTo(0.2, 1);
    expect(incidents.filter((i) => i.category === 'phishing_click').length / incidents.length).toBeCloseTo(0.2, 1);
  });

  it('every assessment answers the quick-scan controls of its profile and carries its engine result', () => {
    for (const c of [...syntheticCompanies(opts(3), 300)].filter((x) => x.assessment)) {
      expect(Object.keys(c.assessment!.answers).length).toBeGreaterThan(0);
      expect(c.assessment!.result.scores.overall).not.toBeUndefined();
      expect(c.assessment!.completedAt <= '2026-12-01T00:00:00.000Z').toBe(true);
      expect(c.assessment!.completedAt >= c.createdAt).toBe(true);
    }
  });
});
