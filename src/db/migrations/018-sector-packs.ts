/**
 * Sector packs of federations (issue 11): extra questions and advice in nl, fr, de and en, one row per version.
 * A version is a draft (editable), submitted (waiting for a platform administrator), returned (editable again, with
 * the reviewer's note) or published (immutable). The live pack of a federation is its highest published version.
 * Answers of a company to a pack's questions are stored per assessment, apart from the scored answers, so they never
 * enter the Schild scores (docs/decisions/0007-sector-pack-questions-outside-the-score.md).
 * Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, JSON as text.
 */
import type { Kysely, Migration } from 'kysely';

export const m018_sector_packs: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sector_packs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      /** draft | submitted | returned | published */
      .addColumn('status', 'text', (c) => c.notNull())
      /** JSON PackContent: { intro: Record<Locale, string>, questions: PackQuestion[] } */
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('review_note', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('submitted_at', 'text')
      .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('reviewed_at', 'text')
      .addUniqueConstraint('sector_packs_version', ['organisation_id', 'version'])
      .execute();
    await db.schema.createIndex('sector_packs_status').on('sector_packs').columns(['status', 'submitted_at']).execute();

    await db.schema
      .createTable('assessment_pack_answers')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      /** The federation whose pack asked the question; question ids stay stable across its versions. */
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('pack_version', 'integer', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      /** yes | partly | no | unknown */
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_pack_answers_pk', ['assessment_id', 'organisation_id', 'question_id'])
      .execute();

    /**
     * The federation's figures over its live pack, refreshed with the statistics (never computed per request): per
     * question, how many counting members answered it in their latest assessment and how many said yes.
     */
    await db.schema
      .createTable('sector_pack_figures')
      .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
      .addColumn('pack_version', 'integer', (c) => c.notNull())
      .addColumn('question_id', 'text', (c) => c.notNull())
      .addColumn('companies', 'integer', (c) => c.notNull())
      .addColumn('yes_count', 'integer', (c) => c.notNull())
      .addColumn('refreshed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sector_pack_figures_pk', ['organisation_id', 'question_id'])
      .execute();
  },
};
