/**
 * The scanner lab of the tests (test/support/scan/lab.ts: an authoritative DNS server plus HTTPS, HTTP and SMTP hosts
 * for good.test and weak.test) in a process of its own, so the servers never share an event loop with the scanner
 * they answer; a tiny control endpoint on 127.0.0.1 sets the DNS latency and reads the number of DNS queries received.
 * It stops when the benchmark closes its stdin. Used by bench/scan/run.ts and bench/scan/worker.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import type { RetrieveOptions } from '../../src/adapters/scan/retriever.ts';
import { ROOT } from '../http/run.ts';

export type Domain = 'good.test' | 'weak.test';

/** Every child process a scan benchmark started, so a failure can kill them all. */
export const children = new Set<ChildProcess>();

/** Bounds a benchmark in time: after `ms` it kills every child and exits with 1. Clear the timer when done. */
export function stopAfter(ms: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    console.error(`\nBenchmark FAILED: took longer than ${ms / 1000} s`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  }, ms);
  timer.unref();
  return timer;
}

export interface LabInfo {
  options: Record<Domain, RetrieveOptions>;
  /** host:port of the lab's DNS server. */
  server: string;
  /** Base URL of the control endpoint: GET /latency/<ms>, GET /count. Both answer { queries }. */
  control: string;
}

const LAB_CHILD = `
import http from 'node:http';
import { createInterface } from 'node:readline';
const { startScanLab } = await import(process.env.SCHILD_BENCH_LAB);
const lab = await startScanLab();
const control = http.createServer((req, res) => {
  const m = /^\\/latency\\/(\\d+)$/.exec(req.url ?? '');
  if (m) lab.dns.setLatency(Number(m[1]));
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ queries: lab.dns.queries.length }));
});
await new Promise((resolve) => control.listen(0, '127.0.0.1', resolve));
const options = { 'good.test': lab.options('good.test'), 'weak.test': lab.options('weak.test') };
process.stdout.write(JSON.stringify({ options, server: lab.dns.server, control: 'http://127.0.0.1:' + control.address().port }) + '\\n');
// Runs until the benchmark closes stdin: when it is done, or when it dies.
for await (const _ of createInterface({ input: process.stdin })) void _;
control.close();
control.closeAllConnections();
await lab.stop();
process.exit(0);
`;

export async function startLab(tmp: string): Promise<{ info: LabInfo; stop: () => Promise<void> }> {
  const file = path.join(tmp, 'lab-child.mjs');
  await writeFile(file, LAB_CHILD);
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    env: { ...process.env, SCHILD_BENCH_LAB: pathToFileURL(path.join(ROOT, 'test/support/scan/lab.ts')).href },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin!.end();
    await exited;
    children.delete(child);
  };
  const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  if (first.done) throw new Error('the scanner lab exited before it was ready');
  return { info: JSON.parse(first.value) as LabInfo, stop };
}

export async function labCall(info: LabInfo, pathname: string): Promise<number> {
  const res = await fetch(`${info.control}${pathname}`);
  return ((await res.json()) as { queries: number }).queries;
}
export const setLatency = (info: LabInfo, ms: number) => labCall(info, `/latency/${ms}`);

/** The environment that points a Schild process's scanner at the lab (as test/support/scan/lab.ts `env()` does). */
export function labEnv(info: LabInfo, caFile: string): Record<string, string> {
  const o = info.options['good.test'];
  return {
    SCAN_RESOLVER: o.resolver!,
    SCAN_ALLOW_PRIVATE: '1',
    SCAN_PORT_MAP: Object.entries(o.portMap ?? {})
      .map(([a, b]) => `${a}=${b}`)
      .join(','),
    SCAN_CA_FILE: caFile,
  };
}
