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

/**
 * Integer codes for the dimension values of one cube: 0 is always 'all', the others in order of first appearance.
 * A cell's key is a single number (mixed radix over section, division, band, region, measure), so a national cube
 * (hundreds of thousands of margin cells per refresh) is indexed without building and hashing a string per lookup.
 */
class Codes {
  readonly ids = new Map<string, number>([[ALL, 0]]);
  code(v: string): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(v, id);
    }
    return id;
  }
}

interface Indexed {
  cells: InteriorCount[];
  /** Cell index by numeric key. */
  index: Map<number, number>;
  /** Per cell: its section, division, band, region and measure codes (5 entries per cell). */
  dims: number[];
  codes: { s: Codes; d: Codes; b: Codes; r: Codes; m: Codes };
  keyOf: (s: number, d: number, b: number, r: number, m: number) => number;
}

function indexMargins(quarter: string, interior: readonly InteriorCount[]): Indexed {
  const codes = { s: new Codes(), d: new Codes(), b: new Codes(), r: new Codes(), m: new Codes() };
  const coded = new Int32Array(interior.length * 5);
  interior.forEach((c, i) => {
    coded[i * 5] = codes.s.code(c.naceSection);
    coded[i * 5 + 1] = codes.d.code(c.naceDivision);
    coded[i * 5 + 2] = codes.b.code(c.sizeBand);
    coded[i * 5 + 3] = codes.r.code(c.region);
    coded[i * 5 + 4] = codes.m.code(c.measure);
  });
  // Band, region and part lists of a line may name values absent from the interior: code them too (no cell has them).
  for (const x of SIZE_BANDS) codes.b.code(x);
  for (const x of REGIONS) codes.r.code(x);
  const [nd, nb, nr, nm] = [codes.d.ids.size, codes.b.ids.size, codes.r.ids.size, codes.m.ids.size];
  const keyOf = (s: number, d: number, b: number, r: number, m: number): number => (((s * nd + d) * nb + b) * nr + r) * nm + m;
  const names = (c: Codes) => [...c.ids.keys()];
  const [sn, dn, bn, rn, mn] = [names(codes.s), names(codes.d), names(codes.b), names(codes.r), names(codes.m)];
  const cells: InteriorCount[] = [];
  const dims: number[] = [];
  const index = new Map<number, number>();
  // Each company sits in exactly one interior cell per measure, so margins over geography, size and region are sums
  // (values and contributors). A family's total is its own measure (a company with two incident categories counts
  // once in 'incidents'), so it is never summed from the parts. Cells come out in the order of their first
  // contribution (the order the line rule's tie-breaks rely on).
  for (let i = 0; i < interior.length; i++) {
    const c = interior[i]!;
    const [s, d, b0, r0, m] = [coded[i * 5]!, coded[i * 5 + 1]!, coded[i * 5 + 2]!, coded[i * 5 + 3]!, coded[i * 5 + 4]!];
    for (let g = 0; g < 3; g++) {
      const gs = g === 2 ? 0 : s;
      const gd = g === 0 ? d : 0;
      for (const b of [b0, 0]) {
        for (const r of [r0, 0]) {
          const k = keyOf(gs, gd, b, r, m);
          const at = index.get(k);
          if (at === undefined) {
            index.set(k, cells.length);
            dims.push(gs, gd, b, r, m);
            cells.push({ naceSection: sn[gs]!, naceDivision: dn[gd]!, sizeBand: bn[b]!, region: rn[r]!, quarter, measure: mn[m]!, value: c.value, contributors: c.contributors });
          } else {
            cells[at]!.value += c.value;
            cells[at]!.contributors += c.contributors;
          }
        }
      }
    }
  }
  return { cells, index, dims, codes, keyOf };
}

/** Every cell with its margins (sums over geography, size band and region), without any protection. */
export function withMargins(quarter: string, interior: readonly InteriorCount[]): { cells: InteriorCount[] } {
  return { cells: indexMargins(quarter, interior).cells };
}

/**
 * Margins and protection of one cube (one quarter of one family). Returns only non-empty cells; a missing cell is
 * empty (0) and shown as hidden.
 */
