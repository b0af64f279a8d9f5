/**
 * The soak: one `schild start` (SQLite, throw-away DATA_DIR, 127.0.0.1 only) under a fixed request rate over a mix
 * of the main pages and API for a bounded time, with the server's RSS and heap sampled every few seconds. Used by
 * `npm run bench:soak` (bench/soak/run.ts) and, short and slow, by test/integration/soak.test.ts.
 *
 * Any non-2xx/3xx answer, connection error or timeout is counted as an error. Memory comes from the server's own
 * Prometheus endpoint on METRICS_PORT (process_resident_memory_bytes, nodejs_heap_size_used_bytes).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { logIn, startNodeFlags } from '../http/harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOST = '127.0.0.1';
const execFileP = promisify(execFile);

// autocannon ships no TypeScript types; this is the part of its API used here.
interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}
interface AutocannonRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonInstance extends Promise<AutocannonResult> {
  stop(): void;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; overallRate?: number; requests: AutocannonRequest[]; timeout?: number }) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface MemorySample {
  /** Seconds since the soak phase started. */
  t: number;
  rssMb: number;
  heapMb: number;
}
export interface Slice {
  /** Seconds since the soak phase started, at the slice's end. */
  t: number;
  requests: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
export interface SoakResult {
  rate: number;
  maxRate: number | undefined;
  slices: Slice[];
  memory: MemorySample[];
  errors: number;
  requests: number;
  mix: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A running `schild start` with a demo company and a signed-in session of its owner. */
export interface SoakServer {
  base: string;
  metrics: string;
  cookie: string;
  companyId: string | undefined;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startSoakServer(): Promise<SoakServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schild-soak-'));
  const [port, metricsPort] = [await freePort(), await freePort()];
  const { BASE_URL: _vite, ...parent } = process.env; // vitest sets BASE_URL for Vite; not ours
  const env = { ...parent, NODE_ENV: 'production', HOST, PORT: String(port), METRICS_PORT: String(metricsPort), DATA_DIR: dataDir, LOG_LEVEL: 'warn', BASE_URL: `http://${HOST}:${port}` };
  const { stdout } = await execFileP(process.execPath, ['bin/schild.mjs', 'demo'], { cwd: ROOT, env, timeout: 120_000 });
  const email = /owner:\s+(\S+@\S+)/.exec(stdout)?.[1];
  const password = /password for both:\s+(\S+)/.exec(stdout)?.[1];
  if (!email || !password) throw new Error(`could not read the demo owner from \`schild demo\`:\n${stdout}`);
  const child = spawn(process.execPath, [...startNodeFlags(), 'bin/schild.mjs', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://${HOST}:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await new Promise((r) => child.once('exit', r));
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error('schild start exited before it was healthy');
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('schild start did not become healthy in 120 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    const { csrf, session } = await logIn(base, email, password);
    const cookie = `schild_csrf=${csrf}; schild_session=${session}`;
    const home = await fetch(`${base}/en/account`, { headers: { cookie } });
    const companyId = /\/en\/companies\/([0-9a-f-]{36})/.exec(await home.text())?.[1];
    return { base, metrics: `http://${HOST}:${metricsPort}/metrics`, cookie, companyId, child, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const QUICK_SCAN_PROFILE = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: true, itProvider: false };

/** The request mix: public pages, signed-in pages of the demo owner, the quick-scan and articles API. */
export function requestMix(s: SoakServer): AutocannonRequest[] {
  const signed = { cookie: s.cookie };
  const mix: AutocannonRequest[] = [
    { path: '/en/' },
    { path: '/nl/scan' },
    { path: '/fr/articles' },
    { path: '/en/account', headers: signed },
    { method: 'POST', path: '/api/v1/quick-scan', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ lang: 'nl', profile: QUICK_SCAN_PROFILE, answers: {} }) },
    { path: '/api/v1/articles?lang=de' },
  ];
  if (s.companyId) mix.push({ path: `/en/companies/${s.companyId}`, headers: signed });
  return mix;
}

/** Checks every request of the mix answers 2xx once, so a wrong path fails at once and not as soak errors. */
export async function checkMix(s: SoakServer, mix: AutocannonRequest[]): Promise<void> {
  for (const r of mix) {
    const res = await fetch(`${s.base}${r.path}`, { method: r.method ?? 'GET', headers: r.headers, body: r.body, redirect: 'manual' });
    if (res.status >= 400) throw new Error(`${r.method ?? 'GET'} ${r.path} answered ${res.status}`);
    await res.arrayBuffer();
  }
}

export async function sampleMemory(s: SoakServer): Promise<{ rssMb: number; heapMb: number }> {
  const text = await (await fetch(s.metrics)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: value('process_resident_memory_bytes') / 2 ** 20, heapMb: value('nodejs_heap_size_used_bytes') / 2 ** 20 };
}

const errorsOf = (r: AutocannonResult) => r.errors + r.timeouts + r['1xx'] + r['4xx'] + r['5xx'];

/** The highest rate the mix sustains (mean requests/s at 10 connections over `seconds`). */
export async function maxThroughput(s: SoakServer, mix: AutocannonRequest[], seconds: number): Promise<number> {
  const r = await autocannon({ url: s.base, connections: 10, duration: seconds, requests: mix, timeout: 10 });
  if (errorsOf(r) > 0) throw new Error(`errors while measuring the maximum: ${errorsOf(r)}`);
  return r.requests.average;
}

/**
 * Runs the mix at `rate` requests/s for `seconds`, in slices of `sliceSeconds` (latency percentiles per slice) and
 * with a memory sample every `sampleSeconds`.
 */
export async function soak(s: SoakServer, mix: AutocannonRequest[], opts: { rate: number; seconds: number; sliceSeconds: number; sampleSeconds: number; onSlice?: (slice: Slice) => void }): Promise<Omit<SoakResult, 'maxRate'>> {
  const started = Date.now();
  const since = () => Math.round((Date.now() - started) / 1000);
  const memory: MemorySample[] = [{ t: 0, ...(await sampleMemory(s)) }];
  const sampler = setInterval(() => {
    void sampleMemory(s).then((m) => memory.push({ t: since(), ...m }), () => undefined);
  }, opts.sampleSeconds * 1000);
  const slices: Slice[] = [];
  try {
    for (let done = 0; done < opts.seconds; done += opts.sliceSeconds) {
      const duration = Math.min(opts.sliceSeconds, opts.seconds - done);
      // Enough connections that the rate is reached even when answers slow down (overallRate caps the total).
      const connections = Math.max(4, Math.min(100, Math.ceil(opts.rate / 4)));
      const r = await autocannon({ url: s.base, connections, duration, overallRate: opts.rate, requests: mix, timeout: 10 });
      const slice = { t: since(), requests: r.requests.total, errors: errorsOf(r), p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max };
      slices.push(slice);
      opts.onSlice?.(slice);
    }
  } finally {
    clearInterval(sampler);
  }
  memory.push({ t: since(), ...(await sampleMemory(s)) });
  return { rate: opts.rate, slices, memory, errors: slices.reduce((n, x) => n + x.errors, 0), requests: slices.reduce((n, x) => n + x.requests, 0), mix: mix.map((m) => `${m.method ?? 'GET'} ${m.path.replace(/[0-9a-f-]{36}/, ':id')}`) };
}

/** Least-squares slope of RSS over time after `warmupSeconds`, in MB per 10 minutes. */
export function memorySlope(memory: MemorySample[], warmupSeconds: number): number {
  const pts = memory.filter((m) => m.t >= warmupSeconds && Number.isFinite(m.rssMb));
  if (pts.length < 2) return NaN;
  const mx = pts.reduce((a, p) => a + p.t, 0) / pts.length;
  const my = pts.reduce((a, p) => a + p.rssMb, 0) / pts.length;
  const num = pts.reduce((a, p) => a + (p.t - mx) * (p.rssMb - my), 0);
  const den = pts.reduce((a, p) => a + (p.t - mx) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 600;
}
