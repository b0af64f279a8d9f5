/** Mail goes through the durable job queue to a real SMTP server on loopback; failed jobs retry with backoff. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimJob, enqueueJob, findJob } from '../../src/db/repositories/job.repository.ts';
import { laneCount, startWorker, LEASE_MS } from '../../src/workers/runner.ts';
import type { JobType } from '../../src/workers/job-types.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

describe.each(DIALECTS)('mail and jobs on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeEach(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, MAIL_FROM: 'Schild <no-reply@schild.test>' });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('delivers the verification mail over SMTP in the user language', async () => {
    const b = new Browser(t.app);
    await b.get('/de/signup');
    await b.post('/de/signup', { displayName: 'Anna', email: 'anna@example.be', password: 'ein-langes-passwort-42' });
    expect(await t.drainJobs()).toBe(1);
    const mail = await smtp.waitFor((m) => m.to.includes('anna@example.be'));
    expect(mail.from).toBe('no-reply@schild.test');
    expect(mail.text).toContain('Anna');
    expect(linkFrom(mail.text, '/verify-email')).toMatch(/^\/de\/verify-email\?token=/);
    const row = await t.runtime.deps.db.selectFrom('outbox').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('retries a failing job with backoff, then gives up', async () => {
    const deps = t.runtime.deps;
    let calls = 0;
    const flaky: JobType = {
      name: 'flaky',
      async perform() {
        calls++;
        throw new Error('remote down');
      },
    };
    const id = await enqueueJob(deps.db, { type: 'flaky', payload: {}, runAt: deps.clock.now(), maxAttempts: 3 }, deps.clock.now());
    const worker = startWorker(deps, { autoStart: false, pollMs: 3_600_000, types: new Map([['flaky', flaky]]) });
    await worker.drain();
    expect(calls).toBe(1);
    let job = await findJob(deps.db, id);
    expect(job?.status).toBe('queued');
    expect(job?.last_error).toBe('remote down');
    await worker.drain();
    expect(calls).toBe(1); // not due yet: backoff
    t.clock.advance(60_000);
    await worker.drain();
    t.clock.advance(120_000);
    await worker.drain();
    await worker.stop();
    expect(calls).toBe(3);
    job = await findJob(deps.db, id);
    expect(job?.status).toBe('failed');
  });

  it('runs again a job whose worker crashed mid-way (lease expired)', async () => {
    const deps = t.runtime.deps;
    const id = await enqueueJob(deps.db, { type: 'noop', payload: {}, runAt: deps.clock.now() }, deps.clock.now());
    const claimed = await claimJob(deps.db, deps.dialect, 'crashed-worker', deps.clock.now(), LEASE_MS);
    expect(claimed?.id).toBe(id);
    // The crashed worker never completes it; nobody else may take it until the lease runs out.
    expect(await claimJob(deps.db, deps.dialect, 'other', deps.clock.now(), LEASE_MS)).toBeUndefined();
    t.clock.advance(LEASE_MS + 1000);
    let ran = 0;
    const worker = startWorker(deps, { autoStart: false, pollMs: 3_600_000, types: new Map([['noop', { name: 'noop', perform: async () => void ran++ }]]) });
    await worker.drain();
    await worker.stop();
    expect(ran).toBe(1);
    expect((await findJob(deps.db, id))?.status).toBe('done');
  });

  it('two workers never take the same job', async () => {
    const deps = t.runtime.deps;
    for (let i = 0; i < 20; i++) await enqueueJob(deps.db, { type: 'count', payload: { i }, runAt: deps.clock.now() }, deps.clock.now());
    const seen: number[] = [];
    const type: JobType = { name: 'count', perform: async (_d, p) => void seen.push((p as { i: number }).i) };
    const a = startWorker(deps, { autoStart: false, pollMs: 3_600_000, types: new Map([['count', type]]) });
    const b = startWorker(deps, { autoStart: false, pollMs: 3_600_000, types: new Map([['count', type]]) });
    await Promise.all([a.drain(), b.drain()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(seen.sort((x, y) => x - y)).toEqual([...Array(20).keys()]);
  });

  // Issue 13: "600+ scans per minute per worker". A scan waits on the network most of its time, so one worker runs
  // several jobs at once (WORKER_CONCURRENCY); before 2026-12-07 it ran one job at a time, whatever the backlog.
  it('one worker runs up to its concurrency of jobs at once, never more, and never one job twice', async () => {
    const deps = t.runtime.deps;
    for (let i = 0; i < 12; i++) await enqueueJob(deps.db, { type: 'slow', payload: { i }, runAt: deps.clock.now() }, deps.clock.now());
    let now = 0;
    let most = 0;
    const seen: number[] = [];
    const type: JobType = {
      name: 'slow',
      perform: async (_d, p) => {
        now++;
        most = Math.max(most, now);
        await new Promise((r) => setTimeout(r, 40));
        seen.push((p as { i: number }).i);
        now--;
      },
    };
    const worker = startWorker(deps, { pollMs: 3_600_000, concurrency: 4, types: new Map([['slow', type]]) });
    expect(worker.lanes).toBe(4);
    const deadline = Date.now() + 10_000;
    while (seen.length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    expect(most).toBe(4);
    expect(seen.sort((x, y) => x - y)).toEqual([...Array(12).keys()]);
  });

  it('a worker on PostgreSQL runs at most half its pool of jobs at once (a job may need a second connection)', () => {
    expect(laneCount({ workerConcurrency: 8, database: { kind: 'postgres', url: 'postgres://x', max: 10 } })).toBe(5);
    expect(laneCount({ workerConcurrency: 8, database: { kind: 'postgres', url: 'postgres://x', max: 40 } })).toBe(8);
    expect(laneCount({ workerConcurrency: 8, database: { kind: 'postgres', url: 'postgres://x', max: 1 } })).toBe(1);
    expect(laneCount({ workerConcurrency: 3, database: { kind: 'sqlite', file: 'x' } })).toBe(3);
  });
});
