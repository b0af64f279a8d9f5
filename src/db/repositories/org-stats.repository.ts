/**
 * An organisation's pre-aggregated figures (migration 022): rebuilt set-based from the live tables for one
 * organisation (the 'org-stats-refresh' job) or for all (the full statistics refresh), read by the dashboard without
 * scanning live tables per request. Only members with organisation_members.counts_in_figures = 1 are counted, and
 * synthetic companies only where the deployment allows them (docs/statistics.md, "Organisation figures").
 *
 * Published as snapshots (migration 024): a refresh writes its figures and contributions as candidates (quarter,
 * kind or family prefixed 'next:'), counts the companies whose contribution changed since the shown snapshot, and per
 * measure family either publishes the candidates or drops them (core/organisations/org-snapshots.ts). The member
 * counts ('members', 'counting') are always live.
 */
import { sql, type RawBuilder } from 'kysely';
import { FUNCTIONS } from '../../core/assessment/catalog.ts';
import type { OrgCell, OrgScoreRow } from '../../core/organisations/org-figures.ts';
import { FIGURE_FAMILIES, publishesSnapshot, type FigureFamily } from '../../core/organisations/org-snapshots.ts';
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
 * Rebuilds the figures of one organisation or of all, and publishes each family's new snapshot only where the rule
 * against differencing allows it (publishOrHold). Idempotent. Call inside a transaction: readers see the old figures or
 * the new ones, never a half. On PostgreSQL a transaction-scoped advisory lock makes a second refresh
 * wait for the first, so two workers never interleave deletes and inserts; SQLite has a single writer.
 */
