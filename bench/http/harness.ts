/**
 * Shared parts of the HTTP benchmarks: child processes on 127.0.0.1, autocannon runs, percentiles, the quick-scan
 * workload and the README sections. `npm run bench` (bench/http/run.ts) and the other benches import them.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AssessmentCatalog } from '../../src/core/assessment/catalog.ts';
import { applicableControls, type Answer } from '../../src/core/assessment/engine.ts';
import type { AssessmentProfile } from '../../src/core/assessment/profile.ts';

// autocannon ships no TypeScript types; this is the part of its API used here.
interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
  '2xx': number;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}
/** The instance is an EventEmitter that is also a promise of the result. */
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
}
type Autocannon = (opts: AutocannonOptions) => AutocannonInstance;

const require = createRequire(import.meta.url);
export const autocannon = require('autocannon') as Autocannon;
export const execFileP = promisify(execFile);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const README = path.join(ROOT, 'bench', 'README.md');
export const HOST = '127.0.0.1';

export function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10);
export const DURATION = intEnv('BENCH_DURATION', 8);
export const WARMUP = intEnv('BENCH_WARMUP', 2);
/** The second pass: the main pages at many connections, for p99 (goal < 50 ms) and the process's peak memory. */
export const MANY_CONNECTIONS = intEnv('BENCH_MANY_CONNECTIONS', 100);
export const MANY_DURATION = intEnv('BENCH_MANY_DURATION', 3);
export const MANY_WARMUP = intEnv('BENCH_MANY_WARMUP', 1);

export const children: ChildProcess[] = [];

/**
 * The node flags `npm start` runs Schild with (package.json; the container image sets the same in NODE_OPTIONS):
 * the benchmarks start `schild start` the way it runs in production.
 */
export function startNodeFlags(): string[] {
  const scripts = (createRequire(import.meta.url)('../../package.json') as { scripts: Record<string, string> }).scripts;
  const m = /^node\s+(.*?)\s*bin\/schild\.mjs start$/.exec(scripts.start ?? '');
  if (!m) throw new Error(`package.json "start" is not "node [flags] bin/schild.mjs start": ${scripts.start}`);
  return m[1] ? m[1].split(/\s+/) : [];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`\n${name} exited unexpectedly (code ${code}, signal ${signal}). Last output:\n${output}`);
      process.exitCode = 1;
    }
  });
  children.push(child);
  return child;
}

let shuttingDown = false;
export async function stopChildren(): Promise<void> {
  shuttingDown = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
          }, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export async function waitForHealth(name: string, base: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited before it was healthy`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} did not answer ${base}/healthz within ${timeoutMs / 1000} s`);
}

/** name=value pairs of Set-Cookie headers. */
export function cookiesOf(res: Response): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return jar;
}

export async function seedDemo(env: NodeJS.ProcessEnv): Promise<{ email: string; password: string }> {
  const { stdout } = await execFileP(process.execPath, ['bin/schild.mjs', 'demo'], { cwd: ROOT, env, timeout: 60_000 });
  const email = /owner:\s+(\S+@\S+)/.exec(stdout)?.[1];
  const password = /password for both:\s+(\S+)/.exec(stdout)?.[1];
  if (!email || !password) throw new Error(`Could not read the demo owner from \`schild demo\`:\n${stdout}`);
  return { email, password };
}

export async function logIn(base: string, email: string, password: string): Promise<{ csrf: string; session: string }> {
  const form = await fetch(`${base}/en/login`, { redirect: 'manual' });
  if (form.status !== 200) throw new Error(`GET /en/login answered ${form.status}`);
  const csrf = cookiesOf(form).get('schild_csrf');
  const field = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf || !field) throw new Error('GET /en/login gave no schild_csrf cookie or no _csrf form field');
  const res = await fetch(`${base}/en/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `schild_csrf=${csrf}` },
    body: new URLSearchParams({ email, password, _csrf: field, next: '/en/account' }).toString(),
  });
  const session = cookiesOf(res).get('schild_session');
  if (res.status !== 303 || !session) throw new Error(`POST /en/login answered ${res.status} ${session ? '' : 'without a schild_session cookie'}`);
  return { csrf, session };
}

export async function expectPage(url: string, headers: Record<string, string>, needle: string): Promise<void> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}, expected 200`);
  if (!body.includes(needle)) throw new Error(`${url} does not contain ${JSON.stringify(needle)}`);
}

