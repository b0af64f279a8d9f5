/**
 * Effectiveness of measures (issue 11): per control, how many counted companies had the measure ("yes") or not
 * ("no"/"partly") in their latest assessment finished at least a year before the refresh, and how many of each group
 * had at least one counted incident in the year after it. Rebuilt by the statistics refresh with the other
 * pre-aggregated tables; the page and the API read only this table. Valid on SQLite and PostgreSQL.
 */
import type { Kysely, Migration } from 'kysely';

export const m021_stats_effectiveness: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stats_effectiveness')
      .addColumn('control_id', 'text', (c) => c.primaryKey())
      .addColumn('n_with', 'integer', (c) => c.notNull())
      .addColumn('events_with', 'integer', (c) => c.notNull())
      .addColumn('n_without', 'integer', (c) => c.notNull())
      .addColumn('events_without', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('stats_effectiveness').execute();
  },
};
