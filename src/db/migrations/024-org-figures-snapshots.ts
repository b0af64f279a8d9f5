/**
 * Organisation figures published as snapshots (issue 11, differencing over time): the set of contributions behind
 * each organisation's published figures, per measure family, so a refresh can count how many companies changed
 * since the published snapshot and keep it until at least MIN_CELL_COMPANIES did (docs/statistics.md,
 * "Organisation figures"). Valid on SQLite and PostgreSQL: text and integer columns, composite primary keys.
 *
 * - stats_org_contributions: per organisation and family ('answers', 'incidents'; 'next:<family>' while a refresh
 *   runs), one row per contributing company with a token of what it contributed (its assessment and when that
 *   changed; its counted incidents).
 * - stats_org_published: per organisation and family, when the shown snapshot was published, its quarter and how many
 *   companies changed since (pending > 0: the figures wait for more changes).
 */
import type { Kysely, Migration } from 'kysely';

export const m024_org_figures_snapshots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_org_contributions')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('family', 'text', (c) => c.notNull())
      .addColumn('company_id', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_org_contributions_pk', ['organisation_id', 'family', 'company_id'])
      .execute();
    await db.schema
      .createTable('stats_org_published')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('family', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('pending', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('stats_org_published_pk', ['organisation_id', 'family'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['stats_org_published', 'stats_org_contributions']) await db.schema.dropTable(t).execute();
  },
};