/**
 * The quick-scan workload, shared with bench/assessment/run.ts: a 4-person accountancy (NACE-BEL division 69)
 * with a website, Microsoft 365, sensitive personal data, remote work and an IT provider.
 */
export const ACCOUNTANT_PROFILE: AssessmentProfile = {
  sector: '69',
  employees: 4,
  website: true,
  webshop: false,
  email: 'microsoft365',
  cardPayments: false,
  personalData: 'sensitive',
  remoteWork: true,
  itProvider: true,
};

/** Answers cycle through this in catalogue order: 1/3 yes, 1/3 no, 1/6 partly, 1/6 unknown. */
const ANSWER_CYCLE: readonly Answer[] = ['yes', 'partly', 'no', 'yes', 'unknown', 'no'];

/** An answer for every control that applies to the profile (deterministic), so the plan is complete and nothing is open. */
export function fullAnswers(catalog: AssessmentCatalog, profile: AssessmentProfile): Record<string, Answer> {
  return Object.fromEntries(applicableControls(catalog, profile).map((c, i) => [c.id, ANSWER_CYCLE[i % ANSWER_CYCLE.length] ?? 'unknown']));
}

/** How the full quick-scan request went: 200, a non-empty plan, every applicable control answered. */
export async function expectQuickScan(target: Target, answered: number): Promise<{ planItems: number }> {
  const res = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body, redirect: 'manual' });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${target.url} answered ${res.status}, expected 200: ${text.slice(0, 500)}`);
  const json = JSON.parse(text) as { plan?: unknown; applicableControls?: unknown; open?: unknown };
  if (!Array.isArray(json.plan) || json.plan.length === 0) throw new Error(`POST ${target.url} returned no plan`);
  if (!Array.isArray(json.applicableControls) || json.applicableControls.length !== answered || !Array.isArray(json.open) || json.open.length !== 0) {
    throw new Error(`POST ${target.url}: expected ${answered} applicable controls, all answered; got ${JSON.stringify({ applicable: json.applicableControls, open: json.open })}`);
  }
  return { planItems: json.plan.length };
}

export interface Target {
  key: string;
  label: string;
  url: string;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  body?: string;
}

export interface Measured {
  target: Target;
  result: AutocannonResult;
  /** Latency percentiles and mean in ms, from every 2xx response time at full (sub-millisecond) resolution. */
  latency: { p50: number; p90: number; p99: number; mean: number };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

export function assertClean(target: Target, r: AutocannonResult, phase: string): void {
  const problems: string[] = [];
  if (r.non2xx > 0) problems.push(`${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats ?? {})})`);
  if (r.errors > 0) problems.push(`${r.errors} connection errors`);
  if (r.timeouts > 0) problems.push(`${r.timeouts} timeouts`);
  // A slow page at many connections may not finish a single request within a short warm-up; that is no error.
  if (r['2xx'] === 0 && phase !== 'warm-up') problems.push('no 2xx responses at all');
  if (problems.length) throw new Error(`${target.label} (${phase}): ${problems.join(', ')}`);
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const ms = (n: number) => fmt(n, n < 10 ? 2 : 1);

export async function measure(target: Target, settings = { connections: CONNECTIONS, warmup: WARMUP, duration: DURATION }): Promise<Measured> {
  const { connections, warmup, duration } = settings;
  const request = { url: target.url, method: target.method ?? 'GET', headers: target.headers, body: target.body, connections };
  process.stderr.write(`  ${target.label}: warm-up ${warmup} s … `);
  assertClean(target, await autocannon({ ...request, duration: warmup }), 'warm-up');
  process.stderr.write(`measuring ${duration} s … `);
  // autocannon's own latency histogram has whole-millisecond resolution, too coarse for a bare route that answers
  // in well under 1 ms, so the response times are also collected here and the percentiles computed from them.
  const times: number[] = [];
  const instance = autocannon({ ...request, duration });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) times.push(responseTime);
  });
  const result = await instance;
  assertClean(target, result, 'measurement');
  const sorted = Float64Array.from(times).sort();
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const latency = { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), mean };
  process.stderr.write(`${Math.round(result.requests.average)} req/s, p99 ${ms(latency.p99)} ms\n`);
  return { target, result, latency };
}


export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus.length} × ${model}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()} ${os.arch()}, Node ${process.version}`;
}

/** Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->` in bench/README.md. */
export async function writeReadmeSection(name: string, results: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = await readFile(README, 'utf8').catch(() => '');
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  if (a < 0 || b < a) {
    console.warn(`bench/README.md has no ${start} … ${end} section; not updated.`);
    return;
  }
  await writeFile(README, `${current.slice(0, a + start.length)}\n${results}\n${current.slice(b)}`);
}

/** Samples VmRSS of a process from /proc every 100 ms until stopped; Linux only (elsewhere it reports nothing). */
export function sampleRss(pid: number): { stop(): { peakMiB: number; samples: number } } {
  let peak = 0;
  let samples = 0;
  const read = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
    if (Number.isFinite(kib)) {
      peak = Math.max(peak, kib);
      samples++;
    }
  };
  const timer = setInterval(() => void read(), 100);
  void read();
  return {
    stop() {
      clearInterval(timer);
      return { peakMiB: peak / 1024, samples };
    },
  };
}

/**
 * CPU time the host took from this virtual machine while the sampler ran ("steal", the 8th field of the `cpu` line of
 * /proc/stat, in USER_HZ ticks of 10 ms; proc(5)), read every 100 ms: the total, and the most stolen in one 100 ms
 * sample. A paused or starved VM stalls client and server together, which no code of Schild can cause or cure; the
 * table shows it beside the latency so a tail can be told apart from one. Linux only (elsewhere it reports null).
 */
export function sampleSteal(): { stop(): { totalMs: number; worstMsPer100: number } | null } {
  const read = (): number | null => {
    try {
      const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
      const fields = line.trim().split(/\s+/);
      return fields[0] === 'cpu' && fields[8] !== undefined ? Number(fields[8]) * 10 : null;
    } catch {
      return null;
    }
  };
  const first = read();
  let last = first;
  let worst = 0;
  const timer = setInterval(() => {
    const now = read();
    if (now !== null && last !== null) worst = Math.max(worst, now - last);
    last = now;
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      const end = read();
      if (first === null || end === null) return null;
      if (last !== null) worst = Math.max(worst, end - last);
      return { totalMs: end - first, worstMsPer100: worst };
    },
  };
}

/** The demo company's id, an article and one scan of its domain, read from the pages as a visitor would follow links. */
export async function demoPaths(base: string, cookie: string): Promise<{ companyId: string; article: string; scanId: string }> {
  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { cookie }, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
    return res.text();
  };
  const companyId = /\/en\/companies\/([0-9a-f-]{36})/.exec(await get('/en/account'))?.[1];
  const article = /\/en\/articles\/([a-z0-9-]+)"/.exec(await get('/en/articles'))?.[1];
  if (!companyId || !article) throw new Error('no company link on /en/account or no article on /en/articles');
  const scanId = /\/en\/scan\/([0-9a-f-]{36})/.exec(await get(`/en/companies/${companyId}/domains`))?.[1];
  if (!scanId) throw new Error('no scan link on the demo company\'s domains page');
  return { companyId, article, scanId };
}

export function manyTable(rows: Measured[]): string {
  const lines = ['| Page | Path | Requests/s (mean) | p50 ms | p99 ms | p99 < 50 ms |', '| --- | --- | ---: | ---: | ---: | :-: |'];
  for (const { target, result, latency } of rows) {
    lines.push(`| ${target.label} | \`${new URL(target.url).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '…')}\` | ${fmt(result.requests.average)} | ${ms(latency.p50)} | ${ms(latency.p99)} | ${latency.p99 < 50 ? 'yes' : 'no'} |`);
  }
  return lines.join('\n');
}

/**
 * A response as the floor servers (floor-server.ts, raw-floor-server.ts) replay it: its headers without those that
 * belong to one connection or one moment, and its body.
 */
export async function captureResponse(res: Response): Promise<{ headers: Record<string, string>; body: string }> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, h) => {
    if (!['content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding'].includes(h)) headers[h] = v;
  });
  return { headers, body: await res.text() };
}
