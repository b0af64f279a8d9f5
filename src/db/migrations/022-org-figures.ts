/**
 * Organisation figures (issue 11): pre-aggregated tables per organisation, refreshed from the live tables by the
 * 'org-stats-refresh' job (one organisation, soon after a membership change or a member's finished assessment) and
 * by the full statistics refresh (every organisation), never computed per request. Only members that chose to count
 * in the organisation's figures (organisation_members.counts_in_figures = 1) are in them. Valid on SQLite and
 * PostgreSQL: text and integer columns, composite primary keys.
 *
 * - stats_org_cells: one count per organisation, quarter and measure, with the companies behind it (small-cell rules).
 * - stats_org_scores: score histograms (overall and per CSF function) of the counting members' latest assessments.
 * - stats_org_refresh: when each organisation's figures were last rebuilt ("figures of <time>").
 */
import type { Kysely, Migration } from 'kysely';

export const m022_org_figures: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_org_cells')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('contributors', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_org_cells_pk', ['organisation_id', 'quarter', 'measure'])
      .execute();
    await db.schema
      .createTable('stats_org_scores')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // 'overall' or a CSF function
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('companies', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_org_scores_pk', ['organisation_id', 'kind', 'score'])
      .execute();
    await db.schema
      .createTable('stats_org_refresh')
      .addColumn('organisation_id', 'text', (c) => c.primaryKey())
      .addColumn('refreshed_at', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['stats_org_refresh', 'stats_org_scores', 'stats_org_cells']) await db.schema.dropTable(t).execute();
  },
};
