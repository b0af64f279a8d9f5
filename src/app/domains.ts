/** A company's domains: add, prove ownership (DNS TXT or a file under /.well-known/), monitor, alert on change. */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import type { Company } from '../core/company-profile.ts';
import { changesBetween, type Change, type Fingerprint } from '../core/scan/monitor.ts';
import { evidenceFromScan } from '../core/scan/assessment-link.ts';
import { randomToken } from '../adapters/crypto.ts';
import { ScanDns } from '../adapters/scan/dns.ts';
import { fetchText } from '../adapters/scan/net.ts';
import { enqueueJob, enqueueSingletonJob } from '../db/repositories/job.repository.ts';
import {
  deleteCompanyDomain,
  findCompanyDomain,
  findCompanyDomainByName,
  insertCompanyDomain,
  listCompanyDomains,
  updateCompanyDomain,
  type CompanyDomainRow,
} from '../db/repositories/domain.repository.ts';
import { findScan, finishedScansOf, insertScan } from '../db/repositories/scan.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { consume, HOUR, type RateLimited } from './rate-limit.ts';
import { normaliseDomain, SCAN_JOB, SCANS_PER_USER_PER_HOUR, scannerOptions } from './scans.ts';
import { transact } from '../db/transaction.ts';

export type CompanyDomain = CompanyDomainRow;

/**
 * Each ownership check and each "scan now" makes the scanner query the domain's DNS and web server, so a user (or
 * a stolen session) could turn them into a flood against someone else's servers. The attempt is counted before any
 * network work, in one atomic statement (rate-limit.repository.ts), so parallel requests cannot slip past the limit.
 */
export const DOMAIN_RATE_LIMITS = {
  verifyPerDomain: { max: 10, windowMs: HOUR },
  verifyPerUser: { max: 30, windowMs: HOUR },
  /** Same budget as one-off scans of one target (scans.ts): 6 an hour. */
  scanNowPerDomain: { max: 6, windowMs: HOUR },
} as const;

export type { RateLimited } from './rate-limit.ts';
export const VERIFY_TXT_NAME = '_schild-verification';
export const VERIFY_FILE_PATH = '/.well-known/schild-verification.txt';
export const MONITOR_INTERVAL_HOURS = 24;

export async function listDomains(deps: AppDeps, companyId: string): Promise<CompanyDomain[]> {
  return listCompanyDomains(deps.db, companyId);
}

export async function findDomain(deps: AppDeps, companyId: string, id: string): Promise<CompanyDomain | undefined> {
  return findCompanyDomain(deps.db, companyId, id);
}

export async function addDomain(deps: AppDeps, company: Company, user: User, input: string, ip: string): Promise<Result<{ id: string }, 'invalid_domain' | 'duplicate'>> {
  const domain = normaliseDomain(input);
  if (!domain) return { ok: false, error: 'invalid_domain' };
  const existing = await findCompanyDomainByName(deps.db, company.id, domain);
  if (existing) return { ok: false, error: 'duplicate' };
  const id = randomUUID();
  await insertCompanyDomain(deps.db, { id, company_id: company.id, domain, verify_token: randomToken(18), verified_at: null, verify_method: null, created_at: deps.clock.now().toISOString(), last_scan_id: null, fingerprint: null });
  await audit(deps, deps.db, { type: 'company.profile_updated', companyId: company.id, userId: user.id, ip, detail: { domainAdded: domain } });
  return { ok: true, id };
}

export async function removeDomain(deps: AppDeps, company: Company, id: string): Promise<void> {
  await deleteCompanyDomain(deps.db, company.id, id);
}

