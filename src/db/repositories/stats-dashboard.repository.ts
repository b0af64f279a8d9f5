/**
 * The public dashboards' pre-aggregated table (migration 020): rebuilt inside the statistics refresh from
 * stats_companies (already limited to consenting companies) and read per filter selection by primary-key range.
 * Set-based SQL returns interior counts at NACE-division grain; margins and the small-cell decision are computed
 * in the pure core (core/stats/figures-cube.ts) and stored, so requests only read.
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNCTIONS } from '../../core/assessment/catalog.ts';
import { ANSWERS } from '../../core/assessment/engine.ts';
import { CATEGORIES } from '../../core/incidents/triage.ts';
import { quarterEnds } from '../../core/stats/dimensions.ts';
import { protectCube, withMargins, type DashboardCell, type Family, type InteriorCount } from '../../core/stats/figures-cube.ts';
import { maturityRows, type GridCell, type SelectionCell } from '../../core/stats/figures.ts';
import type { Dialect } from '../connection.ts';
import type { Conn } from './types.ts';

/** Quarters the dashboards show: the current one and the three before (one year of adoption over time). */
export const DASHBOARD_QUARTERS = 4;
const SCORE_KINDS = ['overall', ...FUNCTIONS] as const;

export interface DashboardRefreshInput {
  dialect: Dialect;
  quarter: string;
  rsitClasses: ReadonlyMap<string, readonly string[]>;
}

interface Row {
  quarter: string;
  measure: string;
  nace_section: string;
  nace_division: string;
  size_band: string;
  region: string;
  value: number | string;
  contributors: number | string;
}

const dims = sql`s.nace_section, s.nace_division, s.size_band, s.region`;

/** The family a measure belongs to: a control's answers add up to its 'answered'; incident categories to 'incidents'. */
export function familyOf(measure: string): Family {
  let f = families.get(measure);
  if (f === undefined) {
    f = familyOfMeasure(measure);
    families.set(measure, f);
  }
  return f;
}
/** Measures are a small fixed set (controls, categories, duties): one Family object each, not one per interior cell. */
const families = new Map<string, Family>();

function familyOfMeasure(measure: string): Family {
  if (measure.startsWith('control:')) {
    const id = measure.split(':')[1]!;
    return { total: `control:${id}:answered`, parts: ANSWERS.map((a) => `control:${id}:${a}`) };
  }
  if (measure === 'incidents' || measure.startsWith('incident:category:')) return { total: 'incidents', parts: CATEGORIES.map((c) => `incident:category:${c}`) };
  return { total: measure, parts: [] };
}

function quartersTable(quarter: string): RawBuilder<unknown> {
  return sql`(${sql.join(
    quarterEnds(quarter, DASHBOARD_QUARTERS - 1).map(([name, end]) => sql`select ${sql.lit(name)} as quarter, ${sql.lit(end)} as ends`),
    sql` union all `,
  )})`;
}

