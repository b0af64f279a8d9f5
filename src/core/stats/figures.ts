/**
 * The public dashboard's figures for one filter selection, from the pre-aggregated cells of that selection. Pure.
 *
 * Rules (docs/statistics.md, "Public dashboards"): a cell is missing from the input when the refresh hid it (fewer
 * than MIN_CELL_COMPANIES companies, or hidden to protect one: core/stats/figures-cube.ts) or when it is empty; every
 * figure resting on a missing cell is null ("–"). Each table that shows a total beside its parts (a control's
 * answers; companies by region × size band) is checked again here with the full protection of suppression.ts
 * (threshold, line rule and the exact linear audit), so no hidden cell of the table can be recomputed from what the
 * table shows (ESSnet Handbook on SDC v1.2, ch. 4 §4.3). Shares are computed from published counts only.
 */
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { ANSWERS, type Answer } from '../assessment/engine.ts';
import { MIN_CELL_COMPANIES, REGIONS, SIZE_BANDS } from './cells.ts';
import { cube, cubeLines, indexOf } from './cube.ts';
import { quartilesOf, type Histogram, type Quartiles } from './peers.ts';
import { protectCells, type Line } from './suppression.ts';

/** One stored cell of the selection (any quarter, any measure); `hidden` is the refresh's decision. */
export interface SelectionCell {
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
  hidden: boolean;
}

/** A 'companies' cell of the selection's region × size-band table ('all' for the margins). */
export interface GridCell {
  sizeBand: string;
  region: string;
  value: number;
  contributors: number;
  hidden: boolean;
}

export interface FiguresInput {
  quarter: string; // the quarter shown
  quarters: readonly string[]; // adoption over time, oldest first
  controls: readonly { id: string; function: CsfFunction }[];
  categories: readonly string[];
  rsitClasses: readonly string[];
  duties: readonly string[];
  cells: readonly SelectionCell[];
  grid: readonly GridCell[];
}

export type Counts = Record<Answer, number | null>;
export interface ControlFigure {
  id: string;
  function: CsfFunction;
  answered: number | null;
  counts: Counts;
  /** Percent of the companies that answered, 0–100, one decimal; null when hidden. */
  shares: Counts;
}
export interface AdoptionFigure {
  controlId: string;
  quarters: { quarter: string; answered: number | null; shareYes: number | null }[];
}
export interface IncidentFigure {
  key: string;
  incidents: number | null;
  companies: number | null;
}
export interface DashboardFigures {
  quarter: string;
  companies: number | null;
  maturity: { overall: Quartiles | null; byFunction: Record<CsfFunction, Quartiles | null> };
  controls: ControlFigure[];
  /** The ten most common gaps: highest share of "no", then of "partly". */
  gaps: ControlFigure[];
  adoption: AdoptionFigure[];
  /** Per quarter, the median of the controls' published shares of "yes" (a summary of published figures only). */
  adoptionMedian: { quarter: string; medianShareYes: number | null }[];
  incidents: { total: number | null; companies: number | null; byRsit: IncidentFigure[]; byCategory: IncidentFigure[] };
  duties: IncidentFigure[];
  regionBySize: { sizeBand: string; region: string; companies: number | null }[];
}

const pct = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : Math.round((part / whole) * 1000) / 10;

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round(((s[m - 1]! + s[m]!) / 2) * 10) / 10;
}

/**
 * The table check: the refresh's hidden cells stay hidden, then suppression.ts's full protection runs over the
 * table's lines. An empty cell (missing) is a known 0 for a reader — it never protects another — so it is left out
 * of the lines, and shown as hidden like any cell of fewer than 10. Returns the table's indices not to show.
 */
export function protectTable(cells: readonly ({ value: number; contributors: number; hidden: boolean } | undefined)[], lines: readonly Line[]): Set<number> {
  const present = cells.flatMap((c, i) => (c ? [i] : []));
  const local = new Map(present.map((i, k) => [i, k]));
  const compact = lines.flatMap((l) => {
    const total = local.get(l.total);
    const parts = l.parts.flatMap((p) => (local.has(p) ? [local.get(p)!] : []));
    return total === undefined || parts.length === 0 ? [] : [{ total, parts }];
  });
  const hiddenLocal = protectCells(
    present.map((i) => cells[i]!.value),
    present.map((i) => (cells[i]!.hidden ? 0 : cells[i]!.contributors)),
    compact,
  );
  const hidden = new Set(cells.flatMap((c, i) => (c ? [] : [i])));
  for (const k of hiddenLocal) hidden.add(present[k]!);
  return hidden;
}

/** A control's answers with their total, protected as one table line (total = Σ answers). */
function controlFigure(get: (m: string) => SelectionCell | undefined, id: string, fn: CsfFunction): ControlFigure {
  const members = [`control:${id}:answered`, ...ANSWERS.map((a) => `control:${id}:${a}`)];
  const found = members.map(get);
  const hidden = protectTable(found, [{ total: 0, parts: ANSWERS.map((_, i) => i + 1) }]);
  const shown = (i: number): number | null => (hidden.has(i) ? null : found[i]!.value);
  const answered = shown(0);
  const counts = Object.fromEntries(ANSWERS.map((a, i) => [a, shown(i + 1)])) as Counts;
  const shares = Object.fromEntries(ANSWERS.map((a) => [a, pct(counts[a], answered)])) as Counts;
  return { id, function: fn, answered, counts, shares };
}

