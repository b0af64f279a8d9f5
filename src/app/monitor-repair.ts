/**
 * Daily: every verified company domain has its next monitoring scan waiting. The scan job plans a domain's next scan
 * before it runs (domains.ts `continueMonitoring`), so a failed scan or a killed worker no longer ends a chain; this
 * check catches what that cannot: a job that died before it could plan, a chain lost before 2026-12-07 (when a failed
 * scan ended it), or a waiting job removed by hand. At a million domains it reads the verified domains a page at a
 * time in id order and asks which of their keys wait (one statement per page over the partial index jobs_singleton),
 * so no statement holds its locks for long; a domain found without a waiting scan gets one at a random moment of the
 * next day, so a large repair does not arrive as one burst.
 */
import { enqueueSingletonJob, waitingSingletonKeys } from '../db/repositories/job.repository.ts';
import { verifiedDomainsAfter } from '../db/repositories/domain.repository.ts';
import type { AppDeps } from './deps.ts';
import { MONITOR_INTERVAL_HOURS, monitorScanKey, planNextMonitorScan } from './domains.ts';

export const MONITOR_REPAIR_JOB = 'monitor-repair';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Domains per page: one key lookup per page, well under every database's limit of bound parameters. */
export const MONITOR_REPAIR_PAGE = 1_000;

/**
 * Names under .example are reserved for documentation (RFC 2606 §2, RFC 6761 §6.5): no real domain can be there, so
 * a daily scan could find nothing. `schild demo` watches one such domain with prepared scans and must never send it
 * to a resolver.
 */
const isDocumentationDomain = (domain: string): boolean => domain === 'example' || domain.endsWith('.example');

/** Plans a scan for each verified domain that has none waiting; returns how many were planned. */
export async function repairMonitorChains(deps: AppDeps, page = MONITOR_REPAIR_PAGE, random: () => number = Math.random): Promise<number> {
  let after: string | null = null;
  let planned = 0;
  for (;;) {
    const rows = await verifiedDomainsAfter(deps.db, after, page);
    if (rows.length === 0) break;
    const waiting = await waitingSingletonKeys(
      deps.db,
      rows.map((r) => monitorScanKey(r.company_id, r.domain)),
    );
    for (const r of rows) {
      if (waiting.has(monitorScanKey(r.company_id, r.domain)) || isDocumentationDomain(r.domain)) continue;
      const runAt = new Date(deps.clock.now().getTime() + Math.floor(random() * MONITOR_INTERVAL_HOURS * HOUR_MS));
      if ((await planNextMonitorScan(deps, r.company_id, r.domain, runAt)) !== null) planned++;
    }
    after = rows[rows.length - 1]!.id;
    if (rows.length < page) break;
  }
  if (planned > 0) deps.log.warn({ domains: planned }, 'watched domains without a waiting scan were given one');
  return planned;
}

/**
 * Plans the next daily check unless one waits already (the singleton key decides, whatever number of processes
 * start). The first one runs an hour after start, so a process starting up does not add scans to the work it meets.
 */
export async function ensureMonitorRepairSchedule(deps: AppDeps, delayMs = HOUR_MS): Promise<void> {
  const now = deps.clock.now();
  await enqueueSingletonJob(deps.db, { type: MONITOR_REPAIR_JOB, payload: {}, runAt: new Date(now.getTime() + delayMs), maxAttempts: 3, singletonKey: MONITOR_REPAIR_JOB }, now);
}

/** The job: plan tomorrow's check first (a failing check does not end the schedule), then check. */
export async function runMonitorRepair(deps: AppDeps): Promise<void> {
  await ensureMonitorRepairSchedule(deps, DAY_MS);
  await repairMonitorChains(deps);
}
