/**
 * Retention of phishing results (GDPR Art. 5(1)(e), storage limitation; docs/phishing.md): once a campaign's
 * purge_after has come — or it is older than PHISHING_RETENTION_MONTHS, if an operator shortened the period since —
 * no row of it points to a person any more; only counts remain. A daily job does it.
 */
import { addMonthsBrussels } from '../core/incidents/time.ts';
import { enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import { listCampaignsToPurge, purgeCampaign } from '../db/repositories/phishing-tracking.repository.ts';
import type { AppDeps } from './deps.ts';
import { transact } from '../db/transaction.ts';

export const PHISHING_RETENTION_JOB = 'phishing-retention';
const DAY_MS = 24 * 3_600_000;

export async function purgeDuePhishingResults(deps: AppDeps): Promise<string[]> {
  const now = deps.clock.now();
  const createdBefore = addMonthsBrussels(now, -deps.config.phishingRetentionMonths);
  const due = await listCampaignsToPurge(deps.db, now, createdBefore);
  for (const c of due) await transact(deps.db, (trx) => purgeCampaign(trx, c.id, now));
  if (due.length > 0) deps.log.info({ campaigns: due.length }, 'phishing results past retention purged');
  return due.map((c) => c.id);
}

/**
 * Plans the next daily run unless one is already planned (start-up of a web or worker process, and after each run).
 * The singleton key makes the database refuse a second waiting run, however many processes start at once.
 */
export async function ensurePhishingRetentionJob(deps: AppDeps, delayMs = 0): Promise<void> {
  const now = deps.clock.now();
  await enqueueSingletonJob(deps.db, { type: PHISHING_RETENTION_JOB, payload: {}, runAt: new Date(now.getTime() + delayMs), maxAttempts: 3, singletonKey: PHISHING_RETENTION_JOB }, now);
}

export async function runPhishingRetention(deps: AppDeps): Promise<void> {
  await purgeDuePhishingResults(deps);
  await ensurePhishingRetentionJob(deps, DAY_MS);
}
