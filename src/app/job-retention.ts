/**
 * Finished jobs do not pile up: at country scale the queue finishes about 1,000,000 jobs a day (the daily re-scan of
 * every monitored domain alone), and a table that only grows slows every claim and fills the disk. A daily job
 * deletes done and failed jobs older than JOB_RETENTION_DAYS (default 14, docs/operations.md "Job retention"), in
 * small batches so no statement holds its locks for long. Waiting and running jobs are never touched.
 */
import { enqueueSingletonJob, purgeFinishedJobs } from '../db/repositories/job.repository.ts';
import { purgeExpiredDrafts } from '../db/repositories/assessment.repository.ts';
import type { AppDeps } from './deps.ts';

export const JOB_PURGE_JOB = 'job-purge';
/** Rows per DELETE: large enough to purge a day's million jobs in ~100 statements, small enough to be brief. */
export const JOB_PURGE_BATCH = 10_000;
const DAY_MS = 24 * 3_600_000;

/** Deletes every finished job older than the retention, batch after batch; returns how many went. */
export async function purgeOldJobs(deps: AppDeps, batch = JOB_PURGE_BATCH): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - deps.config.jobRetentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const n = await purgeFinishedJobs(deps.db, before, batch);
    total += n;
    if (n < batch) break;
  }
  if (total > 0) deps.log.info({ jobs: total, before: before.toISOString() }, 'finished jobs past retention purged');
  return total;
}

/**
 * Saved anonymous quick scans (the `schild_quickscan` draft: profile and answers) live 7 days, as the privacy page
 * says; once that time is over, claimed or not, they are deleted (GDPR Art. 5(1)(e), storage limitation). Until
 * 2026-12-06 expired drafts were only ignored, never deleted.
 */
export async function purgeQuickScanDrafts(deps: AppDeps, batch = JOB_PURGE_BATCH): Promise<number> {
  const now = deps.clock.now().toISOString();
  let total = 0;
  for (;;) {
    const n = await purgeExpiredDrafts(deps.db, now, batch);
    total += n;
    if (n < batch) break;
  }
  if (total > 0) deps.log.info({ drafts: total }, 'expired quick-scan drafts deleted');
  return total;
}

/** Plans the next daily purge unless one waits already (the singleton key decides, whatever number of processes start). */
export async function ensureJobPurgeSchedule(deps: AppDeps, delayMs = 0): Promise<void> {
  const now = deps.clock.now();
  await enqueueSingletonJob(deps.db, { type: JOB_PURGE_JOB, payload: {}, runAt: new Date(now.getTime() + delayMs), maxAttempts: 3, singletonKey: JOB_PURGE_JOB }, now);
}

/** The job: plan tomorrow's run first (a failing purge does not end the schedule), then purge. */
export async function runJobPurge(deps: AppDeps): Promise<void> {
  await ensureJobPurgeSchedule(deps, DAY_MS);
  await purgeOldJobs(deps);
  await purgeQuickScanDrafts(deps);
}