async function interiorCounts(trx: Conn, input: DashboardRefreshInput): Promise<InteriorCount[]> {
  const qs = quartersTable(input.quarter);
  const ends = quarterEnds(input.quarter, DASHBOARD_QUARTERS);
  const [from, to] = [ends[DASHBOARD_QUARTERS]![1], ends[0]![1]];
  const q = sql.lit(input.quarter);
  const rows: Row[] = [];
  // Every query is ordered (by its grouping): the line rule's tie-breaks follow the order of the cells, so without
  // it PostgreSQL (hash aggregation, parallel plans) could hide other cells than SQLite, or than its own previous
  // run, on the same data. The grouping order is the order SQLite's GROUP BY already returned.
  // A loop, not push(...rows): at a million companies one query returns millions of rows, more arguments than a
  // call can take (RangeError).
  const run = async (query: RawBuilder<Row>) => {
    for (const r of (await query.execute(trx)).rows) rows.push(r);
  };

  await run(sql<Row>`select qs.quarter, 'companies' as measure, ${dims}, count(*) as value, count(*) as contributors
    from stats_companies s join ${qs} qs on s.joined_at < qs.ends group by qs.quarter, ${dims} order by qs.quarter, ${dims}`);

  // Each company's latest finished assessment as of each quarter's end: an assessment stands from its completion
  // until the company's next finished one (window function lead(), on both engines), so one pass over the
  // assessments and their answers serves every quarter.
  await run(sql<Row>`with v as (
      select a.id, a.company_id, a.completed_at,
        lead(a.completed_at) over (partition by a.company_id order by a.completed_at, a.id) as until
      from assessments a join stats_companies s on s.company_id = a.company_id
      where a.completed_at is not null
    )
    select qs.quarter, 'control:' || aa.control_id || ':' || aa.answer as measure, ${dims}, count(*) as value, count(*) as contributors
    from v join ${qs} qs on v.completed_at < qs.ends and (v.until is null or v.until >= qs.ends)
    join stats_companies s on s.company_id = v.company_id
    join assessment_answers aa on aa.assessment_id = v.id
    group by qs.quarter, aa.control_id, aa.answer, ${dims} order by qs.quarter, aa.control_id, aa.answer, ${dims}`);

  // Score histograms of the latest finished assessment: exact quartiles per selection, computed below; never stored.
  for (const k of SCORE_KINDS) {
    const col = sql.ref(`s.score_${k}`);
    await run(sql<Row>`select ${q} as quarter, ${sql.lit(`score:${k}:`)} || cast(${col} as text) as measure, ${dims}, count(*) as value, count(*) as contributors
      from stats_companies s where s.assessment_id is not null and ${col} is not null group by ${col}, ${dims} order by ${col}, ${dims}`);
  }

  // Incidents: same consent rules as stats_cells (company counts, the incident's own consent, no false alarms).
  const incidentQuarter = sql`substr(i.aware_at, 1, 4) || '-Q' || cast((cast(substr(i.aware_at, 6, 2) as integer) + 2) / 3 as text)`;
  const counted = sql`i.stats_consent = 1 and i.status <> 'false_positive' and i.aware_at >= ${from} and i.aware_at < ${to}`;
  const incidents = async (measure: RawBuilder<string>, join: RawBuilder<unknown>, value: RawBuilder<unknown>) =>
    run(sql<Row>`select ${incidentQuarter} as quarter, ${measure} as measure, ${dims}, ${value} as value, count(distinct s.company_id) as contributors
      from incidents i join stats_companies s on s.company_id = i.company_id ${join}
      where ${counted} group by 1, 2, ${dims} order by 1, 2, ${dims}`);
  await incidents(sql<string>`'incidents'`, sql``, sql`count(*)`);
  await incidents(sql<string>`'incident:category:' || i.category`, sql``, sql`count(*)`);
  const pairs = [...input.rsitClasses].flatMap(([cls, cats]) => cats.map((c) => sql`select ${sql.lit(cls)} as cls, ${sql.lit(c)} as category`));
  if (pairs.length > 0) {
    await incidents(sql<string>`'incident:rsit:' || rc.cls`, sql`join (${sql.join(pairs, sql` union all `)}) rc on rc.category = i.category`, sql`count(distinct i.id)`);
  }
  // Duties triggered: the obligation ids of the triage stored with each incident (core/incidents/triage.ts).
  const duty =
    input.dialect === 'sqlite'
      ? { join: sql`join json_each(i.triage, '$.obligations') o`, id: sql<string>`json_extract(o.value, '$.id')` }
      : { join: sql`cross join lateral jsonb_array_elements(i.triage::jsonb -> 'obligations') o(value)`, id: sql<string>`(o.value ->> 'id')` };
  await incidents(sql<string>`'incident:duty:' || ${duty.id}`, duty.join, sql`count(distinct i.id)`);

  return rows.map((r) => ({
    naceSection: r.nace_section,
    naceDivision: r.nace_division,
    sizeBand: r.size_band,
    region: r.region,
    quarter: r.quarter,
    measure: r.measure,
    value: Number(r.value),
    contributors: Number(r.contributors),
  }));
}

/** A control's 'answered' interior cell: the sum of its answers (each company gives one answer per control). */
function withAnswered(interior: InteriorCount[]): InteriorCount[] {
  const answered = new Map<string, InteriorCount>();
  for (const c of interior) {
    if (!c.measure.startsWith('control:')) continue;
    const measure = familyOf(c.measure).total;
    const k = `${c.quarter}|${measure}|${c.naceDivision}|${c.sizeBand}|${c.region}`;
    const a = answered.get(k) ?? { ...c, measure, value: 0, contributors: 0 };
    a.value += c.value;
    a.contributors += c.contributors;
    answered.set(k, a);
  }
  return [...interior, ...answered.values()];
}

/** Rebuilds stats_dashboard_cells; call inside the refresh transaction, after stats_companies. Returns its rows. */
export async function refreshDashboardCells(trx: Conn, input: DashboardRefreshInput): Promise<number> {
  await trx.deleteFrom('stats_dashboard_cells').execute();
  const cubes = new Map<string, { family: Family; quarter: string; interior: InteriorCount[] }>();
  const scores: InteriorCount[] = [];
  for (const c of withAnswered(await interiorCounts(trx, input))) {
    if (c.measure.startsWith('score:')) {
      scores.push(c);
      continue;
    }
    const family = familyOf(c.measure);
    const k = `${c.quarter}|${family.total}`;
    const cube = cubes.get(k) ?? { family, quarter: c.quarter, interior: [] };
    cube.interior.push(c);
    cubes.set(k, cube);
  }
  const out: DashboardCell[] = [];
  for (const cube of cubes.values()) for (const c of protectCube(cube.family, cube.quarter, cube.interior)) out.push(c);
  // Maturity: each selection's score histograms (margins are sums) → its quartiles, stored only for 10 or more.
  const histograms = new Map<string, { cell: InteriorCount; byKind: Map<string, Map<number, number>> }>();
  for (const c of withMargins(input.quarter, scores).cells) {
    const [, kind, score] = c.measure.split(':') as [string, string, string];
    const k = `${c.naceSection}|${c.naceDivision}|${c.sizeBand}|${c.region}`;
    const entry = histograms.get(k) ?? { cell: c, byKind: new Map<string, Map<number, number>>() };
    histograms.set(k, entry);
    const h = entry.byKind.get(kind) ?? new Map<number, number>();
    entry.byKind.set(kind, h);
    h.set(Number(score), c.value);
  }
  for (const { cell, byKind } of histograms.values()) {
    for (const r of maturityRows(byKind)) out.push({ ...cell, ...r, quarter: input.quarter, hidden: false });
  }
  return insertCells(trx, input.dialect, out);
}

