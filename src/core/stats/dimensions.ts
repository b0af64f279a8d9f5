/**
 * The dimensions every figure is cut by: NACE section, size band, region and quarter. Pure.
 * Size bands follow the headcount classes of the EU SME definition (Recommendation 2003/361/EC, Annex Art. 2), with
 * the self-employed alone (0) apart as Belgian statistics show them; companies of 250 or more are not SMEs and are
 * left out of the figures (docs/statistics.md).
 */
import type { NaceList } from '../nace.ts';
import type { Region as ProfileRegion } from '../company-profile.ts';
import type { Region, SizeBand } from './cells.ts';

export function sizeBandOf(employees: number | null): SizeBand | null {
  if (employees === null || !Number.isInteger(employees) || employees < 0) return null;
  if (employees === 0) return '0';
  if (employees < 10) return '1-9';
  if (employees < 50) return '10-49';
  if (employees < 250) return '50-249';
  return null;
}

/** The profile's "other" (outside Belgium) and a missing region both count as unknown. */
export function statsRegionOf(region: ProfileRegion | string | null): Region {
  return region === 'flanders' || region === 'wallonia' || region === 'brussels' ? region : 'unknown';
}

/** Division ("56") → section ("I"), as the bundled NACE-BEL list says (NACE-BEL 2025 = NACE Rev. 2.1 sections). */
const sectionsOf = new WeakMap<NaceList, ReadonlyMap<string, string>>();

/** Built once per loaded NACE list: the quick scan and every company home ask for it (issue 13, bench/README.md). */
export function sectionsByDivision(list: NaceList): ReadonlyMap<string, string> {
  let map = sectionsOf.get(list);
  if (!map) {
    map = new Map(list.entries.filter((e) => e.level === 'division' && e.parent).map((e) => [e.code, e.parent as string]));
    sectionsOf.set(list, map);
  }
  return map;
}

/** Calendar quarter of an ISO-8601 UTC instant: '2026-Q4'. */
export function quarterOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

/** '2026-Q4' and the n quarters before it, each with the ISO instant it ends (exclusive, UTC). */
export function quarterEnds(quarter: string, before: number): [string, string][] {
  const [y, qn] = [Number(quarter.slice(0, 4)), Number(quarter.slice(6))];
  const out: [string, string][] = [];
  for (let k = 0; k <= before; k++) {
    const index = y * 4 + (qn - 1) - k;
    const [year, q] = [Math.floor(index / 4), (index % 4) + 1];
    const end = new Date(Date.UTC(year, q * 3, 1)).toISOString();
    out.push([`${year}-Q${q}`, end]);
  }
  return out;
}

export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
