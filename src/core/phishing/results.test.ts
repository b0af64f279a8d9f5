import { describe, expect, it } from 'vitest';
import { campaignResults, mergeSmallGroups, OTHER_GROUPS, wilson, type RecipientOutcome } from './results.ts';

const close = (a: number | null, b: number) => expect(a).toBeCloseTo(b, 4);

describe('wilson (95% score interval, Wilson 1927; values as in Newcombe 1998, Table I)', () => {
  it('matches published intervals', () => {
    // Newcombe (1998) "Two-sided confidence intervals for the single proportion", method 3 (score, no continuity correction).
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of cases) {
      const w = wilson(x, n);
      close(w.low, low);
      close(w.high, high);
    }
  });
  it('gives a real interval at 0 of n and n of n, where the Wald interval collapses', () => {
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    close(none.high, 0.2775);
    const all = wilson(10, 10);
    close(all.low, 0.7225);
    expect(all.high).toBe(1);
  });
  it('has no rate for nobody, and refuses impossible counts', () => {
    expect(wilson(0, 0)).toEqual({ count: 0, total: 0, rate: null, low: null, high: null });
    expect(() => wilson(3, 2)).toThrow(RangeError);
    expect(() => wilson(-1, 2)).toThrow(RangeError);
  });
});

describe('mergeSmallGroups (groups shown only from 5 people on, docs/phishing.md)', () => {
  const people = (group: string, n: number) => Array.from({ length: n }, () => ({ group }));
  it('keeps groups of 5 or more and merges the smaller ones', () => {
    const out = mergeSmallGroups([...people('sales', 6), ...people('kitchen', 3), ...people('office', 2), ...people('shop', 5)]);
    expect(out.map((g) => [g.group, g.rows.length])).toEqual([
      ['sales', 6],
      ['shop', 5],
      [OTHER_GROUPS, 5],
    ]);
  });
  it('does not leave a small remainder that "total minus shown groups" would reveal', () => {
    const out = mergeSmallGroups([...people('sales', 6), ...people('shop', 7), ...people('boss', 1)]);
    expect(out.map((g) => [g.group, g.rows.length])).toEqual([
      ['shop', 7],
      [OTHER_GROUPS, 7],
    ]);
    expect(out.every((g) => g.rows.length >= 5)).toBe(true);
  });
  it('shows no group at all when everyone together is fewer than 5', () => {
    expect(mergeSmallGroups([...people('a', 2), ...people('b', 2)])).toEqual([]);
  });
});

describe('campaignResults', () => {
  const row = (o: Partial<RecipientOutcome>): RecipientOutcome => ({ group: '', pseudonym: 'P-1', sentAt: '2026-12-01T09:00:00.000Z', openedAt: null, clickedAt: null, submittedAt: null, reportedAt: null, ...o });
  it('counts rates over delivered mails and the time to the first report', () => {
    const rows = [
      row({ pseudonym: 'A', reportedAt: '2026-12-01T09:04:00.000Z' }),
      row({ pseudonym: 'B', clickedAt: '2026-12-01T10:00:00.000Z', submittedAt: '2026-12-01T10:01:00.000Z' }),
      row({ pseudonym: 'C', reportedAt: '2026-12-01T09:30:00.000Z' }),
      row({ pseudonym: 'D' }),
      row({ pseudonym: 'E', sentAt: null }),
    ];
    const r = campaignResults(rows, { too_soon: 2, agent: 1 }, 1);
    expect(r.totals.delivered).toBe(4);
    expect(r.totals.reported.count).toBe(2);
    expect(r.totals.clicked.count).toBe(1);
    expect(r.totals.submitted.count).toBe(1);
    expect(r.totals.secondsToFirstReport).toBe(240);
    expect(r.scanner.total).toBe(3);
    expect(r.people?.map((p) => p.pseudonym)).toEqual(['A', 'B', 'C', 'D']);
  });
  it('shows no per-person list below 5 recipients', () => {
    expect(campaignResults([row({}), row({}), row({}), row({})], {}, 0).people).toBeNull();
  });
});
