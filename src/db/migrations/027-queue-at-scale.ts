/**
 * Issue 13, the job queue at country scale (docs/decisions/0002-job-queue.md):
 *
 * - `singleton_key`: a job that must exist at most once while it waits (the next run of a recurring schedule, the next
 *   batch of a campaign, the planned daily scan of a domain). A unique index over the waiting jobs only lets the
 *   database, not a read-then-insert in each process, decide which of several processes starting at once plans it.
 * - Claim indexes that match the two claim statements (src/db/repositories/job.repository.ts): waiting jobs in due
 *   order, and running jobs by lease. With one index on (status, run_at) the planner had to combine the two
 *   conditions of the old single claim and sort every due job to find the first one.
 * - An index to purge finished jobs by age (1,000,000 a day at country scale).
 *
 * Partial indexes exist on SQLite (3.8+) and PostgreSQL; adding a nullable column does not rewrite the table.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const m027_queue_at_scale: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('singleton_key', 'text').execute();
    await db.schema
      .createIndex('jobs_singleton')
      .on('jobs')
      .column('singleton_key')
      .unique()
      .where(sql.ref('status'), '=', 'queued')
      .where(sql.ref('singleton_key'), 'is not', null)
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at', 'id']).where(sql.ref('status'), '=', 'queued').execute();
    await db.schema.createIndex('jobs_lease').on('jobs').column('locked_at').where(sql.ref('status'), '=', 'running').execute();
    await db.schema.createIndex('jobs_finished').on('jobs').column('finished_at').where(sql.ref('status'), 'in', ['done', 'failed']).execute();
  },
};
