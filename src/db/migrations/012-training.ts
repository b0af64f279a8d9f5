/**
 * Micro-training (docs/training.md): people of a company invited to lessons by a magic link, their progress per
 * lesson, and the nudges sent to them. Valid on SQLite and PostgreSQL: text ids, ISO-8601 text times, 0/1 integers.
 *
 * Also gives the outbox a `headers` column (JSON object) so a nudge can carry RFC 8058 List-Unsubscribe headers.
 */
import type { Kysely, Migration } from 'kysely';

export const m012_training: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('training_learners')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addColumn('person_id', 'text', (c) => c.notNull().unique().references('people.id').onDelete('cascade'))
      /** sha256 of the magic-link token; rotating the link replaces it, which also ends every learner session. */
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      /** sha256 of the unsubscribe token (a separate secret, so an unsubscribe link does not open the lessons). */
      .addColumn('unsubscribe_hash', 'text', (c) => c.notNull().unique())
      .addColumn('invited_at', 'text', (c) => c.notNull())
      .addColumn('joined_at', 'text')
      .addColumn('revoked_at', 'text')
      .addColumn('unsubscribed_at', 'text')
      .execute();
    await db.schema.createIndex('training_learners_company').on('training_learners').column('company_id').execute();

    await db.schema
      .createTable('training_progress')
      .addColumn('learner_id', 'text', (c) => c.notNull().references('training_learners.id').onDelete('cascade'))
      .addColumn('lesson_id', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      /** First time the quiz was handed in; the lesson counts as done from then on. */
      .addColumn('completed_at', 'text')
      .addColumn('perfect', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('training_progress_pk', ['learner_id', 'lesson_id'])
      .execute();

    // One row per nudge ever sent: the primary key makes "never two tips in a month" hold even with two workers.
    await db.schema
      .createTable('training_nudges')
      .addColumn('learner_id', 'text', (c) => c.notNull().references('training_learners.id').onDelete('cascade'))
      /** 'tip' (key = month YYYY-MM) | 'reminder' (key = lesson id) */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('training_nudges_pk', ['learner_id', 'kind', 'key'])
      .execute();

    await db.schema.alterTable('outbox').addColumn('headers', 'text').execute();
  },
};
