/**
 * Public dashboards: the threshold rule (10 companies; OECD glossary "threshold rule") and complementary suppression
 * (ESSnet Handbook on SDC v1.2, ch. 4 §4.3) on crafted data, attacked by the independent attacker of
 * test/support/disclosure-attack.ts: a hidden cell recomputed from a total and the other cells fails the test.
 */
import { describe, expect, it } from 'vitest';
import { differencingAttack, linearAttack, type Relation } from '../../../test/support/disclosure-attack.ts';
import { protectCube, type InteriorCount } from './figures-cube.ts';
import { dashboardFigures, maturityRows, type SelectionCell } from './figures.ts';

const Q = '2026-Q4';
const interior = (d: string, band: string, region: string, measure: string, n: number, s = 'F'): InteriorCount => ({
  naceSection: s, naceDivision: d, sizeBand: band, region, quarter: Q, measure, value: n, contributors: n,
});
const v = (o: Omit<SelectionCell, 'hidden'>): SelectionCell => ({ ...o, hidden: false });
const answers = (id: string, counts: Partial<Record<'yes' | 'partly' | 'no' | 'unknown' | 'na', number>>): SelectionCell[] => {
  const cells = Object.entries(counts).map(([a, n]) => ({ quarter: Q, measure: `control:${id}:${a}`, value: n, contributors: n, hidden: false }));
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  return [...cells, { quarter: Q, measure: `control:${id}:answered`, value: total, contributors: total, hidden: false }];
};
const base = { quarter: Q, quarters: [Q], controls: [{ id: 'PR.AA-01.1', function: 'protect' as const }], categories: [], rsitClasses: [], duties: [], grid: [] };

describe('dashboard figures: a control’s answers with their total', () => {
  it('hides a group of 9 (threshold rule) and one more answer, so the 9 cannot be recomputed from the total', () => {
    const f = dashboardFigures({ ...base, cells: answers('PR.AA-01.1', { yes: 40, partly: 30, no: 9 }) });
    const c = f.controls[0]!;
    expect(c.answered).toBe(79);
    expect(c.counts.no).toBeNull();
    // The differencing attack: answered − yes − partly would give "no" if both were visible.
    expect(c.counts.yes === null || c.counts.partly === null).toBe(true);
    // The attacker knows the empty answers (unknown, na) are 0: only non-empty hidden cells count as unknowns.
    const values = [79, 40, 30, 9, 0, 0];
    const hidden = new Set([c.answered, c.counts.yes, c.counts.partly, c.counts.no].flatMap((v, i) => (v === null ? [i] : [])));
    const relations: Relation[] = [{ total: 0, parts: [1, 2, 3, 4, 5] }];
    expect(differencingAttack(values, hidden, relations).has(3)).toBe(false);
    expect(linearAttack(values, hidden, relations).has(3)).toBe(false);
  });

  it('shows shares of the answering companies when every cell has 10 or more', () => {
    const f = dashboardFigures({ ...base, cells: answers('PR.AA-01.1', { yes: 60, no: 40 }) });
    expect(f.controls[0]!.shares).toMatchObject({ yes: 60, no: 40 });
    expect(f.gaps.map((g) => g.id)).toEqual(['PR.AA-01.1']);
  });
});

describe('refresh cubes: the NACE hierarchy, size band and region', () => {
  it('never lets a hidden division be recomputed as its section minus the other divisions (differencing across filters)', () => {
    // Section F has divisions 41 (9 companies: hidden), 42 (50) and 43 (30); the section total (89) is published.
    const cells = protectCube({ total: 'companies', parts: [] }, Q, [
      interior('41', '1-9', 'flanders', 'companies', 9),
      interior('42', '1-9', 'flanders', 'companies', 50),
      interior('43', '1-9', 'flanders', 'companies', 30),
    ]);
    const published = cells.filter((c) => !c.hidden);
    const find = (d: string, b: string, r: string) => cells.findIndex((c) => c.naceSection !== 'all' && c.naceDivision === d && c.sizeBand === b && c.region === r);
    expect(cells[find('41', '1-9', 'flanders')]!.hidden).toBe(true);
    // Attack every line of the cube with what is published.
    const idx = (s: string, d: string, b: string, r: string) => cells.findIndex((c) => c.naceSection === s && c.naceDivision === d && c.sizeBand === b && c.region === r);
    const relations: Relation[] = [];
    cells.forEach((c, i) => {
      if (c.naceSection === 'F' && c.naceDivision === 'all') relations.push({ total: i, parts: ['41', '42', '43'].map((d) => idx('F', d, c.sizeBand, c.region)) });
      if (c.naceSection === 'all') relations.push({ total: i, parts: [idx('F', 'all', c.sizeBand, c.region)] });
      if (c.sizeBand === 'all') relations.push({ total: i, parts: [idx(c.naceSection, c.naceDivision, '1-9', c.region)] });
      if (c.region === 'all') relations.push({ total: i, parts: [idx(c.naceSection, c.naceDivision, c.sizeBand, 'flanders')] });
    });
    const hidden = new Set(cells.flatMap((c, i) => (c.hidden ? [i] : [])));
    const values = cells.map((c) => c.value);
    const learnt = linearAttack(values, hidden, relations);
    const d41 = [...hidden].filter((i) => cells[i]!.naceDivision === '41');
    for (const i of d41) expect(learnt.has(i)).toBe(false);
    expect(published.length).toBeGreaterThan(0);
  });

  it('hides nothing more than needed when every cell has 10 or more companies', () => {
    const cells = protectCube({ total: 'companies', parts: [] }, Q, [interior('41', '0', 'brussels', 'companies', 12), interior('42', '0', 'brussels', 'companies', 15)]);
    expect(cells.every((c) => !c.hidden)).toBe(true);
    expect(cells.find((c) => c.naceSection === 'all' && c.sizeBand === 'all' && c.region === 'all')!.value).toBe(27);
  });
});

