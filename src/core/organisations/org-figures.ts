/**
 * An organisation's figures, built from its pre-aggregated rows (stats_org_cells, stats_org_scores) with the
 * small-cell rules applied. Pure: rows in, what a page or the API may show out.
 *
 * - Threshold rule (OECD glossary "threshold rule"; src/core/stats/suppression.ts): no figure from fewer than
 *   MIN_CELL_COMPANIES companies; a hidden count is `null` and so is the number of companies behind it.
 * - Complementary suppression (ESSnet Handbook on SDC v1.2 ch. 4 §4.3) wherever a table has totals: the per-control
 *   answers (answered = yes + partly + no + unknown; gap = partly + no) and the incident mix (all incidents = Σ
 *   categories; each RSIT class = Σ its categories), so no hidden cell can be recomputed by differencing.
 * - Over time (core/organisations/org-snapshots.ts): the rows are a published snapshot that changes only when enough
 *   companies changed; `waiting` says the shown snapshot is held back while fewer did.
 * docs/statistics.md, "Organisation figures".
 */
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { MIN_CELL_COMPANIES } from '../stats/cells.ts';
import { protectCells, type Line } from '../stats/suppression.ts';
import { FUNCTION_LEVEL, TOP_ACTIONS, type Dashboard, type Figure } from './dashboard.ts';

export interface OrgCell {
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
}

export interface OrgScoreRow {
  kind: string;
  score: number;
  companies: number;
}

export const CONTROL_ANSWERS = ['yes', 'partly', 'no', 'unknown'] as const;
export type ControlAnswer = (typeof CONTROL_ANSWERS)[number];
/** How many of the most common gaps the dashboard lists. */
export const TOP_GAPS = 10;

/** Counts of one control's answers; `null` where hidden. */
export interface ControlFigure {
  controlId: string;
  answered: number | null;
  yes: number | null;
  partly: number | null;
  no: number | null;
  unknown: number | null;
  gap: number | null;
}

export interface Gap {
  controlId: string;
  /** Percent of the companies that answered the question. */
  share: number;
  companies: number;
}

export interface AdoptionPoint {
  quarter: string;
  /** Companies with a finished assessment by the quarter's end; null below the minimum. */
  assessed: number | null;
  /** Percent of answered measures fully in place ("yes"); null below the minimum. */
  inPlace: number | null;
}

export interface CountCell {
  key: string;
  value: number | null;
  companies: number | null;
}

export interface OrgFigures {
  /** When the shown figures were published (the oldest family's snapshot). */
  refreshedAt: string | null;
  /** Some companies changed since, too few to publish new figures without singling one out: they wait. */
  waiting: boolean;
  /** Median score (0–100) per CSF function of the counting members' latest assessments. */
  maturity: Record<CsfFunction, Figure>;
  controls: ControlFigure[];
  topGaps: Gap[];
  adoption: AdoptionPoint[];
  incidents: { total: CountCell; byRsitClass: CountCell[]; byCategory: CountCell[]; duties: CountCell[] };
}

export interface OrgFiguresInput {
  refreshedAt: string | null;
  quarter: string | null;
  cells: readonly OrgCell[];
  scores: readonly OrgScoreRow[];
  /** The quarter of the incident snapshot when it differs from `quarter` (the answers snapshot's). */
  incidentsQuarter?: string | null;
  /** Whether a snapshot is held back (see OrgFigures.waiting). */
  waiting?: boolean;
  /** RSIT class → its incident categories (the same map the refresh used). */
  rsitClasses: ReadonlyMap<string, readonly string[]>;
  /** Quarters for adoption over time, oldest first. */
  history: readonly string[];
}

const pct = (part: number, whole: number) => Math.round((100 * part) / whole);

function figure(companies: number, compute: () => number): Figure {
  return { value: companies >= MIN_CELL_COMPANIES ? compute() : null, companies };
}