const byPrimaryKey = (x: DashboardCell, y: DashboardCell): number =>
  cmp(x.naceSection, y.naceSection) || cmp(x.naceDivision, y.naceDivision) || cmp(x.sizeBand, y.sizeBand) || cmp(x.region, y.region) || cmp(x.quarter, y.quarter) || cmp(x.measure, y.measure);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Bulk insert: one short statement per 20,000 rows whose rows travel as one parameter (SQLite: a JSON array read
 * with json_each; PostgreSQL: one array per column read with unnest), instead of multi-row VALUES with nine bound
 * variables per row, which Kysely had to build and compile and the engine to parse row by row.
 */
async function insertCells(trx: Conn, dialect: Dialect, cells: DashboardCell[]): Promise<number> {
  // In primary-key order, so the B-tree grows at its end instead of splitting pages all over (much faster on SQLite).
  cells.sort(byPrimaryKey);
  const cols = sql`(nace_section, nace_division, size_band, region, quarter, measure, value, contributors, hidden)`;
  for (let i = 0; i < cells.length; i += 20_000) {
    const batch = cells.slice(i, i + 20_000);
    if (dialect === 'sqlite') {
      const rows = JSON.stringify(batch.map((c) => [c.naceSection, c.naceDivision, c.sizeBand, c.region, c.quarter, c.measure, c.value, c.contributors, c.hidden ? 1 : 0]));
      await sql`insert into stats_dashboard_cells ${cols}
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8
        from json_each(${rows})`.execute(trx);
    } else {
      const col = <T>(f: (c: DashboardCell) => T): T[] => batch.map(f);
      await sql`insert into stats_dashboard_cells ${cols}
        select * from unnest(${col((c) => c.naceSection)}::text[], ${col((c) => c.naceDivision)}::text[], ${col((c) => c.sizeBand)}::text[],
          ${col((c) => c.region)}::text[], ${col((c) => c.quarter)}::text[], ${col((c) => c.measure)}::text[], ${col((c) => c.value)}::integer[],
          ${col((c) => c.contributors)}::integer[], ${col((c) => (c.hidden ? 1 : 0))}::integer[])`.execute(trx);
    }
  }
  return cells.length;
}

export interface SelectionKey {
  naceSection: string | null;
  naceDivision: string | null;
  sizeBand: string | null;
  region: string | null;
}
const dim = (v: string | null): string => v ?? 'all';

/** Every stored cell of one selection, all quarters: one primary-key range (section, division, band, region). */
export async function listSelectionCells(db: Conn, k: SelectionKey): Promise<SelectionCell[]> {
  const rows = await db
    .selectFrom('stats_dashboard_cells')
    .select(['quarter', 'measure', 'value', 'contributors', 'hidden'])
    .where('nace_section', '=', dim(k.naceSection))
    .where('nace_division', '=', dim(k.naceDivision))
    .where('size_band', '=', dim(k.sizeBand))
    .where('region', '=', dim(k.region))
    .execute();
  return rows.map((r) => ({ quarter: r.quarter, measure: r.measure, value: Number(r.value), contributors: Number(r.contributors), hidden: Number(r.hidden) === 1 }));
}

/** The selection's companies by size band × region, margins included: one range of the (quarter, measure, …) index. */
export async function listCompanyGrid(db: Conn, quarter: string, k: Pick<SelectionKey, 'naceSection' | 'naceDivision'>): Promise<GridCell[]> {
  const rows = await db
    .selectFrom('stats_dashboard_cells')
    .select(['size_band', 'region', 'value', 'contributors', 'hidden'])
    .where('quarter', '=', quarter)
    .where('measure', '=', 'companies')
    .where('nace_section', '=', dim(k.naceSection))
    .where('nace_division', '=', dim(k.naceDivision))
    .execute();
  return rows.map((r) => ({ sizeBand: r.size_band, region: r.region, value: Number(r.value), contributors: Number(r.contributors), hidden: Number(r.hidden) === 1 }));
}
