/**
 * Prometheus metrics of the background work (issue 13: "metrics for requests, jobs, scans, mail and campaigns").
 * Scans, mail and campaigns are jobs (types 'scan', 'send-email', 'phishing_campaign', …), so one family per question
 * answers them all by the `type` label: how many ran and how they ended, how long they took, how long they waited
 * after they were due, and how many are waiting now. The queue gauge is read from the database on each scrape, so
 * every process reports the same shared queue (docs/observability.md).
 */
import client from 'prom-client';
import type { AppDeps } from '../app/deps.ts';
import { QUEUE_COUNT_LIMIT, queueDepth } from '../db/repositories/job.repository.ts';
import { transactionRollbacks } from '../db/transaction.ts';
import { MAIL_OUTCOMES, PHISHING_OUTCOMES, workCounts, type Tally } from '../app/work-counts.ts';

export type JobOutcome = 'done' | 'retry' | 'failed';

export interface JobMetrics {
  observe(type: string, outcome: JobOutcome, seconds: number, waitedSeconds: number): void;
}

export function createJobMetrics(registry: client.Registry): JobMetrics {
  const total = new client.Counter({
    name: 'schild_jobs_total',
    help: 'Background jobs run by this process, by type and outcome (done, retry = failed and will be tried again, failed = gave up)',
    labelNames: ['type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'schild_job_duration_seconds',
    help: 'Time a background job took, by type',
    labelNames: ['type'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const waited = new client.Histogram({
    name: 'schild_job_start_delay_seconds',
    help: 'Time from when a job was due until a worker started it, by type',
    labelNames: ['type'] as const,
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [registry],
  });
  return {
    observe(type, outcome, seconds, waitedSeconds) {
      total.inc({ type, outcome });
      duration.observe({ type }, seconds);
      waited.observe({ type }, Math.max(0, waitedSeconds));
    },
  };
}

/**
 * Jobs waiting in the shared queue, per type: `queued` (all) and `due` (should already be running), counted up to
 * `countLimit` waiting jobs a scrape (QUEUE_COUNT_LIMIT; queueDepth). `schild_jobs_queue_capped` is 1 when the count
 * stopped there: the two gauges are then lower bounds.
 */
export function registerQueueGauges(registry: client.Registry, deps: Pick<AppDeps, 'db' | 'clock' | 'log'>, opts: { countLimit?: number } = {}): void {
  const limit = opts.countLimit ?? QUEUE_COUNT_LIMIT;
  let last: ReturnType<typeof queueDepth> | undefined;
  // The gauges are collected side by side in one scrape and share the one query in flight.
  const read = () =>
    (last ??= queueDepth(deps.db, deps.clock.now(), limit).finally(() => {
      last = undefined;
    }));
  for (const [name, field, help] of [
    ['schild_jobs_queued', 'queued', `Background jobs waiting in the queue (all processes share it), by type; at most ${limit} in all are counted (see schild_jobs_queue_capped)`],
    ['schild_jobs_due', 'due', 'Background jobs already due and not yet started, by type: a growing number means too few workers'],
  ] as const) {
    new client.Gauge({
      name,
      help,
      labelNames: ['type'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          for (const row of (await read()).types) this.set({ type: row.type }, row[field]);
        } catch (err) {
          deps.log.warn({ err }, 'queue depth not readable for metrics');
        }
      },
    });
  }
  new client.Gauge({
    name: 'schild_jobs_queue_capped',
    help: `1 when the scrape stopped counting at ${limit} waiting jobs: schild_jobs_queued and schild_jobs_due are then lower bounds`,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        this.set((await read()).capped ? 1 : 0);
      } catch {
        // Logged by the gauges above.
      }
    },
  });
}

/**
 * Transactions PostgreSQL rolled back for a deadlock or a serialization failure (src/db/transaction.ts), counted by
 * this process: `retried` counts each run again by transact() (one transaction can count up to 2), `gave_up` the
 * transactions still rolled back at the last attempt (the request got a 503, the job is retried by the queue). Read
 * from transact()'s counts on each scrape.
 */
export function registerTransactionMetrics(registry: client.Registry): void {
  new client.Counter({
    name: 'schild_db_transaction_rollbacks_total',
    help: 'Rollbacks PostgreSQL made for a deadlock or serialization failure: retried = runs again of a transaction, gave_up = transactions whose last attempt was rolled back too',
    labelNames: ['outcome'] as const,
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'retried' }, transactionRollbacks.retried);
      this.inc({ outcome: 'gave_up' }, transactionRollbacks.gaveUp);
    },
  });
}

/**
 * What scans, mail and phishing campaigns achieved, counted by this process where the work ran (src/app/work-counts.ts):
 * a job counted `done` may be a scan that failed or a mail whose delivery is unknown. Read on each scrape. Every
 * outcome is exported from the start (at 0), so a ratio or an increase() has a series to work on before the first one.
 */
export function registerWorkMetrics(registry: client.Registry): void {
  const families = [
    {
      name: 'schild_scans_total',
      help: 'Domain scans finished by this process, by outcome (done = result stored, failed = marked failed) and grade letter (A, B, C, D, F; none for a failed scan)',
      labelNames: ['outcome', 'grade'],
      tally: workCounts.scans,
      // done has a grade; its series appear with the first scan of each grade.
      initial: [{ outcome: 'failed', grade: 'none' }],
    },
    {
      name: 'schild_mail_total',
      help: 'E-mails handled by this process, by outcome as the outbox records it: sent, logged (no SMTP_URL), unknown (not known whether the server took it; not resent), retry (refused or unreachable: tried again), failed (refused at the last attempt)',
      labelNames: ['outcome'],
      tally: workCounts.mail,
      initial: MAIL_OUTCOMES.map((outcome) => ({ outcome })),
    },
    {
      name: 'schild_phishing_messages_total',
      help: 'Simulated phishing mails of campaigns handled by this process, by outcome: sent, failed (refused for good or no address), retry (refused for now: sent later), unknown (a run died while sending it: settled as sent, not resent)',
      labelNames: ['outcome'],
      tally: workCounts.phishing,
      initial: PHISHING_OUTCOMES.map((outcome) => ({ outcome })),
    },
  ] as const;
  for (const f of families) {
    new client.Counter({
      name: f.name,
      help: f.help,
      labelNames: f.labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const labels of f.initial) this.inc(labels as Record<string, string>, 0);
        for (const { labels, n } of (f.tally as Tally<Record<string, string>>).entries()) this.inc(labels, n);
      },
    });
  }
}
