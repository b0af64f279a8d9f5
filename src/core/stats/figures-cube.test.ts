/**
 * The dashboards' refresh cubes, optimized (integer-coded keys, flat line lists), must take exactly the decisions of
 * the straightforward implementation they replaced: same cells, same order, same values and the same hidden cells
 * (threshold rule + the line rule of complementary suppression, ESSnet Handbook on SDC v1.2, ch. 4 §4.2–4.3;
 * docs/statistics.md "Small cells on the dashboards"). The reference below is that earlier code, kept here only.
 */
import { describe, expect, it } from 'vitest';
import { seededRandomInt } from '../../../test/support/seeded-random.ts';
import { MIN_CELL_COMPANIES, REGIONS, SIZE_BANDS } from './cells.ts';
import { lineRule, protectCube, withMargins, ALL, type DashboardCell, type Family, type InteriorCount } from './figures-cube.ts';
import type { Line } from './suppression.ts';

// ---- reference: the earlier string-keyed implementation (src/core/stats/figures-cube.ts before the optimization) ----
const key = (s: string, d: string, b: string, r: string, m: string): string => `${s}|${d}|${b}|${r}|${m}`;

function referenceWithMargins(quarter: string, interior: readonly InteriorCount[]): { cells: InteriorCount[]; index: Map<string, number> } {
  const cells: InteriorCount[] = [];
  const index = new Map<string, number>();
  const add = (s: string, d: string, b: string, r: string, m: string, value: number, contributors: number) => {
    const k = key(s, d, b, r, m);
    const at = index.get(k);
    if (at === undefined) {
      index.set(k, cells.length);
      cells.push({ naceSection: s, naceDivision: d, sizeBand: b, region: r, quarter, measure: m, value, contributors });
    } else {
      cells[at]!.value += value;
      cells[at]!.contributors += contributors;
    }
  };
  // Each company sits in exactly one interior cell per measure, so margins over geography, size and region are sums
  // (values and contributors). A family's total is its own measure (a company with two incident categories counts
  // once in 'incidents'), so it is never summed from the parts.
  for (const c of interior) {
    for (const [s, d] of [[c.naceSection, c.naceDivision], [c.naceSection, ALL], [ALL, ALL]] as const) {
      for (const b of [c.sizeBand, ALL]) for (const r of [c.region, ALL]) add(s, d, b, r, c.measure, c.value, c.contributors);
    }
  }
  return { cells, index };
}

function referenceProtectCube(family: Family, quarter: string, interior: readonly InteriorCount[], min = MIN_CELL_COMPANIES): DashboardCell[] {
  const { cells, index } = referenceWithMargins(quarter, interior);
  const divisionsOf = new Map<string, Set<string>>();
  for (const c of interior) divisionsOf.set(c.naceSection, (divisionsOf.get(c.naceSection) ?? new Set()).add(c.naceDivision));

  // Lines, each starting from a non-empty total (a line with an empty total has only empty parts: nothing to hide).
  // Empty parts are left out: they are "known" zeros, never a protection.
  const lines: Line[] = [];
  const line = (total: number, partKeys: string[]) => {
    const parts = partKeys.map((k) => index.get(k)).filter((i): i is number => i !== undefined);
    if (parts.length > 0) lines.push({ total, parts });
  };
  cells.forEach((c, i) => {
    const { naceSection: s, naceDivision: d, sizeBand: b, region: r, measure: m } = c;
    if (s === ALL) line(i, [...divisionsOf.keys()].map((x) => key(x, ALL, b, r, m)));
    else if (d === ALL) line(i, [...divisionsOf.get(s)!].map((x) => key(s, x, b, r, m)));
    if (b === ALL) line(i, SIZE_BANDS.map((x) => key(s, d, x, r, m)));
    if (r === ALL) line(i, REGIONS.map((x) => key(s, d, b, x, m)));
    if (m === family.total && family.parts.length > 0) line(i, family.parts.map((x) => key(s, d, b, r, x)));
  });
  const hidden = new Set<number>();
  cells.forEach((c, i) => {
    if (c.contributors < min) hidden.add(i);
  });
  referenceLineRule(cells.map((c) => c.value), lines, hidden);
  return cells.map((c, i) => ({ ...c, hidden: hidden.has(i) }));
}

function referenceLineRule(values: readonly number[], lines: readonly Line[], hidden: Set<number>): Set<number> {
  const linesOf = new Map<number, number[]>();
  lines.forEach((l, li) => {
    for (const cell of [l.total, ...l.parts]) {
      const list = linesOf.get(cell);
      if (list) list.push(li);
      else linesOf.set(cell, [li]);
    }
  });
  const queue = lines.map((_, li) => li);
  const queued = new Set(queue);
  while (queue.length > 0) {
    const li = queue.pop()!;
    queued.delete(li);
    const all = [lines[li]!.total, ...lines[li]!.parts];
    if (all.filter((i) => hidden.has(i)).length !== 1) continue;
    let partner: number | undefined;
    for (const i of all) {
      if (hidden.has(i)) continue;
      if (partner === undefined || values[i]! < values[partner]! || (values[i] === values[partner] && i < partner)) partner = i;
    }
    if (partner === undefined) continue;
    hidden.add(partner);
    for (const other of linesOf.get(partner) ?? []) {
      if (!queued.has(other)) {
        queued.add(other);
        queue.push(other);
      }
    }
  }
  return hidden;
}

