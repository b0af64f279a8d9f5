/**
 * The country-scale topology for end-to-end tests (issue 13, docs/operations.md "Many processes"): one fresh
 * PostgreSQL database, three web processes behind a round-robin proxy and two `schild worker` processes.
 *
 * - A runs in this test process (startServer), so tests that seed through server.runtime.deps keep working;
 * - B and C are `node bin/schild.mjs start` child processes, D and E are `schild worker` child processes;
 * - all share DATABASE_URL, SESSION_SECRET, BASE_URL (the proxy's address) and SMTP_URL, as in production.
 *
 * A test clock (TestClock) only moves the clock of this process; the other processes run on the system clock and
 * production code has no switch to change that. So when a clock is given, A also runs an in-process worker on that
 * clock: jobs due on the moved clock (a reminder 12 hours later) are only due for A's worker, which is what a test
 * that advances the clock waits for, and server.worker.kick() works as in single-process mode. Everything else
 * (pages on B and C, jobs due now) still runs across the processes.
 *
 * Two browser files stay single-process on purpose, as they do not call startE2eServer: phishing-landing and
 * phishing-journey check that a value typed on a simulated phishing page is in no file of the SQLite data folder and
 * in no log line of the one process (docs/phishing.md, "Nothing typed is kept") — a check of the embedded deployment's
 * own files and log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Clock } from '../../src/adapters/clock.ts';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/entrypoints/server.ts';
import { startRoundRobinProxy, type RoundRobinProxy } from './cluster-proxy.ts';
import { freshDatabaseUrl } from './dialects.ts';
import { freePort } from './postgres.ts';

const SCHILD = path.resolve(import.meta.dirname, '../../bin/schild.mjs');

export interface ClusterControl {
  proxy: RoundRobinProxy;
  databaseUrl: string;
  /** The child processes by name: B, C (web) and D, E (workers). */
  children: Map<string, ChildProcess>;
  /** The metrics ports of the two worker processes (Prometheus text at /metrics). */
  workerMetricsPorts: number[];
}

export type ClusterServer = RunningServer & { cluster: ClusterControl };

/** Whether the e2e harness runs the cluster topology (SCHILD_E2E_TOPOLOGY=cluster, `npm run test:e2e:cluster`). */
export function clusterTopologyWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SCHILD_E2E_TOPOLOGY === 'cluster';
}

async function waitUntil(what: string, child: ChildProcess, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startClusterServer(opts: { env?: Record<string, string>; clock?: Clock; workerPollMs?: number } = {}): Promise<ClusterServer> {
  const { url: databaseUrl } = await freshDatabaseUrl('postgres');
  const proxyPort = await freePort();
  const baseUrl = `http://127.0.0.1:${proxyPort}`;
  const shared = { NODE_ENV: 'test', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SESSION_SECRET: randomBytes(32).toString('base64url'), BASE_URL: baseUrl, ...opts.env };
  const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'schild-cluster-'));

  const children = new Map<string, ChildProcess>();
  const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours
  const spawnSchild = (name: string, command: 'start' | 'worker', env: Record<string, string>): ChildProcess => {
    const child = spawn(process.execPath, [SCHILD, command], { env: { ...parentEnv, ...shared, DATA_DIR: tmp(), LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    children.set(name, child);
    return child;
  };
  let a: RunningServer | undefined;
  const stopAll = async (): Promise<void> => {
    await Promise.all([...children.values()].map(stopChild));
    await a?.stop();
  };
  try {
    // All five start at once on the empty database, as after a deployment: each migrates first, and the migration
    // lock lets one of them apply the schema (test/integration/migrations-concurrent.test.ts).
    const webPorts = [await freePort(), await freePort()];
    const workerMetricsPorts = [await freePort(), await freePort()];
    const ready = [
      ...['B', 'C'].map((name, i) => {
        const child = spawnSchild(name, 'start', { PORT: String(webPorts[i]) });
        return waitUntil(`web process ${name}`, child, async () => (await fetch(`http://127.0.0.1:${webPorts[i]}/readyz`)).ok);
      }),
      ...['D', 'E'].map((name, i) => {
        const child = spawnSchild(name, 'worker', { METRICS_PORT: String(workerMetricsPorts[i]) });
        return waitUntil(`worker process ${name}`, child, async () => (await fetch(`http://127.0.0.1:${workerMetricsPorts[i]}/metrics`)).ok);
      }),
    ];
    const allReady = Promise.all(ready);
    allReady.catch(() => undefined); // awaited below; stopAll() ends the children if A fails to start first
    const config = loadConfig({ ...shared, PORT: '0', DATA_DIR: tmp(), LOG_LEVEL: 'silent', IN_PROCESS_WORKER: opts.clock ? '1' : '0' });
    a = await startServer({ config, workerPollMs: opts.workerPollMs ?? 200, ...(opts.clock ? { clock: opts.clock } : {}) });
    await allReady;
    const proxy = await startRoundRobinProxy(
      [
        { name: 'A', port: Number(new URL(a.url).port) },
        { name: 'B', port: webPorts[0]! },
        { name: 'C', port: webPorts[1]! },
      ],
      proxyPort,
    );
    a.runtime.deps.config.baseUrl = baseUrl;
    return {
      url: proxy.url,
      runtime: a.runtime,
      worker: a.worker,
      cluster: { proxy, databaseUrl, children, workerMetricsPorts },
      async stop() {
        await proxy.close();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
