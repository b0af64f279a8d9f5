/**
 * The pre-aggregated statistics (migration 015): refreshed in one transaction from the live tables, read by the
 * figures without scanning the live tables per request. Counts only companies that consent to statistics, and
 * synthetic companies only where the deployment allows them (docs/statistics.md).
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNCTIONS, type CsfFunction } from '../../core/assessment/catalog.ts';
import { REGIONS, SIZE_BANDS, type AggregateCell, type Region, type SizeBand } from '../../core/stats/cells.ts';
import { quarterEnds } from '../../core/stats/dimensions.ts';
import { peerQuartiles, type Histogram, type PeerGroup, type PeerQuartiles } from '../../core/stats/peers.ts';
import type { Dialect } from '../connection.ts';
import { refreshDashboardCells } from './stats-dashboard.repository.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export interface RefreshInput {
  dialect: Dialect;
  now: string;
  quarter: string;
  includeSynthetic: boolean;
  /** Division → NACE section, from the bundled NACE-BEL list. */
  sections: ReadonlyMap<string, string>;
  /** RSIT class → the incident categories coded with it (core/incidents/classification.ts). */
  rsitClasses: ReadonlyMap<string, readonly string[]>;
}

export interface RefreshOutcome {
  companies: number;
  cells: number;
  peerGroups: number;
  /** Rows of stats_dashboard_cells (public dashboards, margins included). */
  dashboardCells: number;
}

const SCORE_COLUMNS = ['overall', ...FUNCTIONS] as const;
/** Past quarters rebuilt with the current one for `companies` and `assessed` (three years of history). */
export const HISTORY_QUARTERS = 11;


/** A number from the stored assessment result (JSON text), in each engine's JSON functions. */
function scoreFromResult(dialect: Dialect, key: string): RawBuilder<number | null> {
  const path = key === 'overall' ? ['scores', 'overall'] : ['scores', 'byFunction', key];
  return dialect === 'sqlite'
    ? sql<number | null>`json_extract(a.result, ${sql.lit(`$.${path.join('.')}`)})`
    : sql<number | null>`(a.result::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})::integer`;
}

function sectionCase(sections: ReadonlyMap<string, string>): RawBuilder<string> {
  const bySection = new Map<string, string[]>();
  for (const [d, s] of sections) bySection.set(s, [...(bySection.get(s) ?? []), d]);
  const whens = [...bySection].map(([s, ds]) => sql`when substr(c.nace_code, 1, 2) in (${sql.join(ds.map((d) => sql.lit(d)))}) then ${sql.lit(s)}`);
  return sql<string>`case ${sql.join(whens, sql` `)} else null end`;
}

/** Calendar quarter of an ISO-8601 UTC text: '2026-Q4' (same text on both engines). */
const incidentQuarter = sql<string>`substr(i.aware_at, 1, 4) || '-Q' || ((cast(substr(i.aware_at, 6, 2) as integer) + 2) / 3)`;

/**
 * Rebuilds every statistics table. Idempotent: the same live data gives the same tables. Safe with several workers:
 * on PostgreSQL a transaction-scoped advisory lock lets one refresh run at a time (another returns null at once);
 * SQLite has a single writer. Call inside a transaction.
 */