export function protectCube(family: Family, quarter: string, interior: readonly InteriorCount[], min = MIN_CELL_COMPANIES): DashboardCell[] {
  const { cells, index, dims, codes, keyOf } = indexMargins(quarter, interior);
  // Each section present with its divisions, in order of first appearance (codes, not names).
  const divisionsOf = new Map<number, number[]>();
  const seen = new Set<number>();
  for (const c of interior) {
    const s = codes.s.code(c.naceSection);
    const d = codes.d.code(c.naceDivision);
    const list = divisionsOf.get(s) ?? [];
    divisionsOf.set(s, list);
    if (!seen.has(s * codes.d.ids.size + d)) {
      seen.add(s * codes.d.ids.size + d);
      list.push(d);
    }
  }
  const sections = [...divisionsOf.keys()];
  const bands = SIZE_BANDS.map((x) => codes.b.code(x));
  const regions = REGIONS.map((x) => codes.r.code(x));
  const totalCode = codes.m.ids.get(family.total);
  const partCodes = family.parts.map((x) => codes.m.ids.get(x));

  // Lines, each starting from a non-empty total (a line with an empty total has only empty parts: nothing to hide).
  // Empty parts are left out: they are "known" zeros, never a protection. Stored flat: members[start[l]..start[l+1]),
  // the total first.
  const members: number[] = [];
  const start: number[] = [0];
  const open = (total: number) => members.push(total);
  const part = (k: number) => {
    const at = index.get(k);
    if (at !== undefined) members.push(at);
  };
  const close = () => {
    const from = start[start.length - 1]!;
    if (members.length - from > 1) start.push(members.length);
    else members.length = from;
  };
  for (let i = 0; i < cells.length; i++) {
    const [s, d, b, r, m] = [dims[i * 5]!, dims[i * 5 + 1]!, dims[i * 5 + 2]!, dims[i * 5 + 3]!, dims[i * 5 + 4]!];
    if (s === 0) {
      open(i);
      for (const x of sections) part(keyOf(x, 0, b, r, m));
      close();
    } else if (d === 0) {
      open(i);
      for (const x of divisionsOf.get(s)!) part(keyOf(s, x, b, r, m));
      close();
    }
    if (b === 0) {
      open(i);
      for (const x of bands) part(keyOf(s, d, x, r, m));
      close();
    }
    if (r === 0) {
      open(i);
      for (const x of regions) part(keyOf(s, d, b, x, m));
      close();
    }
    if (m === totalCode && partCodes.length > 0) {
      open(i);
      for (const x of partCodes) if (x !== undefined) part(keyOf(s, d, b, r, x));
      close();
    }
  }
  const hidden = new Uint8Array(cells.length);
  cells.forEach((c, i) => {
    if (c.contributors < min) hidden[i] = 1;
  });
  lineRuleFlat(cells.map((c) => c.value), Int32Array.from(members), Int32Array.from(start), hidden);
  const out = cells as DashboardCell[];
  out.forEach((c, i) => {
    c.hidden = hidden[i] === 1;
  });
  return out;
}

/**
 * The line rule of suppression.ts (no line keeps exactly one hidden member; its partner is the line's smallest
 * visible member, ties to the lowest index), run with a work list: when a cell is hidden only its own lines are
 * looked at again, so a national cube takes one pass instead of one pass per added cell.
 */
export function lineRule(values: readonly number[], lines: readonly Line[], hidden: Set<number>): Set<number> {
  const members: number[] = [];
  const start: number[] = [0];
  for (const l of lines) {
    members.push(l.total, ...l.parts);
    start.push(members.length);
  }
  let n = values.length;
  for (const i of members) n = Math.max(n, i + 1);
  const flags = new Uint8Array(n);
  for (const i of hidden) if (i < n) flags[i] = 1;
  lineRuleFlat(values, Int32Array.from(members), Int32Array.from(start), flags);
  flags.forEach((f, i) => {
    if (f === 1) hidden.add(i);
  });
  return hidden;
}

/**
 * lineRule on flat arrays: line l is members[start[l]..start[l + 1]); `hidden` holds 1 per hidden cell. The work list
 * is processed last-in first-out, the order that fixes which partner a line gets when several would do.
 */
function lineRuleFlat(values: readonly number[], members: Int32Array, start: Int32Array, hidden: Uint8Array): void {
  const lineCount = start.length - 1;
  // Lines of each cell (compressed rows), in line order.
  const degree = new Int32Array(hidden.length + 1);
  for (const c of members) degree[c + 1]!++;
  for (let i = 1; i < degree.length; i++) degree[i]! += degree[i - 1]!;
  const linesOf = new Int32Array(members.length);
  const fill = degree.slice(0, hidden.length);
  for (let l = 0; l < lineCount; l++) for (let j = start[l]!; j < start[l + 1]!; j++) linesOf[fill[members[j]!]!++] = l;
  const queue: number[] = [];
  for (let l = 0; l < lineCount; l++) queue.push(l);
  const queued = new Uint8Array(lineCount).fill(1);
  while (queue.length > 0) {
    const l = queue.pop()!;
    queued[l] = 0;
    let count = 0;
    for (let j = start[l]!; j < start[l + 1]! && count < 2; j++) count += hidden[members[j]!]!;
    if (count !== 1) continue;
    let partner = -1;
    for (let j = start[l]!; j < start[l + 1]!; j++) {
      const i = members[j]!;
      if (hidden[i] === 1) continue;
      if (partner < 0 || values[i]! < values[partner]! || (values[i] === values[partner] && i < partner)) partner = i;
    }
    if (partner < 0) continue;
    hidden[partner] = 1;
    for (let j = degree[partner]!; j < degree[partner + 1]!; j++) {
      const other = linesOf[j]!;
      if (queued[other] === 0) {
        queued[other] = 1;
        queue.push(other);
      }
    }
  }
}
