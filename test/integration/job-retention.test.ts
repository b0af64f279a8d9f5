/**
 * Finished jobs are purged after JOB_RETENTION_DAYS (docs/operations.md, "Job retention"): done and failed jobs older
 * than the retention go, in batches; waiting, running and recent jobs stay; the daily job plans its next run.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureJobPurgeSchedule, JOB_PURGE_JOB, purgeOldJobs, purgeQuickScanDrafts } from '../../src/app/job-retention.ts';
import { claimDraft, insertDraft } from '../../src/db/repositories/assessment.repository.ts';
import { enqueueJob } from '../../src/db/repositories/job.repository.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

const DAY = 24 * 3_600_000;

describe.each(DIALECTS)('job retention on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { JOB_RETENTION_DAYS: '14' });
  });
  afterEach(async () => {
    await t.close();
  });

  /** A job in the given state that finished (or was created) `daysAgo` days ago. */
  async function job(status: 'queued' | 'running' | 'done' | 'failed', daysAgo: number): Promise<number> {
    const at = new Date(t.clock.now().getTime() - daysAgo * DAY);
    const id = await enqueueJob(t.runtime.deps.db, { type: 'retention-test', payload: { status, daysAgo }, runAt: at }, at);
    const finished = status === 'done' || status === 'failed';
    await t.runtime.deps.db
      .updateTable('jobs')
      .set({ status, finished_at: finished ? at.toISOString() : null, locked_at: status === 'running' ? at.toISOString() : null, locked_by: status === 'running' ? 'w' : null })
      .where('id', '=', id)
      .execute();
    return id;
  }
  const remaining = async () => (await t.runtime.deps.db.selectFrom('jobs').select('id').where('type', '=', 'retention-test').orderBy('id').execute()).map((r) => Number(r.id));

  it('deletes done and failed jobs past the retention, batch by batch, and keeps everything else', async () => {
    const old = [await job('done', 15), await job('done', 20), await job('failed', 30), await job('done', 400), await job('failed', 15)];
    const keep = [await job('done', 13), await job('failed', 1), await job('queued', 30), await job('running', 30)];
    // A batch of 2 makes the purge loop three times (2 + 2 + 1).
    expect(await purgeOldJobs(t.runtime.deps, 2)).toBe(old.length);
    expect(await remaining()).toEqual(keep.sort((a, b) => a - b));
    expect(await purgeOldJobs(t.runtime.deps, 2)).toBe(0);
  });

  it('follows JOB_RETENTION_DAYS', async () => {
    const deps = { ...t.runtime.deps, config: { ...t.runtime.deps.config, jobRetentionDays: 30 } };
    const kept = await job('done', 20);
    await job('done', 31);
    expect(await purgeOldJobs(deps)).toBe(1);
    expect(await remaining()).toEqual([kept]);
  });

  it('runs as a daily job that plans its next run', async () => {
    await job('done', 15);
    await ensureJobPurgeSchedule(t.runtime.deps);
    expect(await t.drainJobs()).toBe(1);
    expect(await remaining()).toEqual([]);
    const next = await t.runtime.deps.db.selectFrom('jobs').select(['run_at', 'status']).where('type', '=', JOB_PURGE_JOB).where('status', '=', 'queued').execute();
    expect(next).toHaveLength(1);
    expect(Math.round((new Date(next[0]!.run_at).getTime() - t.clock.now().getTime()) / 3_600_000)).toBe(24);
  });

  // docs/privacy.md: a saved quick scan is kept 7 days (GDPR Art. 5(1)(e), storage limitation). Expired drafts were
  // ignored but never deleted until 2026-12-06.
  it('deletes quick-scan drafts once their 7 days are over, claimed or not, in the daily run', async () => {
    const db = t.runtime.deps.db;
    const draft = async (hash: string, createdDaysAgo: number, claimed: boolean) => {
      const created = new Date(t.clock.now().getTime() - createdDaysAgo * DAY);
      await insertDraft(db, { tokenHash: hash, profile: '{}', answers: '{}', lang: 'nl', now: created.toISOString(), expiresAt: new Date(created.getTime() + 7 * DAY).toISOString() });
      if (claimed) await claimDraft(db, hash, created.toISOString());
    };
    await draft('old-open', 8, false);
    await draft('old-claimed', 30, true);
    await draft('old-open-2', 7.01, false);
    await draft('fresh-open', 1, false);
    await draft('fresh-claimed', 2, true);
    const hashes = async () => (await db.selectFrom('quick_scan_drafts').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash);
    expect(await purgeQuickScanDrafts(t.runtime.deps, 2)).toBe(3);
    expect(await hashes()).toEqual(['fresh-claimed', 'fresh-open']);
    t.clock.advance(6 * DAY + 60_000);
    await ensureJobPurgeSchedule(t.runtime.deps);
    await t.drainJobs();
    expect(await hashes()).toEqual([]);
  });
});
