/**
 * "Compare with similar companies": the median and quartiles of the scores of the companies of the same NACE section
 * and size band, shown only when at least MIN_CELL_COMPANIES (10) of them stand behind the figure (the small-cell
 * threshold rule: OECD Glossary of Statistical Terms, "threshold rule"; issue 11 sets 10). Pure.
 */
import { FUNCTIONS, type CsfFunction } from '../assessment/catalog.ts';
import { MIN_CELL_COMPANIES, type SizeBand } from './cells.ts';

export interface Quartiles {
  p25: number;
  median: number;
  p75: number;
  /** Companies with a score for this figure. */
  companies: number;
}

export interface PeerQuartiles {
  overall: Quartiles | null;
  byFunction: Record<CsfFunction, Quartiles | null>;
}

export interface PeerGroup {
  naceSection: string;
  sizeBand: SizeBand;
  /** Companies with a finished assessment and consent in the group. */
  companies: number;
  quartiles: PeerQuartiles;
}

/** Scores 0–100 → how many companies have each score. */
export type Histogram = ReadonlyMap<number, number>;

/**
 * The p-quantile of the values a histogram counts, by linear interpolation between order statistics (Hyndman & Fan
 * 1996, definition 7: the default of R and of spreadsheet QUARTILE.INC), rounded to one decimal.
 */
export function quantileOf(hist: Histogram, p: number): number | null {
  const entries = [...hist].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const h = (total - 1) * p;
  const at = (k: number): number => {
    let seen = 0;
    for (const [v, n] of entries) {
      seen += n;
      if (k < seen) return v;
    }
    return entries[entries.length - 1]![0];
  };
  const lo = at(Math.floor(h));
  const hi = at(Math.ceil(h));
  return Math.round((lo + (h - Math.floor(h)) * (hi - lo)) * 10) / 10;
}

/** Quartiles of one score, or null when fewer than MIN_CELL_COMPANIES companies have it. */
export function quartilesOf(hist: Histogram): Quartiles | null {
  const companies = [...hist.values()].reduce((s, n) => s + n, 0);
  if (companies < MIN_CELL_COMPANIES) return null;
  return { p25: quantileOf(hist, 0.25)!, median: quantileOf(hist, 0.5)!, p75: quantileOf(hist, 0.75)!, companies };
}

export function peerQuartiles(overall: Histogram, byFunction: Partial<Record<CsfFunction, Histogram>>): PeerQuartiles {
  return {
    overall: quartilesOf(overall),
    byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, quartilesOf(byFunction[f] ?? new Map())])) as Record<CsfFunction, Quartiles | null>,
  };
}

/** The peers rule: a comparison exists only for a group of at least MIN_CELL_COMPANIES companies. */
export function comparable(group: PeerGroup | undefined): PeerGroup | null {
  return group && group.companies >= MIN_CELL_COMPANIES && group.quartiles.overall ? group : null;
}