/** Ownership proof: `schild-verification=<token>` in TXT at _schild-verification.<domain>, or the token in the file. */
export async function verifyDomain(deps: AppDeps, company: Company, user: User, id: string, ip: string): Promise<Result<{ method: 'dns' | 'file' }, 'not_found' | 'not_verified'> | RateLimited> {
  const d = await findDomain(deps, company.id, id);
  if (!d) return { ok: false, error: 'not_found' };
  if (d.verified_at) return { ok: true, method: d.verify_method === 'file' ? 'file' : 'dns' };
  const limited = await consume(deps, [
    { key: `domain-verify:domain:${d.id}`, ...DOMAIN_RATE_LIMITS.verifyPerDomain },
    { key: `domain-verify:user:${user.id}`, ...DOMAIN_RATE_LIMITS.verifyPerUser },
  ]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
  const opts = scannerOptions(deps.config);
  const dns = new ScanDns({ ...(opts.resolver ? { resolver: opts.resolver } : {}), timeoutMs: opts.timeoutMs, guard: { allowPrivate: opts.allowPrivate } });
  const expected = `schild-verification=${d.verify_token}`;
  let method: 'dns' | 'file' | null = null;
  const txt = await dns.txt(`${VERIFY_TXT_NAME}.${d.domain}`);
  if (txt.status === 'ok' && txt.records.some((r) => r.trim() === expected)) method = 'dns';
  if (!method) {
    const file = await fetchText({ dns, allowPrivate: opts.allowPrivate, portMap: opts.portMap, ...(opts.extraCa ? { extraCa: opts.extraCa } : {}), timeoutMs: opts.timeoutMs }, `https://${d.domain}${VERIFY_FILE_PATH}`);
    if (file.status === 'ok' && file.httpStatus === 200 && file.body.includes(d.verify_token)) method = 'file';
  }
  if (!method) return { ok: false, error: 'not_verified' };
  const now = deps.clock.now();
  await updateCompanyDomain(deps.db, d.id, { verified_at: now.toISOString(), verify_method: method });
  await audit(deps, deps.db, { type: 'company.profile_updated', companyId: company.id, userId: user.id, ip, detail: { domainVerified: d.domain, method } });
  await scheduleMonitorScan(deps, company.id, d.domain, now);
  return { ok: true, method };
}

/** "Scan now" on a verified domain, asked by a user: rate-limited per domain and counted with the user's one-off scans. */
export async function requestMonitorScan(deps: AppDeps, company: Company, user: User, id: string): Promise<Result<{ scanId: string }, 'not_found'> | RateLimited> {
  const d = await findDomain(deps, company.id, id);
  if (!d?.verified_at) return { ok: false, error: 'not_found' };
  const limited = await consume(deps, [
    { key: `scan:monitor:${company.id}:${d.domain}`, ...DOMAIN_RATE_LIMITS.scanNowPerDomain },
    { key: `scan:who:${user.id}`, max: SCANS_PER_USER_PER_HOUR, windowMs: HOUR },
  ]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
  return { ok: true, scanId: await scheduleMonitorScan(deps, company.id, d.domain, deps.clock.now()) };
}

/** A monitoring scan of a verified domain: a scan row tied to the company, run by the scan job. */
export async function scheduleMonitorScan(deps: AppDeps, companyId: string, domain: string, runAt: Date): Promise<string> {
  return (await insertMonitorScan(deps, companyId, domain, runAt, null))!;
}

/** The daily scan of a domain waits at most once (migration 027's unique singleton key over waiting jobs). */
export const monitorScanKey = (companyId: string, domain: string): string => `${SCAN_JOB}:monitor:${companyId}:${domain}`;

/** Inserts the scan row and its job together; with a singleton key, nothing (null) when that key already waits. */
async function insertMonitorScan(deps: AppDeps, companyId: string, domain: string, runAt: Date, singletonKey: string | null): Promise<string | null> {
  const id = randomUUID();
  const now = deps.clock.now();
  const planned = await transact(deps.db, async (trx) => {
    const job = { type: SCAN_JOB, payload: { scanId: id }, runAt, maxAttempts: 2 };
    if (singletonKey === null) await enqueueJob(trx, job, now);
    else if ((await enqueueSingletonJob(trx, { ...job, singletonKey }, now)) === null) return false;
    await insertScan(trx, { id, domain, company_id: companyId, requested_by: null, status: 'queued', progress: 0, step: null, algorithm_version: null, grade: null, result: null, error: null, created_at: runAt.toISOString(), started_at: null, finished_at: null, fingerprint: null });
    return true;
  });
  if (!planned) return null;
  deps.kickWorker();
  return id;
}

/**
 * The domain's next daily scan, a day from now, unless one already waits: the singleton key of the waiting job
 * (migration 027) lets exactly one wait per domain, however many scans finish or start at once and however often the
 * owner or the IT provider asks for a scan now (every finished scan used to plan its own next, so each "scan now"
 * started one more chain; issue 12 review). Until 2026-12-07 a waiting scan row of the domain also counted, which
 * let a scan row left 'queued' by a job that died end the chain for good.
 */
export async function planNextMonitorScan(deps: AppDeps, companyId: string, domain: string, runAt = new Date(deps.clock.now().getTime() + MONITOR_INTERVAL_HOURS * 3_600_000)): Promise<string | null> {
  return insertMonitorScan(deps, companyId, domain, runAt, monitorScanKey(companyId, domain));
}

/**
 * Called by the scan job before a company's scan runs: while the domain is still verified, its next daily scan is
 * planned first, so a scan that fails or a worker killed in the middle of one does not end the daily chain (issue 13:
 * faults recover by themselves). The same rule as the other schedules ("plan the next run first", job-retention.ts).
 */
export async function continueMonitoring(deps: AppDeps, companyId: string, domain: string): Promise<void> {
  const row = await findCompanyDomainByName(deps.db, companyId, domain);
  if (row?.verified_at) await planNextMonitorScan(deps, companyId, domain);
}

/**
 * After a monitoring scan: compare with the last one, store, and return what changed (the caller e-mails it). `conn`
 * is the transaction that also stores the scan's result, so the new fingerprint is kept only with the result and its
 * alert mails (scan-results.ts).
 */
export async function recordMonitorResult(deps: AppDeps, conn: Conn, companyId: string, domain: string, scanId: string, next: Fingerprint): Promise<{ changes: Change[]; domainRow: CompanyDomain | undefined }> {
  const row = await findCompanyDomainByName(conn, companyId, domain);
  if (!row || !row.verified_at) return { changes: [], domainRow: row };
  let previous: Fingerprint | null = null;
  try {
    previous = row.fingerprint ? (JSON.parse(row.fingerprint) as Fingerprint) : null;
  } catch {
    previous = null;
  }
  const changes = changesBetween(previous, next, deps.clock.now());
  await updateCompanyDomain(conn, row.id, { last_scan_id: scanId, fingerprint: JSON.stringify(next) });
  return { changes, domainRow: row };
}

export async function domainHistory(deps: AppDeps, companyId: string, domain: string) {
  return finishedScansOf(deps.db, companyId, domain);
}

export interface ControlEvidence {
  observed: 'yes' | 'partly' | 'no';
  domain: string;
  at: string;
}

/** What the latest scans of the company's verified domains observed about self-assessment controls. */
export async function scanEvidence(deps: AppDeps, companyId: string): Promise<Map<string, ControlEvidence>> {
  const out = new Map<string, ControlEvidence>();
  for (const d of await listDomains(deps, companyId)) {
    if (!d.verified_at || !d.last_scan_id) continue;
    const found = await findScan(deps.db, d.last_scan_id);
    const scan = found?.status === 'done' ? found : undefined;
    if (!scan?.result) continue;
    try {
      const checks = (JSON.parse(scan.result) as { checks: Parameters<typeof evidenceFromScan>[0] }).checks;
      for (const e of evidenceFromScan(checks)) {
        const prev = out.get(e.controlId);
        // With several domains the weakest observation counts.
        const rank = { yes: 0, partly: 1, no: 2 } as const;
        if (!prev || rank[e.observed] > rank[prev.observed]) out.set(e.controlId, { observed: e.observed, domain: d.domain, at: scan.finished_at ?? '' });
      }
    } catch {
      // a stored result that cannot be read gives no evidence
    }
  }
  return out;
}
