/** `schild worker`: a process that only runs background jobs. */
import { startWorker } from '../workers/runner.ts';
import { bootstrap } from './bootstrap.ts';
import { ensureNudgeSchedule } from '../app/training.ts';
import { ensureRecurringJobs } from '../app/recurring-jobs.ts';
import { ensureStatsRefreshPlanned } from '../app/statistics.ts';
import client from 'prom-client';
import { createJobMetrics, registerQueueGauges, registerTransactionMetrics, registerWorkMetrics } from '../workers/metrics.ts';
import { serveMetrics } from './server.ts';
import { listenForJobs } from '../db/job-listener.ts';

export async function runWorkerProcess(): Promise<void> {
  const runtime = await bootstrap();
  await ensureNudgeSchedule(runtime.deps);
  await ensureRecurringJobs(runtime.deps);
  // A worker has no web server: with METRICS_PORT its job metrics and Node's own are served there.
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const metrics = createJobMetrics(registry);
  registerQueueGauges(registry, runtime.deps);
  registerTransactionMetrics(registry);
  registerWorkMetrics(registry);
  const metricsServer = runtime.deps.config.metricsPort !== undefined ? await serveMetrics(registry, runtime.deps.config.metricsPort, runtime.deps.config.host) : undefined;
  // On PostgreSQL a NOTIFY wakes the worker as soon as a job is enqueued; polling only catches jobs due later.
  const config = runtime.deps.config.database;
  const worker = startWorker(runtime.deps, { pollMs: config.kind === 'postgres' ? 5000 : 1000, metrics });
  const listener = config.kind === 'postgres' ? listenForJobs(config.url, () => worker.kick(), runtime.deps.log) : undefined;
  runtime.deps.log.info({ worker: worker.id, lanes: worker.lanes, database: runtime.deps.dialect }, 'worker started');
  // The periodic statistics refresh: planned once, however many workers start (docs/statistics.md).
  await ensureStatsRefreshPlanned(runtime.deps);
  const shutdown = async () => {
    await listener?.close();
    await worker.stop();
    await metricsServer?.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
