/**
 * Open-data releases (issue 11): each quarterly release is stored whole, noise included, when it is built, so it
 * never changes afterwards and asking again gains an attacker nothing (docs/decisions/0006-differential-privacy.md).
 * Valid on SQLite and PostgreSQL: text and integer columns only; ε is kept as its exact decimal text.
 */
import type { Kysely, Migration } from 'kysely';

export const m016_open_data_releases: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('open_data_releases')
      .addColumn('release', 'text', (c) => c.primaryKey())
      .addColumn('quarter', 'text', (c) => c.notNull())
      .addColumn('epsilon', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('sensitivity', 'integer', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('open_data_releases').execute();
  },
};