/** Companies by region × size band with margins, protected as a 2-D table (cube.ts), the selection's own totals. */
function regionBySize(grid: readonly GridCell[]): DashboardFigures['regionBySize'] {
  const c = cube([SIZE_BANDS, REGIONS]);
  const pos = (label: string, list: readonly string[]) => (label === 'all' ? list.length : list.indexOf(label));
  const cells = new Array<GridCell | undefined>(c.size).fill(undefined);
  for (const g of grid) {
    const [b, r] = [pos(g.sizeBand, SIZE_BANDS), pos(g.region, REGIONS)];
    if (b >= 0 && r >= 0) cells[indexOf(c, [b, r])] = g;
  }
  const hidden = protectTable(cells, cubeLines(c));
  const out: DashboardFigures['regionBySize'] = [];
  for (const [b, band] of [...SIZE_BANDS, 'all'].entries()) {
    for (const [r, region] of [...REGIONS, 'all'].entries()) {
      const i = indexOf(c, [b, r]);
      out.push({ sizeBand: band, region, companies: hidden.has(i) ? null : cells[i]!.value });
    }
  }
  return out;
}

export function dashboardFigures(input: FiguresInput): DashboardFigures {
  const byKey = new Map(input.cells.map((c) => [`${c.quarter}|${c.measure}`, c]));
  const at = (quarter: string) => (m: string) => byKey.get(`${quarter}|${m}`);
  const get = at(input.quarter);
  const shown = (m: string) => {
    const c = get(m);
    return c && !c.hidden ? c : undefined;
  };
  const value = (m: string): number | null => shown(m)?.value ?? null;
  const companiesOf = (m: string): number | null => shown(m)?.contributors ?? null;

  // Maturity: quartiles computed at refresh from exact score histograms, stored only for groups of 10 or more
  // (maturityRows); values are stored in tenths.
  const quartiles = (kind: string): Quartiles | null => {
    const [p25, med, p75] = (['p25', 'median', 'p75'] as const).map((k) => get(`maturity:${kind}:${k}`));
    if (!p25 || !med || !p75 || med.contributors < MIN_CELL_COMPANIES) return null;
    return { p25: p25.value / 10, median: med.value / 10, p75: p75.value / 10, companies: med.contributors };
  };
  const maturity = {
    overall: quartiles('overall'),
    byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, quartiles(f)])) as Record<CsfFunction, Quartiles | null>,
  };

  const controls = input.controls.map((c) => controlFigure(get, c.id, c.function));
  const gaps = controls
    .filter((c) => c.shares.no !== null && c.shares.no > 0)
    .sort((a, b) => b.shares.no! - a.shares.no! || (b.shares.partly ?? 0) - (a.shares.partly ?? 0) || a.id.localeCompare(b.id))
    .slice(0, 10);

  const adoption = input.controls.map((c) => ({
    controlId: c.id,
    quarters: input.quarters.map((q) => {
      const f = controlFigure(at(q), c.id, c.function);
      return { quarter: q, answered: f.answered, shareYes: f.shares.yes };
    }),
  }));
  const adoptionMedian = input.quarters.map((q, i) => ({
    quarter: q,
    medianShareYes: median(adoption.flatMap((a) => (a.quarters[i]!.shareYes === null ? [] : [a.quarters[i]!.shareYes!]))),
  }));

  const incidentFigure = (key: string, m: string): IncidentFigure => ({ key, incidents: value(m), companies: companiesOf(m) });
  return {
    quarter: input.quarter,
    companies: value('companies'),
    maturity,
    controls,
    gaps,
    adoption,
    adoptionMedian,
    incidents: {
      total: value('incidents'),
      companies: companiesOf('incidents'),
      byRsit: input.rsitClasses.map((k) => incidentFigure(k, `incident:rsit:${k}`)),
      byCategory: input.categories.map((k) => incidentFigure(k, `incident:category:${k}`)),
    },
    duties: input.duties.map((k) => incidentFigure(k, `incident:duty:${k}`)),
    regionBySize: regionBySize(input.grid),
  };
}

/**
 * The stored form of one selection's maturity: from its score histograms (score → companies, exact), the quartiles
 * of each score as rows 'maturity:<kind>:p25|median|p75' (value in tenths, contributors = companies), only when at
 * least MIN_CELL_COMPANIES companies have the score (quartilesOf, peers.ts). 21 rows per selection instead of a
 * histogram of up to 707, so a dashboard read stays small.
 */
export function maturityRows(histograms: ReadonlyMap<string, Histogram>): { measure: string; value: number; contributors: number }[] {
  const rows: { measure: string; value: number; contributors: number }[] = [];
  for (const [kind, h] of histograms) {
    const q = quartilesOf(h);
    if (!q) continue;
    for (const k of ['p25', 'median', 'p75'] as const) rows.push({ measure: `maturity:${kind}:${k}`, value: Math.round(q[k] * 10), contributors: q.companies });
  }
  return rows;
}
