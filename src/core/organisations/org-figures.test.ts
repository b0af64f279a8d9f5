import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { median } from './dashboard.ts';
import { buildOrgFigures, buildStoredDashboard, histogramMedian, TOP_GAPS, type OrgCell } from './org-figures.ts';

const Q = '2026-Q4';
const cell = (measure: string, value: number, contributors = value): OrgCell => ({ quarter: Q, measure, value, contributors });
const control = (id: string, yes: number, partly: number, no: number, unknown = 0): OrgCell[] => [
  cell(`control:${id}:yes`, yes),
  cell(`control:${id}:partly`, partly),
  cell(`control:${id}:no`, no),
  cell(`control:${id}:unknown`, unknown),
  cell(`control:${id}:answered`, yes + partly + no + unknown),
  cell(`control:${id}:gap`, partly + no),
];
const input = (cells: OrgCell[]) => ({ refreshedAt: '2026-12-06T04:00:00.000Z', quarter: Q, cells, scores: [], rsitClasses: new Map([['fraud', ['phishing_click', 'invoice_fraud']], ['malicious-code', ['ransomware']]]), history: [Q] });

describe('organisation figures from stored rows', () => {
  it('the median of a histogram equals the median of the scores it counts (same rounding as the live dashboard)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 60 }), (scores) => {
        const hist = new Map<number, number>();
        for (const s of scores) hist.set(s, (hist.get(s) ?? 0) + 1);
        expect(histogramMedian(hist)).toBe(median(scores));
      }),
    );
    expect(histogramMedian(new Map())).toBeNull();
  });

  it('hides "no" (3 companies) and a partner so that neither answered − yes − partly − unknown nor gap − partly gives it (ESSnet SDC handbook §4.3)', () => {
    const [c] = buildOrgFigures(input(control('pr-backup', 11, 10, 3))).controls;
    expect(c!.no).toBeNull();
    expect(c!.answered).toBe(24);
    const known = (xs: (number | null)[]) => xs.every((x) => x !== null);
    expect(known([c!.answered, c!.yes, c!.partly, c!.unknown])).toBe(false);
    expect(known([c!.gap, c!.partly])).toBe(false);
  });

  it('a hidden incident category cannot be recomputed from the total or its RSIT class', () => {
    const cells = [cell('incidents', 22, 22), cell('incident:category:phishing_click', 10), cell('incident:category:invoice_fraud', 2), cell('incident:category:ransomware', 10), cell('incident:rsit:fraud', 12), cell('incident:rsit:malicious-code', 10)];
    const { incidents } = buildOrgFigures(input(cells));
    const cat = new Map(incidents.byCategory.map((c) => [c.key, c.value]));
    const cls = new Map(incidents.byRsitClass.map((c) => [c.key, c.value]));
    expect(cat.get('invoice_fraud')).toBeNull();
    // fraud − phishing_click, and total − phishing_click − ransomware: each attempt meets a hidden cell.
    expect(cls.get('fraud') === null || cat.get('phishing_click') === null).toBe(true);
    expect([incidents.total.value, cat.get('phishing_click'), cat.get('ransomware')].some((v) => v === null)).toBe(true);
  });

  it('duties follow the threshold rule on the companies behind them; a hidden count hides its companies', () => {
    const { incidents } = buildOrgFigures(input([cell('duty:gdpr_dpa_notification', 12, 10), cell('duty:police_complaint', 9, 9)]));
    expect(incidents.duties).toEqual([
      { key: 'gdpr_dpa_notification', value: 12, companies: 10 },
      { key: 'police_complaint', value: null, companies: null },
    ]);
  });

  it(`lists at most ${TOP_GAPS} gaps, most common first, only from shown cells; the overview keeps the first five`, () => {
    const cells = [cell('counting', 30), cell('assessed', 30), ...Array.from({ length: 12 }, (_, i) => control(`c${String(i).padStart(2, '0')}`, 30 - 20 - (i % 3), 20 + (i % 3), 0)).flat()];
    const figures = buildOrgFigures(input(cells));
    expect(figures.topGaps.length).toBeLessThanOrEqual(TOP_GAPS);
    expect(figures.topGaps.map((g) => g.share)).toEqual([...figures.topGaps.map((g) => g.share)].sort((a, b) => b - a));
    for (const g of figures.topGaps) expect(figures.controls.find((c) => c.controlId === g.controlId)!.gap).not.toBeNull();
    const d = buildStoredDashboard(input(cells), figures.topGaps);
    expect(d.openActions).toEqual(figures.topGaps.slice(0, 5).map((g) => ({ controlId: g.controlId, share: g.share })));
    expect(buildStoredDashboard(input([cell('counting', 9), cell('assessed', 9)]), figures.topGaps).openActions).toEqual([]);
  });
});