export async function refreshStatistics(trx: Conn, input: RefreshInput): Promise<RefreshOutcome | null> {
  if (input.dialect === 'postgres') {
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(0x5c1d5)}) as ok`.execute(trx);
    if (!got.rows[0]?.ok) return null;
  }
  await trx.deleteFrom('stats_cells').execute();
  await trx.deleteFrom('stats_peer_groups').execute();
  await trx.deleteFrom('stats_companies').execute();

  const scores = SCORE_COLUMNS.map((k) => sql`${scoreFromResult(input.dialect, k)}`);
  await sql`
    insert into stats_companies (company_id, nace_section, nace_division, size_band, region, synthetic, joined_at, first_assessed_at, assessment_id, assessed_at,
      ${sql.join(SCORE_COLUMNS.map((k) => sql.ref(`score_${k}`)))})
    select c.id, ${sectionCase(input.sections)}, substr(c.nace_code, 1, 2),
      case when c.employees = 0 then '0' when c.employees < 10 then '1-9' when c.employees < 50 then '10-49' else '50-249' end,
      case when c.region in ('flanders', 'wallonia', 'brussels') then c.region else 'unknown' end,
      c.synthetic, c.created_at, (select min(f.completed_at) from assessments f where f.company_id = c.id and f.completed_at is not null),
      a.id, a.completed_at, ${sql.join(scores)}
    from companies c
    -- The latest finished assessment, found per company through the (company_id, …) index: an index look-up per
    -- company on both engines, whatever the planner knows about freshly loaded tables.
    left join assessments a on a.id = (
      select x.id from assessments x where x.company_id = c.id and x.completed_at is not null
      order by x.completed_at desc, x.id desc limit 1
    )
    where c.stats_consent = 1
      and c.employees is not null and c.employees >= 0 and c.employees < 250
      and c.nace_code is not null and ${sectionCase(input.sections)} is not null
      ${input.includeSynthetic ? sql`` : sql`and c.synthetic = 0`}
  `.execute(trx);
  // Fresh row counts for the planner before the joins below (PostgreSQL plans from statistics).
  if (input.dialect === 'postgres') await sql`analyze stats_companies`.execute(trx);

  const q = sql.lit(input.quarter);
  const dims = sql`s.nace_section, s.size_band, s.region`;
  // Companies and assessed companies per quarter, for the current quarter and the HISTORY_QUARTERS before it: a
  // company counts in a quarter once it had joined (or finished an assessment) before the quarter ended. Rebuilt
  // from the live tables every time, so a withdrawn consent leaves past quarters too.
  const quarters = sql.join(
    quarterEnds(input.quarter, HISTORY_QUARTERS).map(([name, end]) => sql`select ${sql.lit(name)} as quarter, ${sql.lit(end)} as ends`),
    sql` union all `,
  );
  await sql`insert into stats_cells (quarter, measure, nace_section, size_band, region, value, contributors)
    select qs.quarter, 'companies', ${dims}, count(*), count(*) from stats_companies s join (${quarters}) qs on s.joined_at < qs.ends
    group by qs.quarter, ${dims}`.execute(trx);
  await sql`insert into stats_cells (quarter, measure, nace_section, size_band, region, value, contributors)
    select qs.quarter, 'assessed', ${dims}, count(*), count(*) from stats_companies s join (${quarters}) qs on s.first_assessed_at < qs.ends
    group by qs.quarter, ${dims}`.execute(trx);
  // Each control's answers: a snapshot of the latest finished assessments, in the current quarter only.
  await sql`insert into stats_cells (quarter, measure, nace_section, size_band, region, value, contributors)
    select ${q}, 'control:' || aa.control_id || ':' || aa.answer, ${dims}, count(*), count(*)
    from stats_companies s join assessment_answers aa on aa.assessment_id = s.assessment_id
    group by ${dims}, aa.control_id, aa.answer`.execute(trx);

  // Incidents by the quarter they were noticed in: only those the company let count (the incident's own statistics
  // consent, asked in the report), never false alarms.
  const incidentCells = async (measure: RawBuilder<string>, where: RawBuilder<unknown>) =>
    sql`insert into stats_cells (quarter, measure, nace_section, size_band, region, value, contributors)
      select ${incidentQuarter}, ${measure}, ${dims}, count(*), count(distinct s.company_id)
      from incidents i join stats_companies s on s.company_id = i.company_id
      where i.stats_consent = 1 and i.status <> 'false_positive' and ${where}
      group by 1, 2, 3, 4, 5`.execute(trx);
  await incidentCells(sql<string>`'incidents'`, sql`1 = 1`);
  await incidentCells(sql<string>`'incident:category:' || i.category`, sql`1 = 1`);
  for (const [cls, categories] of input.rsitClasses) {
    await incidentCells(sql<string>`${sql.lit(`incident:rsit:${cls}`)}`, sql`i.category in (${sql.join(categories.map((c) => sql.lit(c)))})`);
  }

  const peerGroups = await refreshPeerGroups(trx);
  const dashboardCells = await refreshDashboardCells(trx, { dialect: input.dialect, quarter: input.quarter, rsitClasses: input.rsitClasses });
  const counted = await trx.selectFrom('stats_companies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const cells = await trx.selectFrom('stats_cells').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await trx.updateTable('stats_refresh').set({ refreshed_at: input.now, quarter: input.quarter, companies: Number(counted.n) }).where('id', '=', 1).execute();
  return { companies: Number(counted.n), cells: Number(cells.n), peerGroups, dashboardCells };
}

/** Median and quartiles per NACE section and size band, from score histograms (101 values at most per group). */
async function refreshPeerGroups(trx: Conn): Promise<number> {
  const groups = await trx
    .selectFrom('stats_companies')
    .select(['nace_section', 'size_band', (eb) => eb.fn.countAll<number>().as('n')])
    .where('assessment_id', 'is not', null)
    .groupBy(['nace_section', 'size_band'])
    .execute();
  const hists = new Map<string, Map<string, Map<number, number>>>();
  for (const k of SCORE_COLUMNS) {
    const col = sql.ref(`score_${k}`);
    const rows = await sql<{ nace_section: string; size_band: string; score: number; n: number }>`
      select nace_section, size_band, ${col} as score, count(*) as n from stats_companies
      where assessment_id is not null and ${col} is not null group by nace_section, size_band, ${col}`.execute(trx);
    for (const r of rows.rows) {
      const key = `${r.nace_section}|${r.size_band}`;
      const byKind = hists.get(key) ?? new Map<string, Map<number, number>>();
      hists.set(key, byKind);
      const h = byKind.get(k) ?? new Map<number, number>();
      byKind.set(k, h);
      h.set(Number(r.score), Number(r.n));
    }
  }
  const rows = groups.map((g) => {
    const byKind = hists.get(`${g.nace_section}|${g.size_band}`) ?? new Map<string, Histogram>();
    const byFunction = Object.fromEntries(FUNCTIONS.map((f) => [f, byKind.get(f) ?? new Map()])) as Record<CsfFunction, Histogram>;
    return { nace_section: g.nace_section, size_band: g.size_band, companies: Number(g.n), quartiles: JSON.stringify(peerQuartiles(byKind.get('overall') ?? new Map(), byFunction)) };
  });
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('stats_peer_groups').values(rows.slice(i, i + 1000)).execute();
  return rows.length;
}

function oneOf<T extends string>(list: readonly T[], v: string, fallback: T): T {
  return (list as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** The contract for the figures (src/core/stats/cells.ts): every cell of one quarter, or of all quarters. */
export async function listAggregateCells(db: Conn, quarter?: string): Promise<AggregateCell[]> {
  let query = db.selectFrom('stats_cells').selectAll();
  if (quarter !== undefined) query = query.where('quarter', '=', quarter);
  const rows = await query.orderBy('quarter').orderBy('measure').orderBy('nace_section').orderBy('size_band').orderBy('region').execute();
  return rows.map((r) => ({
    naceSection: r.nace_section,
    sizeBand: oneOf<SizeBand>(SIZE_BANDS, r.size_band, '0'),
    region: oneOf<Region>(REGIONS, r.region, 'unknown'),
    quarter: r.quarter,
    measure: r.measure,
    value: Number(r.value),
    contributors: Number(r.contributors),
  }));
}

const peerGroup = prepared(['naceSection', 'sizeBand'], (db, p: { naceSection: string; sizeBand: string }) =>
  db.selectFrom('stats_peer_groups').selectAll().where('nace_section', '=', p.naceSection).where('size_band', '=', p.sizeBand),
);

export async function findPeerGroup(db: Conn, naceSection: string, sizeBand: SizeBand): Promise<PeerGroup | undefined> {
  const r = await peerGroup.first(db, { naceSection, sizeBand });
  if (!r) return undefined;
  return { naceSection: r.nace_section, sizeBand, companies: Number(r.companies), quartiles: JSON.parse(r.quartiles) as PeerQuartiles };
}

export interface RefreshState {
  refreshedAt: string | null;
  quarter: string | null;
  companies: number;
  nextRunAt: string | null;
}

export async function refreshState(db: Conn): Promise<RefreshState> {
  const r = await db.selectFrom('stats_refresh').selectAll().where('id', '=', 1).executeTakeFirst();
  return { refreshedAt: r?.refreshed_at ?? null, quarter: r?.quarter ?? null, companies: Number(r?.companies ?? 0), nextRunAt: r?.next_run_at ?? null };
}

/**
 * Moves the next planned refresh from `expected` to `next`, only if nobody moved it first (compare-and-set): the one
 * caller that gets `true` enqueues the job, so several workers never start parallel chains of refreshes.
 */
export async function claimNextRefresh(db: Conn, expected: string | null, next: string): Promise<boolean> {
  const r = await db
    .updateTable('stats_refresh')
    .set({ next_run_at: next })
    .where('id', '=', 1)
    .where((eb) => (expected === null ? eb('next_run_at', 'is', null) : eb('next_run_at', '=', expected)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const statsConsentOfCompany = prepared(['companyId'], (db, p: { companyId: string }) => db.selectFrom('companies').select(['stats_consent', 'stats_consent_at']).where('id', '=', p.companyId));

export async function findStatsConsent(db: Conn, companyId: string): Promise<{ consent: boolean; changedAt: string | null } | undefined> {
  const r = await statsConsentOfCompany.first(db, { companyId });
  return r && { consent: r.stats_consent === 1, changedAt: r.stats_consent_at };
}

export async function setStatsConsent(db: Conn, companyId: string, consent: boolean, now: string): Promise<void> {
  await db.updateTable('companies').set({ stats_consent: consent ? 1 : 0, stats_consent_at: now }).where('id', '=', companyId).execute();
}
