/**
 * An organisation's pre-aggregated figures (migration 022): rebuilt set-based from the live tables for one
 * organisation (the 'org-stats-refresh' job) or for all (the full statistics refresh), read by the dashboard without
 * scanning live tables per request. Only members with organisation_members.counts_in_figures = 1 are counted, and
 * synthetic companies only where the deployment allows them (docs/statistics.md, "Organisation figures").
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNCTIONS } from '../../core/assessment/catalog.ts';
import type { OrgCell, OrgScoreRow } from '../../core/organisations/org-figures.ts';
import type { Dialect } from '../connection.ts';
import type { Conn } from './types.ts';

export interface OrgRefreshInput {
  dialect: Dialect;
  now: string;
  /** The current quarter ('2026-Q4'): snapshot measures and the incident window are stored under it. */
  quarter: string;
  /** null: every organisation. */
  organisationId: string | null;
  includeSynthetic: boolean;
  /** Quarter names with the instant each ends (exclusive), for adoption over time. */
  history: readonly (readonly [string, string])[];
  /** Incidents noticed from this instant on make the incident mix (the current quarter and the three before). */
  incidentsFrom: string;
  /** RSIT class → the incident categories coded with it (src/app/statistics.ts rsitClasses()). */
  rsitClasses: ReadonlyMap<string, readonly string[]>;
}

const SCORE_KINDS = ['overall', ...FUNCTIONS] as const;
/** Answers that count as "answered" for a control; 'na' (does not apply) is left out. */
const ANSWERED = sql`('yes', 'partly', 'no', 'unknown')`;

function scoreOf(dialect: Dialect, kind: string): RawBuilder<number | null> {
  const path = kind === 'overall' ? ['scores', 'overall'] : ['scores', 'byFunction', kind];
  return dialect === 'sqlite'
    ? sql<number | null>`json_extract(a.result, ${sql.lit(`$.${path.join('.')}`)})`
    : sql<number | null>`(a.result::jsonb #>> ${sql.lit(`{${path.join(',')}}`)})::integer`;
}

/**
 * The obligations in an incident's stored triage (JSON), one row each as `o`, with the duty id and whether a law or
 * contract requires it (core/incidents/triage.ts: `mandatory`). Only mandatory ones count as duties.
 */
function obligations(dialect: Dialect): { join: RawBuilder<unknown>; id: RawBuilder<string>; mandatory: RawBuilder<unknown> } {
  return dialect === 'sqlite'
    ? { join: sql`join json_each(i.triage, '$.obligations') o`, id: sql<string>`json_extract(o.value, '$.id')`, mandatory: sql`json_extract(o.value, '$.mandatory') = 1` }
    : {
        join: sql`cross join lateral jsonb_array_elements(case when jsonb_typeof(i.triage::jsonb -> 'obligations') = 'array' then i.triage::jsonb -> 'obligations' else '[]'::jsonb end) o`,
        id: sql<string>`(o.value ->> 'id')`,
        mandatory: sql`(o.value ->> 'mandatory') = 'true'`,
      };
}

/**
 * Rebuilds the figures of one organisation or of all. Idempotent. Call inside a transaction: readers see the old
 * figures or the new ones, never a half. On PostgreSQL a transaction-scoped advisory lock makes a second refresh
 * wait for the first, so two workers never interleave deletes and inserts; SQLite has a single writer.
 */
