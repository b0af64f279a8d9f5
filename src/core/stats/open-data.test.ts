import { describe, expect, it } from 'vitest';
import { linearAttack } from '../../../test/support/disclosure-attack.ts';
import { seededRandomInt } from '../../../test/support/seeded-random.ts';
import type { AggregateCell, Region, SizeBand } from './cells.ts';
import { cube, cubeLines, fillCube, indexOf } from './cube.ts';
import { buildOpenDataRelease, NACE_SECTIONS, OPEN_DATA_MEASURES, previousQuarter, type OpenDataRelease } from './open-data.ts';

const cell = (naceSection: string, sizeBand: SizeBand, region: Region, measure: string, contributors: number, value = contributors): AggregateCell => ({
  naceSection,
  sizeBand,
  region,
  quarter: '2026-Q4',
  measure,
  value,
  contributors,
});

/** Made-up aggregates: bakers (C) and shops (G) with enough companies, a few builders (F), fraud in G. */
const CELLS: AggregateCell[] = [
  cell('C', '1-9', 'flanders', 'companies', 40),
  cell('C', '1-9', 'wallonia', 'companies', 25),
  cell('C', '0', 'flanders', 'companies', 12),
  cell('F', '1-9', 'brussels', 'companies', 4),
  cell('G', '0', 'flanders', 'companies', 30),
  cell('G', '1-9', 'flanders', 'companies', 22),
  cell('G', '1-9', 'brussels', 'companies', 15),
  cell('G', '1-9', 'flanders', 'incident:rsit:fraud', 12, 30), // 30 incidents in 12 companies
  cell('G', '0', 'flanders', 'incident:rsit:fraud', 3),
  cell('C', '1-9', 'flanders', 'incident:rsit:fraud', 11),
  cell('C', '1-9', 'flanders', 'incident:rsit:fraud', 1, 1), // a second cell for the same group adds up
  { ...cell('C', '1-9', 'flanders', 'companies', 99), quarter: '2026-Q3' }, // another quarter: not in this release
  cell('C', '1-9', 'flanders', 'control:mfa:yes', 30), // not an open-data measure
];

function release(epsilon = '1', seed = 1n): OpenDataRelease {
  const r = buildOpenDataRelease({ quarter: '2026-Q4', epsilon, cells: CELLS, random: seededRandomInt(seed) });
  if ('problem' in r) throw new Error(r.problem);
  return r;
}
const find = (r: OpenDataRelease, nace: string, size: string, region: string, measure = 'companies') =>
  r.rows.find((x) => x.naceSection === nace && x.sizeBand === size && x.region === region && x.measure === measure);

describe('open-data release', () => {
  it('has one row per sector × size band × region (with "all") per measure, for the quarter, nothing else', () => {
    const r = release();
    expect(r.rows).toHaveLength(OPEN_DATA_MEASURES.length * 22 * 5 * 5);
    expect(new Set(r.rows.map((x) => x.measure))).toEqual(new Set(OPEN_DATA_MEASURES));
    expect(r.rows.every((x) => x.quarter === '2026-Q4')).toBe(true);
    expect(r).toMatchObject({ release: '2026-Q4', epsilon: 1, sensitivity: OPEN_DATA_MEASURES.length });
  });

  it('hides every figure resting on fewer than 10 companies (threshold rule), margins included', () => {
    const r = release();
    expect(find(r, 'F', '1-9', 'brussels')!.value).toBeNull();
    expect(find(r, 'F', 'all', 'all')!.value).toBeNull(); // 4 builders in all
    expect(find(r, 'A', 'all', 'all')!.value).toBeNull(); // empty sector
    expect(find(r, 'G', '0', 'flanders', 'incident:rsit:fraud')!.value).toBeNull();
    expect(find(r, 'all', 'all', 'all')!.value).not.toBeNull();
  });

  it('leaves no hidden count recoverable from the published margins (complementary suppression over the cube)', () => {
    const r = release();
    const c = cube([NACE_SECTIONS, ['0', '1-9', '10-49', '50-249'], ['flanders', 'wallonia', 'brussels', 'unknown']]);
    const truth = new Map([['C,1-9,flanders', 40], ['C,1-9,wallonia', 25], ['C,0,flanders', 12], ['F,1-9,brussels', 4], ['G,0,flanders', 30], ['G,1-9,flanders', 22], ['G,1-9,brussels', 15]]);
    const values = fillCube(c, ([n, s, g]) => truth.get(`${NACE_SECTIONS[n!]},${c.dims[1]![s!]},${c.dims[2]![g!]}`) ?? 0);
    const rowsOf = r.rows.filter((x) => x.measure === 'companies');
    const hidden = new Set<number>();
    const label = (v: string, d: readonly string[]) => (v === 'all' ? d.length : d.indexOf(v));
    for (const x of rowsOf) if (x.value === null) hidden.add(indexOf(c, [label(x.naceSection, c.dims[0]!), label(x.sizeBand, c.dims[1]!), label(x.region, c.dims[2]!)]));
    expect(hidden.size).toBeGreaterThan(0);
    expect([...linearAttack(values, hidden, cubeLines(c)).keys()]).toEqual([]);
  });

  it('counts each company once per cell: 30 incidents in 12 companies publish about 12, not 30', () => {
    const r = release('10');
    const v = find(r, 'G', '1-9', 'flanders', 'incident:rsit:fraud')!.value!;
    expect(Math.abs(v - 12)).toBeLessThanOrEqual(6); // scale Δ/ε = 1.1 at ε = 10
  });

  it('adds noise: at ε = 1 visible figures are integers ≥ 0 and not all equal to the true count', () => {
    const r = release('1');
    const visible = r.rows.filter((x) => x.value !== null);
    expect(visible.every((x) => Number.isInteger(x.value) && x.value! >= 0)).toBe(true);
    const truths = [['C', '1-9', 'flanders', 40], ['C', '1-9', 'wallonia', 25], ['G', '0', 'flanders', 30]] as const;
    const differs = truths.some(([n, s, g, t]) => {
      const v = find(r, n, s, g)?.value;
      return v !== null && v !== undefined && v !== t;
    });
    expect(differs).toBe(true);
  });

  it('is the same for the same random stream, and differs for another (noise drawn once per release, then stored)', () => {
    expect(release('1', 5n)).toEqual(release('1', 5n));
    expect(release('1', 5n).rows).not.toEqual(release('1', 6n).rows);
  });

  it('refuses a malformed quarter or an ε outside (0, 10]', () => {
    const random = seededRandomInt(1n);
    expect(buildOpenDataRelease({ quarter: '2026-Q5', epsilon: '1', cells: [], random })).toEqual({ problem: 'bad_quarter' });
    expect(buildOpenDataRelease({ quarter: '2026-Q4', epsilon: '0', cells: [], random })).toEqual({ problem: 'bad_epsilon' });
    expect(buildOpenDataRelease({ quarter: '2026-Q4', epsilon: '11', cells: [], random })).toEqual({ problem: 'bad_epsilon' });
  });

  it('defaults to the last quarter that has ended', () => {
    expect(previousQuarter(new Date('2027-01-15T00:00:00Z'))).toBe('2026-Q4');
    expect(previousQuarter(new Date('2026-12-31T23:59:59Z'))).toBe('2026-Q3');
    expect(previousQuarter(new Date('2026-04-01T00:00:00Z'))).toBe('2026-Q1');
  });
});
