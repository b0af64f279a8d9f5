/**
 * The quarterly open-data release: counts of companies by NACE section, size band, region and quarter, overall and
 * per RSIT incident class, with the margins "all". Pure: the aggregates and a source of random integers come in,
 * the rows of the release come out. docs/statistics.md explains each step in words.
 *
 * Order of the steps (docs/decisions/0006-differential-privacy.md):
 *  1. contributions are bounded: a cell counts companies, each company once (a company with three phishing
 *     incidents in a quarter counts once under "fraud"); a company sits in one interior cell per measure, because it
 *     has one sector, one size band and one region;
 *  2. disclosure control on the true counts: the threshold rule and complementary suppression (suppression.ts);
 *  3. noise: every interior cell, hidden or not, gets discrete Laplace noise of scale Δ/ε, where Δ is the number of
 *     measures (the most interior cells one company can be in); the margins are sums of the noisy interior cells,
 *     which is post-processing and costs no privacy (Dwork & Roth 2014, Proposition 2.1);
 *  4. noisy values are integers; those below zero are published as 0; hidden cells are published as null.
 */
import { REGIONS, SIZE_BANDS, type AggregateCell } from './cells.ts';
import { ALL, cube, cubeLines, fillCube, indexOf, labelsOf } from './cube.ts';
import { noiseScale, parseEpsilon, sampleDiscreteLaplace, type RandomInt } from './discrete-laplace.ts';
import { protectCells } from './suppression.ts';

/** NACE Rev. 2 / NACE-BEL sections A to U. The grid is fixed, so an absent row says nothing. */
export const NACE_SECTIONS = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** The classes of the ENISA Reference Security Incident Taxonomy v1.3 (machine names), without "test". */
export const RSIT_CLASSES = [
  'abusive-content',
  'malicious-code',
  'information-gathering',
  'intrusion-attempts',
  'intrusions',
  'availability',
  'information-content-security',
  'fraud',
  'vulnerable',
  'other',
] as const;

/** The measures of a release, fixed in advance: the sensitivity must not depend on the data. */
export const OPEN_DATA_MEASURES: readonly string[] = ['companies', ...RSIT_CLASSES.map((c) => `incident:rsit:${c}`)];

/** Names the method in each release; a change of method gets a new name. */
export const OPEN_DATA_METHOD = 'threshold-10+complementary-suppression+discrete-laplace/v1';

export interface OpenDataRow {
  naceSection: string;
  sizeBand: string;
  region: string;
  quarter: string;
  measure: string;
  /** Noisy count of companies; null when the cell is hidden by the small-cell rules. */
  value: number | null;
}

export interface OpenDataRelease {
  release: string;
  quarter: string;
  epsilon: number;
  method: string;
  /** L1 sensitivity Δ: the most interior cells one company can add 1 to. */
  sensitivity: number;
  rows: OpenDataRow[];
}

export type ReleaseProblem = 'bad_quarter' | 'bad_epsilon';

const QUARTER = /^(\d{4})-Q([1-4])$/;
export const MAX_EPSILON = 10;

export function isQuarter(text: string): boolean {
  return QUARTER.test(text);
}

/** The last quarter that has fully ended at `now` (UTC), e.g. 2027-01-15 → '2026-Q4'. */
export function previousQuarter(now: Date): string {
  const q = Math.floor(now.getUTCMonth() / 3); // 0-based current quarter
  return q === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${q}`;
}

/** What is wrong with the quarter or ε of a release to build, if anything. ε must lie in (0, MAX_EPSILON]. */
export function releaseInputProblem(quarter: string, epsilonText: string): ReleaseProblem | null {
  if (!isQuarter(quarter)) return 'bad_quarter';
  const epsilon = parseEpsilon(epsilonText);
  if (!epsilon || epsilon.n / epsilon.d > MAX_EPSILON) return 'bad_epsilon';
  return null;
}

export function buildOpenDataRelease(input: { quarter: string; epsilon: string; cells: readonly AggregateCell[]; random: RandomInt }): OpenDataRelease | { problem: ReleaseProblem } {
  const problem = releaseInputProblem(input.quarter, input.epsilon);
  if (problem) return { problem };
  const epsilon = parseEpsilon(input.epsilon)!;
  const sensitivity = OPEN_DATA_MEASURES.length;
  const scale = noiseScale(sensitivity, epsilon);
  const dims = [NACE_SECTIONS, SIZE_BANDS, REGIONS] as const;
  const c = cube(dims);
  const lines = cubeLines(c);

  const rows: OpenDataRow[] = [];
  for (const measure of OPEN_DATA_MEASURES) {
    const interior = new Map<number, number>();
    for (const cell of input.cells) {
      if (cell.quarter !== input.quarter || cell.measure !== measure) continue;
      const coords = [NACE_SECTIONS.indexOf(cell.naceSection), (SIZE_BANDS as readonly string[]).indexOf(cell.sizeBand), (REGIONS as readonly string[]).indexOf(cell.region)];
      if (coords.some((v) => v < 0)) continue; // outside the published grid (no section known): not counted
      const index = indexOf(c, coords);
      // Bounded contribution: companies, each once — the contributor count, never the number of incidents.
      interior.set(index, (interior.get(index) ?? 0) + Math.max(0, Math.trunc(cell.contributors)));
    }
    const counts = fillCube(c, (coords) => interior.get(indexOf(c, coords)) ?? 0);
    const hidden = protectCells(counts, counts, lines);
    const noisyInterior = new Map<number, number>();
    for (let index = 0; index < c.size; index++) {
      if (labelsOf(c, index).includes(ALL)) continue;
      noisyInterior.set(index, counts[index]! + sampleDiscreteLaplace(input.random, scale));
    }
    const noisy = fillCube(c, (coords) => noisyInterior.get(indexOf(c, coords))!);
    for (let index = 0; index < c.size; index++) {
      const [naceSection, sizeBand, region] = labelsOf(c, index) as [string, string, string];
      rows.push({ naceSection, sizeBand, region, quarter: input.quarter, measure, value: hidden.has(index) ? null : Math.max(0, noisy[index]!) });
    }
  }
  return { release: input.quarter, quarter: input.quarter, epsilon: epsilon.n / epsilon.d, method: OPEN_DATA_METHOD, sensitivity, rows };
}