// ---- end of reference ----

const Q = '2026-Q4';
const SECTIONS: Record<string, string[]> = { A: ['01', '02'], C: ['10', '11', '25', '28'], F: ['41', '42', '43'], G: ['45', '46', '47'], J: ['62'], M: ['69', '70', '71'] };

/** A seeded synthetic cube: many small cells (so the threshold rule and the line rule both have work), some empty. */
function syntheticInterior(seed: bigint, family: Family, maxCount: number): InteriorCount[] {
  const rnd = seededRandomInt(seed);
  const measures = family.parts.length > 0 ? [family.total, ...family.parts] : [family.total];
  const out: InteriorCount[] = [];
  const sections = Object.keys(SECTIONS).sort(() => 0);
  for (let n = 0; n < 4000; n++) {
    const s = sections[rnd(sections.length)]!;
    const d = SECTIONS[s]![rnd(SECTIONS[s]!.length)]!;
    const b = SIZE_BANDS[rnd(SIZE_BANDS.length)]!;
    const r = REGIONS[rnd(REGIONS.length)]!;
    if (out.some((c) => c.naceDivision === d && c.sizeBand === b && c.region === r)) continue;
    // Parts add up to the total (each company answers once); a total counts each company once.
    const parts = family.parts.map(() => (rnd(4) === 0 ? 0 : rnd(maxCount)));
    const total = family.parts.length > 0 ? parts.reduce((a, x) => a + x, 0) : 1 + rnd(maxCount);
    if (total === 0) continue;
    measures.forEach((m, i) => {
      const value = i === 0 ? total : parts[i - 1]!;
      if (value > 0) out.push({ naceSection: s, naceDivision: d, sizeBand: b, region: r, quarter: Q, measure: m, value, contributors: value });
    });
  }
  return out;
}

const families: [string, Family][] = [
  ['a single measure', { total: 'companies', parts: [] }],
  ['a control with its answers', { total: 'control:PR.AA-01.1:answered', parts: ['yes', 'partly', 'no', 'unknown', 'na'].map((a) => `control:PR.AA-01.1:${a}`) }],
  ['incidents with their categories', { total: 'incidents', parts: ['phishing', 'malware', 'fraud'].map((c) => `incident:category:${c}`) }],
];

describe('protectCube (optimized) gives exactly the cells of the straightforward implementation', () => {
  for (const [name, family] of families) {
    for (const [seed, maxCount] of [[1n, 15], [2n, 30], [3n, 8], [4n, 60]] as const) {
      it(`${name}, seed ${seed}, counts below ${maxCount}`, () => {
        const interior = syntheticInterior(seed, family, maxCount);
        const expected = referenceProtectCube(family, Q, interior.map((c) => ({ ...c })));
        const actual: DashboardCell[] = protectCube(family, Q, interior.map((c) => ({ ...c })));
        expect(actual).toEqual(expected);
        // The set-up must exercise both rules: some cells hidden by the threshold rule, some more by the line rule.
        const primary = actual.filter((c) => c.contributors < MIN_CELL_COMPANIES).length;
        const hidden = actual.filter((c) => c.hidden).length;
        expect(primary).toBeGreaterThan(0);
        expect(hidden).toBeGreaterThan(primary);
        expect(actual.some((c) => c.naceSection === ALL && c.sizeBand === ALL && c.region === ALL)).toBe(true);
      });
    }
  }

  it('withMargins gives the same cells and sums, in the same order', () => {
    const interior = syntheticInterior(7n, families[1]![1], 20);
    expect(withMargins(Q, interior).cells).toEqual(referenceWithMargins(Q, interior).cells);
  });

  it('lineRule (exported) takes the same decisions on arbitrary lines', () => {
    const rnd = seededRandomInt(11n);
    for (let t = 0; t < 50; t++) {
      const values = Array.from({ length: 40 }, () => rnd(30));
      const lines: Line[] = Array.from({ length: 25 }, () => ({ total: rnd(40), parts: Array.from({ length: 1 + rnd(5) }, () => rnd(40)) }));
      const start = new Set(values.flatMap((v, i) => (v < 5 ? [i] : [])));
      expect([...lineRule(values, lines, new Set(start))].sort((a, b) => a - b)).toEqual([...referenceLineRule(values, lines, new Set(start))].sort((a, b) => a - b));
    }
  });
});
