/**
 * PostgreSQL: workers wake on NOTIFY instead of waiting for their next poll (issue 13: "wake workers with
 * LISTEN/NOTIFY instead of polling"). The worker here polls once an hour, so only the wake-up can run the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForJobs, type JobListener } from '../../src/db/job-listener.ts';
import { enqueueJob } from '../../src/db/repositories/job.repository.ts';
import { startWorker, type Worker } from '../../src/workers/runner.ts';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('job wake-up on PostgreSQL', () => {
  let t: TestApp;
  let worker: Worker;
  let listener: JobListener;
  const ran: string[] = [];
  beforeAll(async () => {
    t = await createTestApp('postgres');
    const types = new Map([['wake-test', { name: 'wake-test', perform: async (_d: unknown, payload: unknown) => void ran.push((payload as { n: string }).n) }]]);
    worker = startWorker(t.runtime.deps, { pollMs: 3_600_000, types });
    const url = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    listener = listenForJobs(url, () => worker.kick(), t.runtime.deps.log);
    await listener.ready;
  });
  afterAll(async () => {
    await listener?.close();
    await worker?.stop();
    await t?.close();
  });

  it('a job enqueued by another connection runs at once after its NOTIFY, each job once', async () => {
    const deps = t.runtime.deps;
    for (const n of ['a', 'b', 'c']) {
      const now = deps.clock.now();
      await enqueueJob(deps.db, { type: 'wake-test', payload: { n }, runAt: now }, now);
      // What app code does after committing: on PostgreSQL deps.kickWorker sends the NOTIFY.
      deps.kickWorker();
      await expect.poll(() => ran.includes(n), { timeout: 10_000 }).toBe(true);
    }
    expect(ran).toEqual(['a', 'b', 'c']);
    const jobs = await deps.db.selectFrom('jobs').select(['status']).where('type', '=', 'wake-test').execute();
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);
  });

  it('without a NOTIFY the hourly poll would leave the job waiting (the wake-up is what ran it)', async () => {
    const deps = t.runtime.deps;
    const now = deps.clock.now();
    await enqueueJob(deps.db, { type: 'wake-test', payload: { n: 'quiet' }, runAt: now }, now);
    await new Promise((r) => setTimeout(r, 1500));
    expect(ran).not.toContain('quiet');
    deps.kickWorker();
    await expect.poll(() => ran.includes('quiet'), { timeout: 10_000 }).toBe(true);
  });
});
