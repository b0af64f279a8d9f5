/**
 * The worker loop: claim a due job, perform it, record the outcome. Runs inside the web process in embedded
 * mode, or as any number of `schild worker` processes against PostgreSQL (see docs/decisions/0002-job-queue.md).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppDeps } from '../app/deps.ts';
import { claimJob, completeJob, failJob, renewJobLease } from '../db/repositories/job.repository.ts';
import { backoffMs, type JobType } from './job-types.ts';
import { JOB_TYPES } from './registry.ts';
import type { JobMetrics } from './metrics.ts';

export interface Worker {
  id: string;
  kick(): void;
  stop(): Promise<void>;
  /** Runs due jobs one at a time until none is left; for tests and the CLI. */
  drain(): Promise<number>;
  /** How many jobs the loop runs at once. */
  lanes: number;
}

/** The default lease (JOB_LEASE_SECONDS=300); the worker uses the configured one. */
export const LEASE_MS = 5 * 60_000;

/**
 * How many jobs the worker loop runs at once: WORKER_CONCURRENCY, and on PostgreSQL at most half the pool, so that a
 * job that holds a transaction while it reads outside it still finds a free connection (every lane holding one
 * connection and waiting for a second would wait forever). SQLite has one connection, shared in turn.
 */
export function laneCount(config: Pick<AppDeps['config'], 'workerConcurrency' | 'database'>): number {
  const wanted = config.workerConcurrency ?? 1;
  return config.database.kind === 'postgres' ? Math.max(1, Math.min(wanted, Math.floor((config.database.max ?? 10) / 2))) : wanted;
}

export function startWorker(
  deps: AppDeps,
  opts: { pollMs?: number; types?: ReadonlyMap<string, JobType>; autoStart?: boolean; metrics?: JobMetrics; concurrency?: number } = {},
): Worker {
  const id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const types = opts.types ?? JOB_TYPES;
  const pollMs = opts.pollMs ?? 1000;
  // Scans and mail wait on the network most of the time: several lanes each claim and run jobs one after another.
  const lanes = opts.concurrency ?? (deps.config.database ? laneCount(deps.config) : 1);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let timerDue = Infinity;
  /** The lanes claiming and running jobs right now; each ends when it finds nothing due. */
  const running = new Set<Promise<void>>();
  let again = false;

  /** Claims and runs one due job; false when none is due. `inLane`: called by the loop's lanes, not by `drain()`. */
  async function runOne(inLane = false): Promise<boolean> {
    const job = await claimJob(deps.db, deps.dialect, id, deps.clock.now(), deps.config.jobLeaseMs);
    if (!job) return false;
    // There was work: one more lane tries to claim (tick starts lanes one at a time, so an empty queue costs one claim).
    if (inLane && running.size < lanes) schedule(0);
    const type = types.get(job.type);
    // Wall-clock time for durations (the deps clock may be a test clock standing still).
    const started = performance.now();
    const waited = (deps.clock.now().getTime() - new Date(job.runAt).getTime()) / 1000;
    try {
      if (!type) throw new Error(`Unknown job type ${job.type}`);
      await type.perform(deps, job.payload, {
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        renew: () => renewJobLease(deps.db, job.id, id, deps.clock.now()),
      });
      await completeJob(deps.db, job.id, id, deps.clock.now());
      opts.metrics?.observe(job.type, 'done', (performance.now() - started) / 1000, waited);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const retryAt = job.attempts < job.maxAttempts && type ? new Date(deps.clock.now().getTime() + backoffMs(job.attempts)) : null;
      deps.log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, err: message, retry: retryAt !== null }, 'job failed');
      await failJob(deps.db, job.id, id, message, retryAt, deps.clock.now());
      opts.metrics?.observe(job.type, retryAt ? 'retry' : 'failed', (performance.now() - started) / 1000, waited);
    }
    return true;
  }

  async function drain(inLane = false): Promise<number> {
    let n = 0;
    while (!stopped && (await runOne(inLane))) n++;
    return n;
  }

  /** Runs `tick` after `delay`, unless it is already due sooner (a poll never pushes back a wake-up). */
  function schedule(delay: number) {
    if (stopped) return;
    const due = Date.now() + delay;
    if (timer && timerDue <= due) return;
    clearTimeout(timer);
    timerDue = due;
    timer = setTimeout(() => {
      timer = undefined;
      timerDue = Infinity;
      tick();
    }, delay);
    timer.unref?.();
  }

  /**
   * Starts one more lane if one is free; a lane that claims a job asks for the next (runOne), so lanes ramp up as long
   * as there is work and an empty queue costs one claim per wake-up. A lane that finds nothing due ends; the next
   * wake-up (a kick, or the poll) starts one again even while other lanes are still busy with long jobs, so jobs that
   * become due one by one still run side by side (until 2026-12-07 the lanes were restarted only once every one of
   * them had ended).
   */
  function tick() {
    if (stopped) return;
    if (running.size >= lanes) {
      again = true;
      return;
    }
    const lane: Promise<void> = drain(true)
      .then(() => undefined)
      .catch((err: unknown) => deps.log.error({ err }, 'worker loop error'))
      .finally(() => {
        running.delete(lane);
        if (again) {
          again = false;
          schedule(0);
        } else schedule(pollMs);
      });
    running.add(lane);
  }

  if (opts.autoStart !== false) schedule(0);
  return {
    id,
    kick: () => schedule(0),
    drain: () => drain(),
    lanes,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.all([...running]);
    },
  };
}
