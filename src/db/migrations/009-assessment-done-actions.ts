/**
 * Plan actions the owner marked done. Marking done answers the control "yes"; this row keeps the answer it had before
 * (no or partly), so the owner can undo it and the page can say how much the score moved. Valid on SQLite and
 * PostgreSQL (plain text columns, composite primary key, cascade from the assessment).
 */
import type { Kysely, Migration } from 'kysely';

export const m009_assessment_done_actions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assessment_done_actions')
      .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
      .addColumn('control_id', 'text', (c) => c.notNull())
      .addColumn('previous_answer', 'text', (c) => c.notNull())
      .addColumn('done_by', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_done_actions_pk', ['assessment_id', 'control_id'])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('assessment_done_actions').execute();
  },
};