/** The median of a histogram, with the same rounding as core/organisations/dashboard.ts median(). */
export function histogramMedian(hist: ReadonlyMap<number, number>): number | null {
  const entries = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (k: number): number => {
    let seen = 0;
    for (const [score, n] of entries) {
      seen += n;
      if (k < seen) return score;
    }
    return entries[entries.length - 1]![0];
  };
  const mid = Math.floor(total / 2);
  return total % 2 === 1 ? at(mid) : Math.round((at(mid - 1) + at(mid)) / 2);
}

/** Cells keyed by measure for one quarter. */
function byMeasure(cells: readonly OrgCell[], quarter: string | null): Map<string, OrgCell> {
  return new Map(cells.filter((c) => c.quarter === quarter).map((c) => [c.measure, c]));
}

/**
 * Publishes a table of counts: the cells named by `keys` (missing ones are 0), protected by threshold and
 * complementary suppression over the given additive `relations` (total key → part keys).
 */
function protectTable(keys: readonly string[], get: (k: string) => OrgCell | undefined, relations: readonly [string, readonly string[]][]): Map<string, CountCell> {
  const index = new Map(keys.map((k, i) => [k, i]));
  const values = keys.map((k) => get(k)?.value ?? 0);
  const contributors = keys.map((k) => get(k)?.contributors ?? 0);
  const lines: Line[] = relations.map(([total, parts]) => ({ total: index.get(total)!, parts: parts.map((p) => index.get(p)!) }));
  const hidden = protectCells(values, contributors, lines);
  return new Map(keys.map((k, i) => [k, { key: k, value: hidden.has(i) ? null : values[i]!, companies: hidden.has(i) ? null : contributors[i]! }]));
}

function controlFigures(now: Map<string, OrgCell>): ControlFigure[] {
  const ids = [...new Set([...now.keys()].filter((m) => m.startsWith('control:')).map((m) => m.slice('control:'.length, m.lastIndexOf(':'))))].sort();
  const keys = ids.flatMap((id) => ['answered', ...CONTROL_ANSWERS, 'gap'].map((a) => `control:${id}:${a}`));
  const relations = ids.flatMap((id): [string, string[]][] => [
    [`control:${id}:answered`, CONTROL_ANSWERS.map((a) => `control:${id}:${a}`)],
    [`control:${id}:gap`, [`control:${id}:partly`, `control:${id}:no`]],
  ]);
  const table = protectTable(keys, (k) => now.get(k), relations);
  const v = (id: string, a: string) => table.get(`control:${id}:${a}`)!.value;
  return ids.map((id) => ({ controlId: id, answered: v(id, 'answered'), yes: v(id, 'yes'), partly: v(id, 'partly'), no: v(id, 'no'), unknown: v(id, 'unknown'), gap: v(id, 'gap') }));
}

function incidentFigures(now: Map<string, OrgCell>, rsitClasses: ReadonlyMap<string, readonly string[]>): OrgFigures['incidents'] {
  const categories = [...new Set([...rsitClasses.values()].flat())].sort();
  const classes = [...rsitClasses.keys()].sort();
  const keys = ['incidents', ...categories.map((c) => `incident:category:${c}`), ...classes.map((c) => `incident:rsit:${c}`)];
  const relations: [string, string[]][] = [
    ['incidents', categories.map((c) => `incident:category:${c}`)],
    ...classes.map((cls): [string, string[]] => [`incident:rsit:${cls}`, (rsitClasses.get(cls) ?? []).map((c) => `incident:category:${c}`)]),
  ];
  const table = protectTable(keys, (k) => now.get(k), relations);
  const strip = (prefix: string) => (c: CountCell) => ({ ...c, key: c.key.slice(prefix.length) });
  // Duties are not parts of a published total (one incident can trigger several): the threshold rule alone.
  const duties = [...now.values()]
    .filter((c) => c.measure.startsWith('duty:'))
    .map((c) => ({ key: c.measure.slice('duty:'.length), value: c.contributors >= MIN_CELL_COMPANIES ? c.value : null, companies: c.contributors >= MIN_CELL_COMPANIES ? c.contributors : null }))
    .sort((a, b) => a.key.localeCompare(b.key));
  return {
    total: table.get('incidents')!,
    byRsitClass: classes.map((c) => strip('incident:rsit:')(table.get(`incident:rsit:${c}`)!)),
    byCategory: categories.map((c) => strip('incident:category:')(table.get(`incident:category:${c}`)!)),
    duties,
  };
}

