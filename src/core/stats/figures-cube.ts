/**
 * The dashboards' cubes: interior counts at NACE-division grain → every published cell with its margins and the
 * small-cell decision, taken once at refresh so that every filter selection shows the same cells hidden. Pure.
 *
 * A cube is one quarter of one "family" of measures: either a single measure (e.g. 'incident:duty:nis2_notification')
 * or a total with parts that add up to it (a control's answers add up to 'control:<id>:answered'; incident
 * categories add up to 'incidents'). Its dimensions: geography (Belgium → NACE section → NACE division), size band,
 * region and, for a family with parts, the member. A cell with 'all' in a dimension is the total over it.
 *
 * Protection (ESSnet Handbook on Statistical Disclosure Control v1.2, 2010, ch. 4 §4.2–4.3):
 *  - threshold rule: a cell with fewer than MIN_CELL_COMPANIES (10) contributing companies is hidden;
 *  - complementary suppression by the line rule of suppression.ts over every line of the cube — each total with the
 *    cells it adds up, along every dimension, the NACE hierarchy included — so that no line keeps exactly one hidden
 *    cell and no hidden cell equals a published total minus published parts, whatever selections a reader combines.
 * Empty cells (no company) are published as hidden too but protect nothing: a reader may well guess that they are 0,
 * so they are never counted as a line's second hidden cell (docs/statistics.md, "Known limits").
 * The exact audit of suppression.ts runs per page table in figures.ts; on a whole national cube (thousands of
 * hidden cells) its dense elimination would take minutes per refresh.
 */
import { MIN_CELL_COMPANIES, REGIONS, SIZE_BANDS } from './cells.ts';
import type { Line } from './suppression.ts';

export const ALL = 'all';

/** One interior count, at division grain, as the refresh's SQL returns it. */
export interface InteriorCount {
  naceSection: string;
  naceDivision: string;
  sizeBand: string;
  region: string;
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
}

export interface DashboardCell extends InteriorCount {
  hidden: boolean;
}

/** A measure family: `total` is the sum of `parts` (value-wise), or `parts` is empty for a measure on its own. */
export interface Family {
  total: string;
  parts: readonly string[];
}

const key = (s: string, d: string, b: string, r: string, m: string): string => `${s}|${d}|${b}|${r}|${m}`;

/**
 * Margins and protection of one cube (one quarter of one family). `divisions` maps each section present to its
 * divisions (all of them, so a line is complete). Returns only non-empty cells; a missing cell is empty (0).
 */
/** Every cell with its margins (sums over geography, size band and region), without any protection. */
export function withMargins(quarter: string, interior: readonly InteriorCount[]): { cells: InteriorCount[]; index: Map<string, number> } {
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

/**
 * Margins and protection of one cube (one quarter of one family). Returns only non-empty cells; a missing cell is
 * empty (0) and shown as hidden.
 */
export function protectCube(family: Family, quarter: string, interior: readonly InteriorCount[], min = MIN_CELL_COMPANIES): DashboardCell[] {
  const { cells, index } = withMargins(quarter, interior);
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
  lineRule(cells.map((c) => c.value), lines, hidden);
  return cells.map((c, i) => ({ ...c, hidden: hidden.has(i) }));
}

/**
 * The line rule of suppression.ts (no line keeps exactly one hidden member; its partner is the line's smallest
 * visible member, ties to the lowest index), run with a work list: when a cell is hidden only its own lines are
 * looked at again, so a national cube takes one pass instead of one pass per added cell.
 */
export function lineRule(values: readonly number[], lines: readonly Line[], hidden: Set<number>): Set<number> {
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
