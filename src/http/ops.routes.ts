import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { AppDeps } from '../app/deps.ts';
import { ping } from '../db/connection.ts';
import { createJobMetrics, registerTransactionMetrics, registerWorkMetrics, type JobMetrics } from '../workers/metrics.ts';
import { OPS, PUBLIC } from './access.ts';

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  /** Given to the worker of this process (embedded mode) so its jobs are counted here. */
  jobs: JobMetrics;
}

export function createMetrics(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const httpDuration = new client.Histogram({
    name: 'schild_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  registerTransactionMetrics(registry);
  registerWorkMetrics(registry);
  return { registry, httpDuration, jobs: createJobMetrics(registry) };
}

/** Liveness, readiness and Prometheus metrics (the last behind METRICS_TOKEN, or on METRICS_PORT only). */
export function opsRoutes(deps: AppDeps, metrics: Metrics) {
  return async function (app: FastifyInstance): Promise<void> {
    app.get('/healthz', { config: { access: PUBLIC } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { config: { access: PUBLIC } }, async (_request, reply) => {
      const ok = await ping(deps.db);
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unreachable' });
    });
    app.get('/metrics', { config: { access: OPS } }, async (_request, reply) =>
      reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  };
}