function histograms(scores: readonly OrgScoreRow[]): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const s of scores) {
    const h = out.get(s.kind) ?? new Map<number, number>();
    out.set(s.kind, h);
    h.set(s.score, (h.get(s.score) ?? 0) + s.companies);
  }
  return out;
}

const sizeOf = (h: ReadonlyMap<number, number> | undefined) => [...(h ?? new Map<number, number>()).values()].reduce((s, n) => s + n, 0);

/** Everything the dashboard shows beyond the first overview, from the stored rows. */
export function buildOrgFigures(input: OrgFiguresInput): OrgFigures {
  const now = byMeasure(input.cells, input.quarter);
  const hists = histograms(input.scores);
  const maturity = Object.fromEntries(
    FUNCTIONS.map((f) => {
      const h = hists.get(f);
      return [f, figure(sizeOf(h), () => histogramMedian(h!)!)];
    }),
  ) as Record<CsfFunction, Figure>;
  const controls = controlFigures(now);
  const topGaps = controls
    .filter((c) => c.gap !== null && c.answered !== null && c.gap > 0)
    .map((c) => ({ controlId: c.controlId, share: pct(c.gap!, c.answered!), companies: c.answered! }))
    .sort((a, b) => b.share - a.share || a.controlId.localeCompare(b.controlId))
    .slice(0, TOP_GAPS);
  const adoption = input.history.map((quarter) => {
    const at = byMeasure(input.cells, quarter);
    const assessed = at.get('adoption:assessed')?.value ?? 0;
    const shown = assessed >= MIN_CELL_COMPANIES;
    const answered = at.get('adoption:answered')?.value ?? 0;
    return { quarter, assessed: shown ? assessed : null, inPlace: shown && answered > 0 ? pct(at.get('adoption:yes')?.value ?? 0, answered) : null };
  });
  const incidentCells = input.incidentsQuarter === undefined ? now : byMeasure(input.cells, input.incidentsQuarter);
  return { refreshedAt: input.refreshedAt, waiting: input.waiting ?? false, maturity, controls, topGaps, adoption, incidents: incidentFigures(incidentCells, input.rsitClasses) };
}

/**
 * The first overview (the fields the dashboard has always had), from the stored rows instead of live answers. The
 * member counts come from `live` when given (they reveal no answers); the share assessed is over the counting members
 * of the snapshot ('assessed:counting'), so it stays consistent with the snapshot's other figures.
 */
export function buildStoredDashboard(input: Pick<OrgFiguresInput, 'cells' | 'scores' | 'quarter'> & { live?: { members: number; counting: number } }, gaps: readonly Gap[]): Dashboard {
  const now = byMeasure(input.cells, input.quarter);
  const count = (m: string) => now.get(m)?.value ?? 0;
  const counting = now.get('assessed:counting')?.value ?? count('counting');
  const assessed = count('assessed');
  const hists = histograms(input.scores);
  const overall = hists.get('overall');
  const functionsAbove = Object.fromEntries(
    FUNCTIONS.map((f) => {
      const h = hists.get(f) ?? new Map<number, number>();
      const above = [...h].filter(([s]) => s >= FUNCTION_LEVEL).reduce((s, [, n]) => s + n, 0);
      return [f, figure(sizeOf(h), () => pct(above, sizeOf(h)))];
    }),
  ) as Record<CsfFunction, Figure>;
  return {
    members: input.live?.members ?? count('members'),
    counting: input.live?.counting ?? counting,
    assessedShare: figure(counting, () => pct(assessed, counting)),
    medianScore: figure(sizeOf(overall), () => histogramMedian(overall!)!),
    functionsAbove,
    openActions: assessed >= MIN_CELL_COMPANIES ? gaps.slice(0, TOP_ACTIONS).map((g) => ({ controlId: g.controlId, share: g.share })) : [],
    openActionsCompanies: assessed,
    minimum: MIN_CELL_COMPANIES,
  };
}
