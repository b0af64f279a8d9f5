/**
 * Issue 12: the software a company says it uses (matched against the catalogue in content/software), and testimonies:
 * anonymised incident stories a company consented to share, published only after an administrator's review.
 * Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, JSON as text.
 */
import type { Kysely, Migration } from 'kysely';

export const m026_software_testimonies: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('company_software')
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      /** A product id of the catalogue (content/software). */
      .addColumn('product_id', 'text', (c) => c.notNull())
      /** JSON { [factId]: 'yes' | 'no' | 'unknown' }: what the company says about its own set-up (e.g. two-step log-in enforced). */
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('company_software_pk', ['company_id', 'product_id'])
      .execute();

    await db.schema
      .createTable('testimonies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
      /** JSON string[] of threat ids (content/assessment/threats.json) the story is about. */
      .addColumn('threats', 'text', (c) => c.notNull())
      /** The language the company wrote in. */
      .addColumn('lang', 'text', (c) => c.notNull())
      /** What happened and what the company learned, as the company wrote it for publication. */
      .addColumn('story', 'text', (c) => c.notNull())
      .addColumn('lesson', 'text', (c) => c.notNull())
      /** Coarse context shown with the story: NACE section letter and size band, never the name. */
      .addColumn('sector_section', 'text')
      .addColumn('size_band', 'text')
      /** The text as published after the administrator's anonymisation edits; null until published. */
      .addColumn('published_story', 'text')
      .addColumn('published_lesson', 'text')
      /** pending | published | rejected | withdrawn */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('consent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('consent_at', 'text', (c) => c.notNull())
      .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text')
      .addColumn('withdrawn_at', 'text')
      .execute();
    await db.schema.createIndex('testimonies_status').on('testimonies').columns(['status', 'reviewed_at']).execute();
    await db.schema.createIndex('testimonies_incident').on('testimonies').column('incident_id').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['testimonies', 'company_software']) await db.schema.dropTable(t).execute();
  },
};