export async function refreshOrgFigures(trx: Conn, input: OrgRefreshInput): Promise<{ organisations: number; cells: number }> {
  if (input.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(0x5c1d6)})`.execute(trx);
  const only = input.organisationId;
  const scope = only === null ? sql`1 = 1` : sql`organisation_id = ${only}`;
  // Rows of organisations that are gone (full refresh), left-overs of an interrupted refresh, the live member counts.
  if (only === null) {
    for (const table of ORG_TABLES) await sql`delete from ${sql.table(table)} where organisation_id not in (select id from organisations)`.execute(trx);
  }
  await sql`delete from stats_org_cells where ${scope} and (quarter like 'next:%' or ${LIVE})`.execute(trx);
  await sql`delete from stats_org_scores where ${scope} and kind like 'next:%'`.execute(trx);
  await sql`delete from stats_org_contributions where ${scope} and family like 'next:%'`.execute(trx);
  await sql`delete from stats_org_refresh where ${scope}`.execute(trx);
  const orgFilter = only === null ? sql`1 = 1` : sql`m.organisation_id = ${only}`;
  const synthetic = input.includeSynthetic ? sql`` : sql`and c.synthetic = 0`;
  const live = sql.lit(input.quarter);
  const q = sql.lit(`next:${input.quarter}`);
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
    select m.organisation_id, ${live}, 'members', count(*), count(*) from organisation_members m where ${orgFilter} group by m.organisation_id`.execute(trx);
  await cells(sql`select lm.organisation_id, ${live}, 'counting', count(*), count(*) from lm group by lm.organisation_id`);
  // The counting members behind the snapshot: the base of the share assessed, published with it.
  await cells(sql`select lm.organisation_id, ${q}, 'assessed:counting', count(*), count(*) from lm group by lm.organisation_id`);
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
      select lm.organisation_id, ${sql.lit(`next:${kind}`)}, ${score}, count(*) from lm join assessments a on a.id = lm.assessment_id
      where ${score} is not null group by lm.organisation_id, ${score}`.execute(trx);
  }

  // Adoption over time: per quarter, each counting member's latest assessment finished before the quarter ended.
  const quarters = sql.join(
    input.history.map(([name, end]) => sql`select ${sql.lit(`next:${name}`)} as quarter, ${sql.lit(end)} as ends`),
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

  // What each company contributes, per family: its latest finished assessment and when that last changed (an answer
  // edited after finishing changes updated_at), or '-' for a counting member without one (it still moves the share
  // assessed); its counted incidents (how many, and the latest change of any of them).
  await sql`with ${counting} insert into stats_org_contributions (organisation_id, family, company_id, token)
    select lm.organisation_id, 'next:answers', lm.company_id, coalesce(lm.assessment_id || '@' || a.updated_at, '-')
    from lm left join assessments a on a.id = lm.assessment_id`.execute(trx);
  await sql`with ${counting} insert into stats_org_contributions (organisation_id, family, company_id, token)
    select lm.organisation_id, 'next:incidents', lm.company_id, cast(count(*) as text) || '@' || max(i.updated_at)
    from lm join incidents i on i.company_id = lm.company_id
    where i.stats_consent = 1 and i.status <> 'false_positive' and i.aware_at >= ${input.incidentsFrom}
    group by lm.organisation_id, lm.company_id`.execute(trx);
  await publishOrHold(trx, input, scope);

  await sql`insert into stats_org_refresh (organisation_id, refreshed_at, quarter)
    select o.id, ${input.now}, ${live} from organisations o where ${only === null ? sql`1 = 1` : sql`o.id = ${only}`}`.execute(trx);
  const count = async (table: 'stats_org_cells' | 'stats_org_refresh') => {
    let sel = trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (only !== null) sel = sel.where('organisation_id', '=', only);
    return Number((await sel.executeTakeFirstOrThrow()).n);
  };
  return { organisations: await count('stats_org_refresh'), cells: await count('stats_org_cells') };
}

/** Measures of the incident family; the rest (but the live member counts) are the answers family. */
const INCIDENT_MEASURE = sql`(measure = 'incidents' or measure like 'incident:%' or measure like 'duty:%')`;
/** The member counts, always live: how many members and how many count reveal no company's answers. */
const LIVE = sql`measure in ('members', 'counting')`;
const familyCells = (family: FigureFamily) => (family === 'incidents' ? INCIDENT_MEASURE : sql`not ${INCIDENT_MEASURE} and not ${LIVE}`);
const ORG_TABLES = ['stats_org_cells', 'stats_org_scores', 'stats_org_contributions', 'stats_org_published', 'stats_org_refresh'] as const;

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Per organisation and family: counts the companies whose contribution differs between the candidate and the shown
 * snapshot (added, removed, or another token), and publishes the candidate or drops it (publishesSnapshot).
 */
async function publishOrHold(trx: Conn, input: OrgRefreshInput, scope: RawBuilder<unknown>): Promise<void> {
  const only = input.organisationId;
  const orgs = (await sql<{ id: string }>`select id from organisations where ${only === null ? sql`1 = 1` : sql`id = ${only}`}`.execute(trx)).rows.map((r) => r.id);
  const key = (org: string, family: string) => `${org}\u0000${family}`;
  const published = new Set((await sql<{ organisation_id: string; family: string }>`select organisation_id, family from stats_org_published where ${scope}`.execute(trx)).rows.map((r) => key(r.organisation_id, r.family)));
  const counts = async (query: RawBuilder<{ organisation_id: string; family: string; n: number | string }>) =>
    new Map((await query.execute(trx)).rows.map((r) => [key(r.organisation_id, r.family), Number(r.n)]));
  const shown = await counts(sql`select organisation_id, family, count(*) as n from stats_org_contributions
    where ${scope} and family not like 'next:%' group by organisation_id, family`);
  const next = sql`select organisation_id, substr(family, 6) as family, company_id, token from stats_org_contributions where ${scope} and family like 'next:%'`;
  const now = sql`select organisation_id, family, company_id, token from stats_org_contributions where ${scope} and family not like 'next:%'`;
  const changes = await counts(sql`select d.organisation_id, d.family, count(distinct d.company_id) as n from (
      select * from (${next} except ${now}) added union all select * from (${now} except ${next}) removed
    ) d group by d.organisation_id, d.family`);
  // Companies in the shown snapshot that no longer count at all (left, or switched counting off): their consent is
  // gone, so a held snapshot must not keep showing figures they stand in (issue 11: "a company that withdraws
  // consent leaves every figure at the next refresh").
  const nextCompanies = sql`select organisation_id, substr(family, 6) as family, company_id from stats_org_contributions where ${scope} and family like 'next:%'`;
  const nowCompanies = sql`select organisation_id, family, company_id from stats_org_contributions where ${scope} and family not like 'next:%'`;
  const withdrawn = await counts(sql`select w.organisation_id, w.family, count(*) as n from (${nowCompanies} except ${nextCompanies}) w group by w.organisation_id, w.family`);

  for (const family of FIGURE_FAMILIES) {
    const publish: string[] = [];
    const hold: [string, number][] = [];
    for (const org of orgs) {
      const k = key(org, family);
      const state = { published: published.has(k), publishedContributors: shown.get(k) ?? 0, changes: changes.get(k) ?? 0 };
      if (publishesSnapshot(state)) publish.push(org);
      else hold.push([org, state.changes]);
    }
    for (const ids of chunks(publish)) {
      const inIds = sql`organisation_id in (${sql.join(ids)})`;
      await sql`delete from stats_org_cells where ${inIds} and quarter not like 'next:%' and ${familyCells(family)}`.execute(trx);
      await sql`update stats_org_cells set quarter = substr(quarter, 6) where ${inIds} and quarter like 'next:%' and ${familyCells(family)}`.execute(trx);
      if (family === 'answers') {
        await sql`delete from stats_org_scores where ${inIds} and kind not like 'next:%'`.execute(trx);
        await sql`update stats_org_scores set kind = substr(kind, 6) where ${inIds} and kind like 'next:%'`.execute(trx);
      }
      await sql`delete from stats_org_contributions where ${inIds} and family = ${family}`.execute(trx);
      await sql`update stats_org_contributions set family = ${family} where ${inIds} and family = ${`next:${family}`}`.execute(trx);
      await sql`delete from stats_org_published where ${inIds} and family = ${family}`.execute(trx);
      await sql`insert into stats_org_published (organisation_id, family, published_at, quarter, pending)
        select id, ${family}, ${input.now}, ${input.quarter}, 0 from organisations where id in (${sql.join(ids)})`.execute(trx);
    }
    for (const ids of chunks(hold.map(([org]) => org))) {
      const inIds = sql`organisation_id in (${sql.join(ids)})`;
      await sql`delete from stats_org_cells where ${inIds} and quarter like 'next:%' and ${familyCells(family)}`.execute(trx);
      if (family === 'answers') await sql`delete from stats_org_scores where ${inIds} and kind like 'next:%'`.execute(trx);
      await sql`delete from stats_org_contributions where ${inIds} and family = ${`next:${family}`}`.execute(trx);
    }
    for (const [org, n] of hold) await sql`update stats_org_published set pending = ${n} where organisation_id = ${org} and family = ${family}`.execute(trx);
    // A held snapshot with a withdrawn company is taken down: its figures are hidden (no rows: below every threshold)
    // until the next publication. The shown contributions stay as the baseline the next one is compared with, so
    // taking figures down never lets a one-company difference through later.
    for (const ids of chunks(hold.filter(([org]) => (withdrawn.get(key(org, family)) ?? 0) > 0).map(([org]) => org))) {
      const inIds = sql`organisation_id in (${sql.join(ids)})`;
      await sql`delete from stats_org_cells where ${inIds} and quarter not like 'next:%' and ${familyCells(family)}`.execute(trx);
      if (family === 'answers') await sql`delete from stats_org_scores where ${inIds} and kind not like 'next:%'`.execute(trx);
    }
  }
}

export interface PublishedSnapshot {
  publishedAt: string;
  quarter: string;
  /** Companies whose contribution changed since; > 0: the figures wait for more changes. */
  pending: number;
}

export interface StoredOrgFigures {
  /** When the figures were last rebuilt (the live member counts are of then). */
  refreshedAt: string | null;
  /** The quarter of that rebuild; the live member counts are stored under it. */
  quarter: string | null;
  cells: OrgCell[];
  scores: OrgScoreRow[];
  /** The shown snapshot per family; null before the first refresh after migration 024. */
  published: Record<FigureFamily, PublishedSnapshot | null>;
}

/** Everything stored for one organisation: a few hundred rows at most, read by primary key. */
export async function readOrgFigures(db: Conn, organisationId: string): Promise<StoredOrgFigures> {
  const state = await db.selectFrom('stats_org_refresh').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  const cells = await db.selectFrom('stats_org_cells').select(['quarter', 'measure', 'value', 'contributors']).where('organisation_id', '=', organisationId).where('quarter', 'not like', 'next:%').execute();
  const scores = await db.selectFrom('stats_org_scores').select(['kind', 'score', 'companies']).where('organisation_id', '=', organisationId).where('kind', 'not like', 'next:%').execute();
  const snapshots = await db.selectFrom('stats_org_published').selectAll().where('organisation_id', '=', organisationId).execute();
  const published = Object.fromEntries(
    FIGURE_FAMILIES.map((f) => {
      const p = snapshots.find((r) => r.family === f);
      return [f, p ? { publishedAt: p.published_at, quarter: p.quarter, pending: Number(p.pending) } : null];
    }),
  ) as Record<FigureFamily, PublishedSnapshot | null>;
  return {
    refreshedAt: state?.refreshed_at ?? null,
    quarter: state?.quarter ?? null,
    cells: cells.map((c) => ({ quarter: c.quarter, measure: c.measure, value: Number(c.value), contributors: Number(c.contributors) })),
    scores: scores.map((s) => ({ kind: s.kind, score: Number(s.score), companies: Number(s.companies) })),
    published,
  };
}

/** The organisations a company is a member of (its finished assessment changes their figures). */
export async function organisationsOfMember(db: Conn, companyId: string): Promise<string[]> {
  const rows = await db.selectFrom('organisation_members').select('organisation_id').where('company_id', '=', companyId).execute();
  return rows.map((r) => r.organisation_id);
}
