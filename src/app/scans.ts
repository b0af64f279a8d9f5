/** Use cases of the domain scan: request a one-off scan (rate-limited, deduplicated), run it, read it. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normaliseDomain } from '../core/scan/domain-input.ts';
import type { User } from '../core/account.ts';
import { DEFAULT_DKIM_SELECTORS, type RetrieveOptions } from '../adapters/scan/retriever.ts';
import type { Config } from '../config.ts';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import { insertScan, recentScan } from '../db/repositories/scan.repository.ts';
import type { AppDeps, Result } from './deps.ts';
import { consume, HOUR, limitKeyForIp, MINUTE } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

export const SCAN_JOB = 'scan';
/** One-off scans an hour per signed-in user; "scan now" on a monitored domain counts against the same budget. */
export const SCANS_PER_USER_PER_HOUR = 30;

/** Scanner settings from the configuration (test-only overrides are refused in production by loadConfig). */
export function scannerOptions(config: Config): Omit<RetrieveOptions, 'onProgress'> {
  return {
    ...(config.scan.resolver ? { resolver: config.scan.resolver } : {}),
    allowPrivate: config.scan.allowPrivate,
    portMap: config.scan.portMap,
    ...(config.scan.caFile ? { extraCa: readFileSync(config.scan.caFile, 'utf8') } : {}),
    timeoutMs: 4000,
    budgetMs: 15_000,
    dkimSelectors: DEFAULT_DKIM_SELECTORS,
    lookalikes: 150,
  };
}

export { normaliseDomain } from '../core/scan/domain-input.ts';

export async function requestScan(
  deps: AppDeps,
  input: string,
  by: { user: User | null; ip: string },
): Promise<Result<{ scanId: string; reused: boolean }, 'invalid_domain' | 'rate_limited'>> {
  const domain = normaliseDomain(input);
  if (!domain) return { ok: false, error: 'invalid_domain' };
  const now = deps.clock.now();
  // A domain scanned in the last five minutes is not scanned again: the same result is shown.
  const recent = await recentScan(deps.db, domain, new Date(now.getTime() - 5 * MINUTE).toISOString());
  if (recent) return { ok: true, scanId: recent.id, reused: true };
  const limited = await consume(deps, [
    { key: `scan:who:${by.user?.id ?? limitKeyForIp(by.ip)}`, max: by.user ? SCANS_PER_USER_PER_HOUR : 10, windowMs: HOUR },
    { key: `scan:target:${domain}`, max: 6, windowMs: HOUR },
  ]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const id = randomUUID();
  await transact(deps.db, async (trx) => {
    await insertScan(trx, {
      id,
      domain,
      company_id: null,
      requested_by: by.user?.id ?? null,
      status: 'queued',
      progress: 0,
      step: null,
      algorithm_version: null,
      grade: null,
      result: null,
      error: null,
      created_at: now.toISOString(),
      started_at: null,
      finished_at: null,
      fingerprint: null,
    });
    await enqueueJob(trx, { type: SCAN_JOB, payload: { scanId: id }, runAt: now, maxAttempts: 2 }, now);
  });
  deps.kickWorker();
  return { ok: true, scanId: id, reused: false };
}
