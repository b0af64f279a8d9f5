/**
 * Public analyst dashboards (issue 11): one pre-aggregated table at NACE-division grain with its margins, read by
 * primary-key range per filter selection so a dashboard request never scans live tables.
 *
 * stats_dashboard_cells: every non-empty cell of every dashboard cube, margins included (a missing cell is empty).
 * A dimension holds 'all' for a margin; the geography is hierarchical (section 'all' + division 'all' = Belgium,
 * section 'F' + division 'all' = the section, section 'F' + division '41' = the division). `hidden` (1/0) is the
 * small-cell decision (threshold + complementary suppression) taken at refresh over the whole cube, so every request
 * shows the same cells hidden and no hidden cell can be recomputed from other selections; a hidden cell's value is
 * never shown. Maturity is stored as quartiles ('maturity:<kind>:p25|median|p75', in tenths) for 10 companies or more.
 * Primary key starts with the filter (section, division, band, region): one dashboard = one index range. A second
 * index (quarter, measure, section, division) serves the region × size-band table of one selection.
 * Valid on SQLite and PostgreSQL: text and integer columns, composite primary key.
 */
import type { Kysely, Migration } from 'kysely';

export const m020_stats_dashboard: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_dashboard_cells')
      .addColumn('nace_section', 'text', (c) => c.notNull())
      .addColumn('nace_division', 'text', (c) => c.notNull())
      .addColumn('size_band', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      .addColumn('value', 'integer', (c) => c.notNull())
      .addColumn('contributors', 'integer', (c) => c.notNull())
      .addColumn('hidden', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('stats_dashboard_cells_pk', ['nace_section', 'nace_division', 'size_band', 'region', 'quarter', 'measure'])
      .execute();
    await db.schema.createIndex('stats_dashboard_cells_by_measure').on('stats_dashboard_cells').columns(['quarter', 'measure', 'nace_section', 'nace_division']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('stats_dashboard_cells').execute();
  },
};