export async function refreshOrgFigures(trx: Conn, input: OrgRefreshInput): Promise<{ organisations: number; cells: number }> {
  if (input.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(0x5c1d6)})`.execute(trx);
  const only = input.organisationId;
  for (const table of ['stats_org_cells', 'stats_org_scores', 'stats_org_refresh'] as const) {
    let del = trx.deleteFrom(table);
    if (only !== null) del = del.where('organisation_id', '=', only);
    await del.execute();
  }
  const orgFilter = only === null ? sql`1 = 1` : sql`m.organisation_id = ${only}`;
  const synthetic = input.includeSynthetic ? sql`` : sql`and c.synthetic = 0`;
  const q = sql.lit(input.quarter);
  // The counting members and the latest finished assessment of each, found per company through the
  // (company_id, …) index: one index look-up per member on both engines.
  const counting = sql`lm as (
    select m.organisation_id, m.company_id, (
      select x.id from assessments x where x.company_id = m.company_id and x.completed_at is not null and x.result is not null
      order by x.completed_at desc, x.id desc limit 1) as assessment_id
    from organisation_members m join companies c on c.id = m.company_id
    where m.counts_in_figures = 1 and ${orgFilter} ${synthetic})`;
  const cells = (select: RawBuilder<unknown>) =>
    sql`with ${counting} insert into stats_org_cells (organisation_id, quarter, measure, value, contributors) ${select}`.execute(trx);

  await sql`insert into stats_org_cells (organisation_id, quarter, measure, value, contributors)
    select m.organisation_id, ${q}, 'members', count(*), count(*) from organisation_members m where ${orgFilter} group by m.organisation_id`.execute(trx);
  await cells(sql`select lm.organisation_id, ${q}, 'counting', count(*), count(*) from lm group by lm.organisation_id`);
  await cells(sql`select lm.organisation_id, ${q}, 'assessed', count(*), count(*) from lm where lm.assessment_id is not null group by lm.organisation_id`);
  // Each control's answers in the latest finished assessments; a "gap" is a measure not (fully) in place.
  await cells(sql`select lm.organisation_id, ${q}, 'control:' || aa.control_id || ':' || aa.answer, count(*), count(*)
    from lm join assessment_answers aa on aa.assessment_id = lm.assessment_id where aa.answer in ${ANSWERED}
    group by lm.organisation_id, aa.control_id, aa.answer`);
  await cells(sql`select lm.organisation_id, ${q}, 'control:' || aa.control_id || ':answered', count(*), count(*)
    from lm join assessment_answers aa on aa.assessment_id = lm.assessment_id where aa.answer in ${ANSWERED}
    group by lm.organisation_id, aa.control_id`);
  await cells(sql`select lm.organisation_id, ${q}, 'control:' || aa.control_id || ':gap', count(*), count(*)
    from lm join assessment_answers aa on aa.assessment_id = lm.assessment_id where aa.answer in ('partly', 'no')
    group by lm.organisation_id, aa.control_id`);

  for (const kind of SCORE_KINDS) {
    const score = scoreOf(input.dialect, kind);
    await sql`with ${counting} insert into stats_org_scores (organisation_id, kind, score, companies)
      select lm.organisation_id, ${sql.lit(kind)}, ${score}, count(*) from lm join assessments a on a.id = lm.assessment_id
      where ${score} is not null group by lm.organisation_id, ${score}`.execute(trx);
  }

  // Adoption over time: per quarter, each counting member's latest assessment finished before the quarter ended.
  const quarters = sql.join(
    input.history.map(([name, end]) => sql`select ${sql.lit(name)} as quarter, ${sql.lit(end)} as ends`),
    sql` union all `,
  );
  const asOf = sql`lq as (
    select m.organisation_id, m.company_id, qs.quarter, (
      select x.id from assessments x where x.company_id = m.company_id and x.completed_at is not null and x.completed_at < qs.ends
      order by x.completed_at desc, x.id desc limit 1) as assessment_id
    from organisation_members m join companies c on c.id = m.company_id cross join (${quarters}) qs
    where m.counts_in_figures = 1 and ${orgFilter} ${synthetic})`;
  await sql`with ${asOf} insert into stats_org_cells (organisation_id, quarter, measure, value, contributors)
    select lq.organisation_id, lq.quarter, 'adoption:assessed', count(*), count(*) from lq where lq.assessment_id is not null
    group by lq.organisation_id, lq.quarter`.execute(trx);
  for (const [measure, answers] of [['adoption:answered', ANSWERED], ['adoption:yes', sql`('yes')`]] as const) {
    await sql`with ${asOf} insert into stats_org_cells (organisation_id, quarter, measure, value, contributors)
      select lq.organisation_id, lq.quarter, ${sql.lit(measure)}, count(*), count(distinct lq.company_id)
      from lq join assessment_answers aa on aa.assessment_id = lq.assessment_id where aa.answer in ${answers}
      group by lq.organisation_id, lq.quarter`.execute(trx);
  }

  // Incidents of the last four quarters that the company let count (the report's own statistics consent), never
  // false alarms; value = incidents, contributors = distinct companies.
  const incidents = (measure: RawBuilder<string>, where: RawBuilder<unknown>, from: RawBuilder<unknown> = sql``) =>
    cells(sql`select lm.organisation_id, ${q}, ${measure}, count(*), count(distinct lm.company_id)
      from lm join incidents i on i.company_id = lm.company_id ${from}
      where i.stats_consent = 1 and i.status <> 'false_positive' and i.aware_at >= ${input.incidentsFrom} and ${where}
      group by lm.organisation_id, 3`);
  await incidents(sql<string>`'incidents'`, sql`1 = 1`);
  await incidents(sql<string>`'incident:category:' || i.category`, sql`1 = 1`);
  for (const [cls, categories] of input.rsitClasses) {
    await incidents(sql<string>`${sql.lit(`incident:rsit:${cls}`)}`, sql`i.category in (${sql.join(categories.map((c) => sql.lit(c)))})`);
  }
  const o = obligations(input.dialect);
  await incidents(sql<string>`'duty:' || ${o.id}`, sql`${o.mandatory} and ${o.id} is not null`, o.join);

  await sql`insert into stats_org_refresh (organisation_id, refreshed_at, quarter)
    select o.id, ${input.now}, ${q} from organisations o where ${only === null ? sql`1 = 1` : sql`o.id = ${only}`}`.execute(trx);
  const count = async (table: 'stats_org_cells' | 'stats_org_refresh') => {
    let sel = trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (only !== null) sel = sel.where('organisation_id', '=', only);
    return Number((await sel.executeTakeFirstOrThrow()).n);
  };
  return { organisations: await count('stats_org_refresh'), cells: await count('stats_org_cells') };
}

export interface StoredOrgFigures {
  refreshedAt: string | null;
  quarter: string | null;
  cells: OrgCell[];
  scores: OrgScoreRow[];
}

/** Everything stored for one organisation: a few hundred rows at most, read by primary key. */
export async function readOrgFigures(db: Conn, organisationId: string): Promise<StoredOrgFigures> {
  const state = await db.selectFrom('stats_org_refresh').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  const cells = await db.selectFrom('stats_org_cells').select(['quarter', 'measure', 'value', 'contributors']).where('organisation_id', '=', organisationId).execute();
  const scores = await db.selectFrom('stats_org_scores').select(['kind', 'score', 'companies']).where('organisation_id', '=', organisationId).execute();
  return {
    refreshedAt: state?.refreshed_at ?? null,
    quarter: state?.quarter ?? null,
    cells: cells.map((c) => ({ quarter: c.quarter, measure: c.measure, value: Number(c.value), contributors: Number(c.contributors) })),
    scores: scores.map((s) => ({ kind: s.kind, score: Number(s.score), companies: Number(s.companies) })),
  };
}

/** The organisations a company is a member of (its finished assessment changes their figures). */
export async function organisationsOfMember(db: Conn, companyId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_members').select('organisation_id').where('company_id', '=', companyId).execute();
  return rows.map((r) => r.organisation_id);
}
