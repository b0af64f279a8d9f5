/** `schild start`: web server, plus the in-process worker in embedded mode. */
import Fastify, { type FastifyReply } from 'fastify';
import { buildApp } from '../http/app.ts';
import { createMetrics } from '../http/ops.routes.ts';
import { startWorker, type Worker } from '../workers/runner.ts';
import { ensureNudgeSchedule } from '../app/training.ts';
import { ensureRecurringJobs } from '../app/recurring-jobs.ts';
import { bootstrap, type Runtime } from './bootstrap.ts';
import type { Config } from '../config.ts';
import type { Logger } from 'pino';
import type { Clock } from '../adapters/clock.ts';
import { PUBLIC } from '../http/access.ts';
import { ensureStatsRefreshPlanned } from '../app/statistics.ts';
import { registerQueueGauges } from '../workers/metrics.ts';
import type client from 'prom-client';

/** Metrics on their own port (not exposed with the site), for `schild start` and `schild worker`. */
export async function serveMetrics(registry: client.Registry, port: number, host: string): Promise<{ close(): Promise<void> }> {
  const server = Fastify({ logger: false });
  server.get('/metrics', { config: { access: PUBLIC } }, async (_r: unknown, reply: FastifyReply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));
  await server.listen({ port, host });
  return { close: () => server.close() };
}

export interface RunningServer {
  url: string;
  runtime: Runtime;
  worker: Worker | undefined;
  stop(): Promise<void>;
}

export async function startServer(opts: { config?: Config; log?: Logger; workerPollMs?: number; clock?: Clock } = {}): Promise<RunningServer> {
  const runtime = await bootstrap(opts);
  const { deps } = runtime;
  const metrics = createMetrics();
  registerQueueGauges(metrics.registry, deps);
  const app = await buildApp(deps, { nace: runtime.content.nace, assessment: runtime.content.assessment, incidents: runtime.content.incidents, scanMessages: runtime.content.scanMessages, metrics });
  let worker: Worker | undefined;
  await ensureRecurringJobs(deps);
  if (deps.config.inProcessWorker) {
    await ensureNudgeSchedule(deps);
    worker = startWorker(deps, { pollMs: opts.workerPollMs ?? 1000, metrics: metrics.jobs });
    runtime.setKick(() => worker?.kick());
    await ensureStatsRefreshPlanned(deps);
  }
  const address = await app.listen({ port: deps.config.port, host: deps.config.host });
  const metricsServer = deps.config.metricsPort !== undefined ? await serveMetrics(metrics.registry, deps.config.metricsPort, deps.config.host) : undefined;
  deps.log.info({ url: deps.config.baseUrl, listening: address, database: deps.dialect, worker: Boolean(worker) }, 'Schild is running');
  return {
    url: address,
    runtime,
    worker,
    async stop() {
      await app.close();
      await metricsServer?.close();
      await worker?.stop();
      await runtime.close();
    },
  };
}
