/**
 * Prometheus metrics of background work (issue 13: "Prometheus metrics for requests, jobs, scans, mail and
 * campaigns"; docs/observability.md) and the alert rules that use them: every metric an alert or the example
 * dashboard names must exist, or the alert could never fire.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../src/db/repositories/job.repository.ts';
import { createMetrics } from '../../src/http/ops.routes.ts';
import type { JobType } from '../../src/workers/job-types.ts';
import { registerQueueGauges } from '../../src/workers/metrics.ts';
import { startWorker } from '../../src/workers/runner.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each(DIALECTS)('job metrics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts each job by type and outcome, its duration and wait, and reads the shared queue on scrape', async () => {
    const deps = t.runtime.deps;
    const metrics = createMetrics();
    registerQueueGauges(metrics.registry, deps);
    const types = new Map<string, JobType>([
      ['ok-job', { name: 'ok-job', perform: async () => {} }],
      ['bad-job', { name: 'bad-job', perform: async () => { throw new Error('broken'); } }],
    ]);
    const now = deps.clock.now();
    for (let i = 0; i < 3; i++) await enqueueJob(deps.db, { type: 'ok-job', payload: {}, runAt: new Date(now.getTime() - 30_000) }, now);
    await enqueueJob(deps.db, { type: 'bad-job', payload: {}, runAt: now, maxAttempts: 2 }, now);
    await enqueueJob(deps.db, { type: 'ok-job', payload: {}, runAt: new Date(now.getTime() + 3_600_000) }, now);

    let text = await metrics.registry.metrics();
    expect(sample(text, 'schild_jobs_queued{type="ok-job"}')).toBe(4);
    expect(sample(text, 'schild_jobs_due{type="ok-job"}')).toBe(3);
    expect(sample(text, 'schild_jobs_due{type="bad-job"}')).toBe(1);

    const worker = startWorker(deps, { autoStart: false, types, metrics: metrics.jobs });
    await worker.drain();
    t.clock.advance(10 * 60_000); // past the retry back-off
    await worker.drain();
    await worker.stop();

    text = await metrics.registry.metrics();
    expect(sample(text, 'schild_jobs_total{type="ok-job",outcome="done"}')).toBe(3);
    expect(sample(text, 'schild_jobs_total{type="bad-job",outcome="retry"}')).toBe(1);
    expect(sample(text, 'schild_jobs_total{type="bad-job",outcome="failed"}')).toBe(1);
    expect(sample(text, 'schild_job_duration_seconds_count{type="ok-job"}')).toBe(3);
    // They waited 30 s past due (test clock): all three fall above the 10 s bucket.
    expect(sample(text, 'schild_job_start_delay_seconds_bucket{le="10",type="ok-job"}')).toBe(0);
    expect(sample(text, 'schild_job_start_delay_seconds_bucket{le="60",type="ok-job"}')).toBe(3);
    expect(sample(text, 'schild_jobs_queued{type="ok-job"}')).toBe(1);
    expect(sample(text, 'schild_jobs_due{type="ok-job"}')).toBe(0);
    expect(text).not.toContain('schild_jobs_queued{type="bad-job"}');
    expect(sample(text, 'schild_jobs_queue_capped')).toBe(0);
  });

  // Every process reads the queue at every scrape: at a million waiting jobs a full count each time was the cost.
  // The count stops at a limit (QUEUE_COUNT_LIMIT, here 5), due jobs first, and says when it stopped there.
  it('counts the waiting jobs only up to a limit, the due ones first, and says when it stopped there', async () => {
    const deps = t.runtime.deps;
    const now = deps.clock.now();
    await deps.db.deleteFrom('jobs').where('status', '=', 'queued').execute();
    const metrics = createMetrics();
    registerQueueGauges(metrics.registry, deps, { countLimit: 5 });
    for (let i = 0; i < 3; i++) await enqueueJob(deps.db, { type: 'cap-due', payload: {}, runAt: new Date(now.getTime() - 1000 * (i + 1)) }, now);
    for (let i = 0; i < 4; i++) await enqueueJob(deps.db, { type: 'cap-later', payload: {}, runAt: new Date(now.getTime() + 3_600_000 * (i + 1)) }, now);
    let text = await metrics.registry.metrics();
    expect(sample(text, 'schild_jobs_due{type="cap-due"}')).toBe(3);
    expect(sample(text, 'schild_jobs_queued{type="cap-due"}')).toBe(3);
    expect(sample(text, 'schild_jobs_queued{type="cap-later"}')).toBe(2); // at least 2: the count stopped at 5
    expect(sample(text, 'schild_jobs_queue_capped')).toBe(1);
    await deps.db.deleteFrom('jobs').where('type', '=', 'cap-later').execute();
    text = await metrics.registry.metrics();
    expect(sample(text, 'schild_jobs_queued{type="cap-due"}')).toBe(3);
    expect(sample(text, 'schild_jobs_queue_capped')).toBe(0);
    await deps.db.deleteFrom('jobs').where('type', '=', 'cap-due').execute();
  });
});

describe('alert rules and dashboard in docs/observability', () => {
  it('name only metrics that Schild exports', async () => {
    const metrics = createMetrics();
    const fakeDeps = { db: undefined as never, clock: { now: () => new Date() }, log: { warn: () => {} } as never };
    registerQueueGauges(metrics.registry, fakeDeps);
    const exported = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
    const dir = path.resolve(import.meta.dirname, '../../docs/observability');
    // What scans, mail and campaigns achieved (src/app/work-counts.ts) is watched too, not only exported.
    const work = ['schild_scans_total', 'schild_mail_total', 'schild_phishing_messages_total'];
    for (const [file, mustName] of [['alerts.yml', work], ['dashboard.json', [...work, 'schild_jobs_queue_capped']]] as const) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const named = new Set([...text.matchAll(/\b(schild_[a-z_]+?|process_[a-z_]+?|nodejs_[a-z_]+?)(?:_bucket|_count|_sum)?\b/g)].map((m) => m[1]!));
      expect(named.size, file).toBeGreaterThan(3);
      for (const name of named) expect(exported.has(name) || exported.has(name.replace(/_(bucket|count|sum)$/, '')), `${file} names ${name}`).toBe(true);
      for (const name of mustName) expect(named.has(name), `${file} names ${name}`).toBe(true);
    }
    expect(() => JSON.parse(readFileSync(path.join(dir, 'dashboard.json'), 'utf8'))).not.toThrow();
  });
});
