/**
 * The sector risk report of a federation (issue 11), built only from suppressed figures of the pre-aggregated
 * tables: threat profile, maturity, top gaps and recommended sector actions. Pure: values in, figures out.
 * Rules: docs/statistics.md, "Sector risk report".
 */
import type { AssessmentCatalog, Control, CsfFunction, SectorPack, ThreatId } from '../assessment/catalog.ts';
import { FUNCTIONS } from '../assessment/catalog.ts';
import { MIN_CELL_COMPANIES } from './cells.ts';
import { quartilesOf, type Histogram } from './peers.ts';
import { protectCells, type Line } from './suppression.ts';

/** One stats_cells row summed over size band and region for the federation's sections (one quarter). */
export interface QuarterCell {
  quarter: string;
  measure: string;
  value: number;
  contributors: number;
}

export interface ThreatRow {
  /** 'incidents', 'incident:rsit:<class>' or 'incident:category:<category>'. */
  measure: string;
  value: number | null;
  /** Share of all incidents, 0–100, one decimal; null when hidden (or the total is). */
  share: number | null;
}

/**
 * Incidents over the given quarters: counts are summed, and the companies behind a figure are taken as the largest
 * number in any one quarter, a lower bound of the distinct companies (a company can report in several quarters), so
 * the threshold rule is applied on the safe side. Then complementary suppression over the additive relations: all
 * incidents = Σ categories (each incident has one category) and each class = Σ its categories (ESSnet Handbook on
 * SDC v1.2, ch. 4 §4.3), so no hidden figure can be recomputed from the shown ones.
 */
export function threatProfile(cells: readonly QuarterCell[], rsitClasses: ReadonlyMap<string, readonly string[]>, categories: readonly string[]): { byClass: ThreatRow[]; byCategory: ThreatRow[]; total: ThreatRow } {
  const measures = ['incidents', ...categories.map((c) => `incident:category:${c}`), ...[...rsitClasses.keys()].map((k) => `incident:rsit:${k}`)];
  const index = new Map(measures.map((m, i) => [m, i]));
  const values = measures.map(() => 0);
  const perQuarter = new Map<string, number>();
  for (const c of cells) {
    const i = index.get(c.measure);
    if (i === undefined) continue;
    values[i]! += c.value;
    const key = `${i}|${c.quarter}`;
    perQuarter.set(key, (perQuarter.get(key) ?? 0) + c.contributors);
  }
  const contributors = measures.map(() => 0);
  for (const [key, n] of perQuarter) {
    const i = Number(key.slice(0, key.indexOf('|')));
    contributors[i] = Math.max(contributors[i]!, n);
  }
  const categoryIndex = (c: string) => index.get(`incident:category:${c}`)!;
  const lines: Line[] = [{ total: 0, parts: categories.map(categoryIndex) }];
  for (const [cls, cats] of rsitClasses) lines.push({ total: index.get(`incident:rsit:${cls}`)!, parts: cats.filter((c) => index.has(`incident:category:${c}`)).map(categoryIndex) });
  const hidden = protectCells(values, contributors, lines);
  const total = hidden.has(0) ? null : values[0]!;
  const row = (m: string): ThreatRow => {
    const i = index.get(m)!;
    const value = hidden.has(i) ? null : values[i]!;
    return { measure: m, value, share: value === null || !total ? null : Math.round((1000 * value) / total) / 10 };
  };
  const byShare = (a: ThreatRow, b: ThreatRow) => (b.value ?? -1) - (a.value ?? -1) || a.measure.localeCompare(b.measure);
  return {
    total: row('incidents'),
    byClass: [...rsitClasses.keys()].map((k) => row(`incident:rsit:${k}`)).sort(byShare),
    byCategory: categories.map((c) => row(`incident:category:${c}`)).sort(byShare),
  };
}

export interface MaturityRow {
  part: 'overall' | CsfFunction;
  /** Median score 0–100 of the sector's counted companies, null when fewer than 10 have it. */
  median: number | null;
  companies: number;
}

/** Median per CSF function (and overall) from score histograms, hidden below 10 companies (peers.ts quartilesOf). */
export function maturity(histograms: ReadonlyMap<string, Histogram>): MaturityRow[] {
  return (['overall', ...FUNCTIONS] as const).map((part) => {
    const h = histograms.get(part) ?? new Map<number, number>();
    const q = quartilesOf(h);
    return { part, median: q?.median ?? null, companies: [...h.values()].reduce((s, n) => s + n, 0) };
  });
}

export interface Gap {
  controlId: string;
  /** Companies that answered "no" or "partly". */
  missing: number;
  /** Companies that answered the question at all ("yes", "no", "partly" or "I don't know"). */
  answered: number;
  /** missing / answered, percent, rounded. */
  share: number;
}

/**
 * The controls most often answered "no" or "partly": a control counts only when at least 10 companies answered it and
 * at least 10 lack it (threshold rule on both figures shown). Highest share first.
 */
export function topGaps(answers: ReadonlyMap<string, Readonly<Record<string, number>>>, limit = 5): Gap[] {
  const gaps: Gap[] = [];
  for (const [controlId, a] of answers) {
    const missing = (a.no ?? 0) + (a.partly ?? 0);
    const answered = missing + (a.yes ?? 0) + (a.unknown ?? 0);
    if (answered < MIN_CELL_COMPANIES || missing < MIN_CELL_COMPANIES) continue;
    gaps.push({ controlId, missing, answered, share: Math.round((100 * missing) / answered) });
  }
  return gaps.sort((x, y) => y.share - x.share || y.missing - x.missing || x.controlId.localeCompare(y.controlId)).slice(0, limit);
}

/** The heaviest weight per threat over the sector packs of the federation's divisions (content/assessment/sectors.json). */
export function sectorThreatWeights(packs: readonly SectorPack[]): Partial<Record<ThreatId, number>> {
  const weights: Partial<Record<ThreatId, number>> = {};
  for (const p of packs) for (const [t, w] of Object.entries(p.threatWeights) as [ThreatId, number][]) weights[t] = Math.max(weights[t] ?? 0, w);
  return weights;
}

export function packsFor(catalog: AssessmentCatalog, divisions: ReadonlySet<string>): SectorPack[] {
  return catalog.sectors.filter((s) => s.divisions.some((d) => divisions.has(d)));
}

export interface RecommendedAction {
  control: Control;
  gap: Gap;
  /** The threats this control reduces that weigh more than usual in the sector. */
  sectorThreats: ThreatId[];
}

/**
 * Recommended sector actions: the top gaps, ordered by how common the gap is times how much the control reduces the
 * threats that weigh most in the sector (control reduction × sector weight, 1 where the pack gives none).
 */
export function recommendedActions(catalog: AssessmentCatalog, gaps: readonly Gap[], weights: Partial<Record<ThreatId, number>>): RecommendedAction[] {
  const byId = new Map(catalog.controls.map((c) => [c.id, c]));
  const scored = gaps.flatMap((gap) => {
    const control = byId.get(gap.controlId);
    if (!control) return [];
    const entries = Object.entries(control.threats) as [ThreatId, number][];
    const relevance = Math.max(...entries.map(([t, r]) => r * (weights[t] ?? 1)));
    const sectorThreats = entries.filter(([t]) => (weights[t] ?? 1) > 1).map(([t]) => t);
    return [{ control, gap, sectorThreats, priority: gap.share * relevance }];
  });
  return scored.sort((a, b) => b.priority - a.priority || a.control.id.localeCompare(b.control.id)).map(({ control, gap, sectorThreats }) => ({ control, gap, sectorThreats }));
}
