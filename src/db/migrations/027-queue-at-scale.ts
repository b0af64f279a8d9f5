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
import type { Kysely, Migration } from 'kysely';

export const m027_queue_at_scale: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('jobs').addColumn('singleton_key', 'text').execute();
    // The four indexes (jobs_singleton, jobs_due, jobs_lease, jobs_finished) are built online after the migrations,
    // so that writes to a large jobs table go on meanwhile (src/db/online-indexes.ts, decision 0014).
  },
};
