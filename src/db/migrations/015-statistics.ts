/**
 * Statistics foundation (issue 11): a synthetic flag and a statistics consent on companies, and the pre-aggregated
 * tables the figures are read from (refreshed by the stats-refresh job and `schild stats refresh`, never computed
 * per request). Valid on SQLite and PostgreSQL: plain text and integer columns, composite primary keys.
 *
 * - companies.synthetic: rows made by `schild seed-synthetic` (refused in production); counted only where the
 *   deployment allows synthetic data (SYNTHETIC_DATA=1).
 * - companies.stats_consent: counting in anonymous statistics, asked at joining and on by default (issue 11); a
 *   withdrawal leaves every figure at the next refresh. stats_consent_at: when the owner last changed it.
 * - stats_companies: one compact row per counted company (profile dimensions and latest finished assessment).
 * - stats_cells: counts with their number of contributing companies, per NACE section, size band, region, quarter.
 * - stats_peer_groups: median and quartiles of scores per NACE section and size band (peers comparison).
 * - stats_refresh: one row (id 1) saying when the figures were last refreshed and when the next refresh is due.
 */
import { sql, type Kysely, type Migration } from 'kysely';

const FUNCTIONS = ['govern', 'identify', 'protect', 'detect', 'respond', 'recover'] as const;

export const m015_statistics: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('companies').addColumn('synthetic', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('companies').addColumn('stats_consent', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await db.schema.alterTable('companies').addColumn('stats_consent_at', 'text').execute();

    let companies = db.schema
      .createTable('stats_companies')
      .addColumn('company_id', 'text', (c) => c.primaryKey())
      .addColumn('nace_section', 'text', (c) => c.notNull())
      .addColumn('nace_division', 'text', (c) => c.notNull())
      .addColumn('size_band', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('synthetic', 'integer', (c) => c.notNull())
      .addColumn('joined_at', 'text', (c) => c.notNull())
      .addColumn('first_assessed_at', 'text')
      .addColumn('assessment_id', 'text')
      .addColumn('assessed_at', 'text')
      .addColumn('score_overall', 'integer');
    for (const f of FUNCTIONS) companies = companies.addColumn(`score_${f}`, 'integer');
    await companies.execute();
    await db.schema.createIndex('stats_companies_group').on('stats_companies').columns(['nace_section', 'size_band']).execute();

    await db.schema
      .createTable('stats_cells')
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('nace_section', 'text', (c) => c.notNull())
      .addColumn('size_band', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('contributors', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_cells_pk', ['quarter', 'measure', 'nace_section', 'size_band', 'region'])
      .execute();

    await db.schema
      .createTable('stats_peer_groups')
      .addColumn('nace_section', 'text', (c) => c.notNull())
      .addColumn('size_band', 'text', (c) => c.notNull())
      .addColumn('companies', 'integer', (c) => c.notNull())
      .addColumn('quartiles', 'text', (c) => c.notNull()) // JSON PeerQuartiles
      .addPrimaryKeyConstraint('stats_peer_groups_pk', ['nace_section', 'size_band'])
      .execute();

    await db.schema
      .createTable('stats_refresh')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('refreshed_at', 'text')
      .addColumn('quarter', 'text')
      .addColumn('companies', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_run_at', 'text')
      .execute();
    await sql`insert into stats_refresh (id, companies) values (1, 0)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['stats_refresh', 'stats_peer_groups', 'stats_cells', 'stats_companies']) await db.schema.dropTable(t).execute();
    for (const c of ['stats_consent_at', 'stats_consent', 'synthetic']) await db.schema.alterTable('companies').dropColumn(c).execute();
  },
};