describe('dashboard figures: region × size band', () => {
  it('protects the 2-D table with its margins: a hidden cell cannot be derived from a row or column total', () => {
    const grid = [
      { sizeBand: '0', region: 'flanders', value: 30, contributors: 30, hidden: false },
      { sizeBand: '0', region: 'wallonia', value: 4, contributors: 4, hidden: false },
      { sizeBand: '1-9', region: 'flanders', value: 20, contributors: 20, hidden: false },
      { sizeBand: '1-9', region: 'wallonia', value: 25, contributors: 25, hidden: false },
      { sizeBand: '0', region: 'all', value: 34, contributors: 34, hidden: false },
      { sizeBand: '1-9', region: 'all', value: 45, contributors: 45, hidden: false },
      { sizeBand: 'all', region: 'flanders', value: 50, contributors: 50, hidden: false },
      { sizeBand: 'all', region: 'wallonia', value: 29, contributors: 29, hidden: false },
      { sizeBand: 'all', region: 'all', value: 79, contributors: 79, hidden: false },
    ];
    const f = dashboardFigures({ ...base, cells: [], grid });
    const cell = (b: string, r: string) => f.regionBySize.find((x) => x.sizeBand === b && x.region === r)!.companies;
    expect(cell('0', 'wallonia')).toBeNull();
    // The attacker: the 3 × 3 table with its margins (empty bands and regions are known zeros, left out).
    const labels: [string, string][] = [['0', 'flanders'], ['0', 'wallonia'], ['0', 'all'], ['1-9', 'flanders'], ['1-9', 'wallonia'], ['1-9', 'all'], ['all', 'flanders'], ['all', 'wallonia'], ['all', 'all']];
    const values = labels.map(([b, r]) => grid.find((g) => g.sizeBand === b && g.region === r)!.value);
    const hidden = new Set(labels.flatMap(([b, r], i) => (cell(b, r) === null ? [i] : [])));
    const relations: Relation[] = [
      { total: 2, parts: [0, 1] }, { total: 5, parts: [3, 4] }, { total: 8, parts: [6, 7] },
      { total: 6, parts: [0, 3] }, { total: 7, parts: [1, 4] }, { total: 8, parts: [2, 5] },
    ];
    expect(differencingAttack(values, hidden, relations).size).toBe(0);
    expect(linearAttack(values, hidden, relations).size).toBe(0);
  });
});

describe('dashboard figures: maturity and incidents', () => {
  it('gives quartiles from the score histogram only with 10 companies or more', () => {
    const rows = (scores: number[]) => maturityRows(new Map([['overall', new Map(scores.map((s) => [s, 1]))]])).map((r) => v({ quarter: Q, ...r }));
    const ten = dashboardFigures({ ...base, cells: rows([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) });
    expect(ten.maturity.overall).toEqual({ p25: 32.5, median: 55, p75: 77.5, companies: 10 });
    expect(rows([10, 20, 30, 40, 50, 60, 70, 80, 90])).toEqual([]);
    expect(dashboardFigures({ ...base, cells: [] }).maturity.overall).toBeNull();
  });

  it('shows a missing (hidden) incident cell as null and the others as stored', () => {
    const f = dashboardFigures({
      ...base,
      categories: ['ransomware', 'ddos'],
      duties: ['nis2_notification'],
      cells: [
        v({ quarter: Q, measure: 'incidents', value: 30, contributors: 25 }),
        v({ quarter: Q, measure: 'incident:category:ransomware', value: 20, contributors: 15 }),
        { quarter: Q, measure: 'incident:category:ddos', value: 10, contributors: 9, hidden: true },
        v({ quarter: Q, measure: 'incident:duty:nis2_notification', value: 12, contributors: 11 }),
      ],
    });
    expect(f.incidents.total).toBe(30);
    expect(f.incidents.byCategory).toEqual([
      { key: 'ransomware', incidents: 20, companies: 15 },
      { key: 'ddos', incidents: null, companies: null },
    ]);
    expect(f.duties[0]).toEqual({ key: 'nis2_notification', incidents: 12, companies: 11 });
  });
});
