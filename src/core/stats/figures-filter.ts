/**
 * The public dashboard's filter: NACE section, then a division of that section, size band, region and quarter.
 * Query text in, a checked filter or the list of bad fields out (each with a message key), so the page answers 400
 * with the unfiltered view and the API answers 422, never a 500. Pure.
 */
import { REGIONS, SIZE_BANDS, type Region, type SizeBand } from './cells.ts';

export interface DashboardFilter {
  naceSection: string | null;
  naceDivision: string | null;
  sizeBand: SizeBand | null;
  region: Region | null;
  /** null = the latest quarter. */
  quarter: string | null;
}

export const NO_FILTER: DashboardFilter = { naceSection: null, naceDivision: null, sizeBand: null, region: null, quarter: null };
export const FILTER_FIELDS = ['naceSection', 'naceDivision', 'sizeBand', 'region', 'quarter'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type FilterProblem = { field: FilterField; message: 'statsdash.bad.section' | 'statsdash.bad.division' | 'statsdash.bad.size' | 'statsdash.bad.region' | 'statsdash.bad.quarter' };

export interface FilterContext {
  /** Division → section (NACE-BEL). */
  sections: ReadonlyMap<string, string>;
  quarters: readonly string[];
}

const text = (v: unknown): string | null => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return '\u0000'; // a repeated parameter (an array) is never a valid value
  const t = v.trim();
  return t === '' || t === 'all' ? null : t;
};

export function parseFilter(query: Readonly<Record<string, unknown>>, ctx: FilterContext): { ok: true; filter: DashboardFilter } | { ok: false; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const sectionSet = new Set(ctx.sections.values());
  let naceSection = text(query.naceSection);
  const naceDivision = text(query.naceDivision);
  if (naceSection !== null) {
    naceSection = naceSection.toUpperCase();
    if (!sectionSet.has(naceSection)) problems.push({ field: 'naceSection', message: 'statsdash.bad.section' });
  }
  if (naceDivision !== null) {
    const parent = ctx.sections.get(naceDivision);
    // A division alone picks its section; with a section, it must belong to it.
    if (parent === undefined || (naceSection !== null && parent !== naceSection)) problems.push({ field: 'naceDivision', message: 'statsdash.bad.division' });
    else naceSection = parent;
  }
  const sizeBand = text(query.sizeBand);
  if (sizeBand !== null && !(SIZE_BANDS as readonly string[]).includes(sizeBand)) problems.push({ field: 'sizeBand', message: 'statsdash.bad.size' });
  const region = text(query.region);
  if (region !== null && !(REGIONS as readonly string[]).includes(region)) problems.push({ field: 'region', message: 'statsdash.bad.region' });
  const quarter = text(query.quarter);
  if (quarter !== null && !ctx.quarters.includes(quarter)) problems.push({ field: 'quarter', message: 'statsdash.bad.quarter' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, filter: { naceSection, naceDivision, sizeBand: sizeBand as SizeBand | null, region: region as Region | null, quarter } };
}
