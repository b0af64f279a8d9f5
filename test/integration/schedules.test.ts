/**
 * Recurring schedules live in the database, and exactly one chain of each exists however many processes start at once
 * (issue 13). On PostgreSQL several "processes" are several pools on the same database that all run their start-up
 * ensure* calls at the same moment; on SQLite (one process, one connection) the calls interleave at each await. Before
 * migration 027 each ensure* read "is a run queued?" and then inserted one, so every starting process planned its own
 * chain.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/deps.ts';
import { planNextMonitorScan } from '../../src/app/domains.ts';
import { ensureJobPurgeSchedule, JOB_PURGE_JOB } from '../../src/app/job-retention.ts';
import { ensureMonitorRepairSchedule, MONITOR_REPAIR_JOB } from '../../src/app/monitor-repair.ts';
import { ensurePhishingRetentionJob, PHISHING_RETENTION_JOB } from '../../src/app/phishing-retention.ts';
import { ensureStatsRefreshPlanned, STATS_REFRESH_JOB } from '../../src/app/statistics.ts';
import { ensureNudgeSchedule, TRAINING_NUDGES_JOB } from '../../src/app/training.ts';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { insertCompany } from '../../src/db/repositories/company.repository.ts';
import { SCAN_JOB } from '../../src/app/scans.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, freshDatabaseUrl } from '../support/dialects.ts';

const PROCESSES = 5;

describe.each(DIALECTS)('recurring schedules on %s', (dialect) => {
  let t: TestApp;
  let others: Db[] = [];
  let processes: AppDeps[] = [];

  beforeEach(async () => {
    const target = await freshDatabaseUrl(dialect);
    t = await createTestApp(dialect, {}, { database: target });
    // better-sqlite3 is synchronous: a second connection in the same thread would wait on the first one's lock forever.
    others = dialect === 'postgres' ? Array.from({ length: PROCESSES - 1 }, () => openDatabase(target)) : [];
    processes = dialect === 'postgres' ? [t.runtime.deps, ...others.map((o) => ({ ...t.runtime.deps, db: o.db }))] : Array.from({ length: PROCESSES }, () => t.runtime.deps);
  });
  afterEach(async () => {
    for (const o of others) await o.close();
    await t.close();
  });

  const queued = async (type: string): Promise<number> =>
    Number((await t.runtime.deps.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('type', '=', type).where('status', '=', 'queued').executeTakeFirstOrThrow()).n);

  const startAll = () =>
    Promise.all(processes.flatMap((deps) => [ensureNudgeSchedule(deps), ensurePhishingRetentionJob(deps), ensureStatsRefreshPlanned(deps), ensureJobPurgeSchedule(deps), ensureMonitorRepairSchedule(deps, 0)]));

  it(`${PROCESSES} processes starting at once plan one run of each schedule, and a restart adds none`, async () => {
    await startAll();
    for (const type of [TRAINING_NUDGES_JOB, PHISHING_RETENTION_JOB, STATS_REFRESH_JOB, JOB_PURGE_JOB, MONITOR_REPAIR_JOB]) expect(await queued(type), type).toBe(1);
    await startAll();
    for (const type of [TRAINING_NUDGES_JOB, PHISHING_RETENTION_JOB, STATS_REFRESH_JOB, JOB_PURGE_JOB, MONITOR_REPAIR_JOB]) expect(await queued(type), type).toBe(1);
  });

  it('the chains go on by themselves: after the runs, each schedule has exactly its next run waiting', async () => {
    await startAll();
    expect(await t.drainJobs()).toBeGreaterThanOrEqual(5);
    // Processes starting again while the next runs wait (a day away) do not add a second chain.
    await startAll();
    for (const type of [TRAINING_NUDGES_JOB, PHISHING_RETENTION_JOB, STATS_REFRESH_JOB, JOB_PURGE_JOB, MONITOR_REPAIR_JOB]) expect(await queued(type), type).toBe(1);
    const next = await t.runtime.deps.db.selectFrom('jobs').select(['type', 'run_at']).where('status', '=', 'queued').where('type', '=', JOB_PURGE_JOB).executeTakeFirstOrThrow();
    // About a day from now (the test clock follows the wall clock).
    expect(Math.round((new Date(next.run_at).getTime() - t.clock.now().getTime()) / 3_600_000)).toBe(24);
  });

  it('scans of one domain finishing at once plan one daily monitoring scan', async () => {
    const companyId = '00000000-0000-4000-8000-000000000001';
    const now = t.clock.now().toISOString();
    await insertCompany(t.runtime.deps.db, companyId, { name: 'Bakkerij Test', enterpriseNumber: null, naceCode: '10710', employees: 4, region: 'flanders', language: 'nl', website: true, webshop: false, emailProvider: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: false, itProvider: false }, now);
    const planned = await Promise.all(processes.map((deps) => planNextMonitorScan(deps, companyId, 'bakkerij.example')));
    expect(planned.filter((id) => id !== null)).toHaveLength(1);
    expect(await queued(SCAN_JOB)).toBe(1);
    const scans = await t.runtime.deps.db.selectFrom('scans').select('id').where('company_id', '=', companyId).where('status', '=', 'queued').execute();
    expect(scans.map((s) => s.id)).toEqual(planned.filter((id) => id !== null));
  });
});
