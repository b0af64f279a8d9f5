/**
 * The recurring jobs every Schild process plans when it starts, web or worker, with or without an in-process worker:
 * each chain lives in the database under its singleton key (migration 027), so however many processes start, one run
 * of each waits, and whichever worker is free runs it. One list, so a new schedule reaches every entry point at once.
 * The training nudges and the statistics refresh are planned where jobs are worked (src/entrypoints/).
 */
import type { AppDeps } from './deps.ts';
import { ensureJobPurgeSchedule } from './job-retention.ts';
import { ensureMonitorRepairSchedule } from './monitor-repair.ts';
import { ensurePhishingRetentionJob } from './phishing-retention.ts';

export async function ensureRecurringJobs(deps: AppDeps): Promise<void> {
  await ensurePhishingRetentionJob(deps);
  await ensureJobPurgeSchedule(deps);
  await ensureMonitorRepairSchedule(deps);
}
