/**
 * `npm run bench:assessment`: how long the assessment engine takes to compute a full plan, in-process, and how that
 * compares with one request to a bare Fastify 5 route measured in the same run.
 *
 *   1. The bare route (bench/http/bare-server.ts) is started as a child process on 127.0.0.1 and loaded with
 *      autocannon (10 connections, 1 s warm-up, then 3 s measured), then stopped.
 *   2. `assess(catalog, profile, answers)` runs in a loop in this process for the workload of the quick-scan target
 *      of `npm run bench` (the accountant profile, an answer for every applicable control): 1 s warm-up, then 3 s
 *      measured, every call timed on its own.
 *
 * Reported: mean µs per full plan, plans/s, and the mean plan time divided by the bare route's mean latency and by
 * its time per request (1 ÷ requests/s). Results go to stdout and to the assessment section of bench/README.md.
 *
 * Knobs (environment): BENCH_CONNECTIONS (10), BENCH_ASSESS_WARMUP seconds (1), BENCH_ASSESS_DURATION seconds (3),
 * BENCH_BARE_DURATION seconds (3), BENCH_NO_README=1 to leave bench/README.md alone.
 */
import { performance } from 'node:perf_hooks';
import { loadAssessmentCatalog } from '../../src/adapters/content.ts';
import { assess, type Answer } from '../../src/core/assessment/engine.ts';
import {
  ACCOUNTANT_PROFILE,
  HOST,
  expectPage,
  fmt,
  freePort,
  fullAnswers,
  intEnv,
  machine,
  measure,
  ms,
  startChild,
  stopChildren,
  waitForHealth,
  writeReadmeSection,
  type Measured,
  type Target,
} from '../http/run.ts';

const CONNECTIONS = intEnv('BENCH_CONNECTIONS', 10);
const ASSESS_WARMUP = intEnv('BENCH_ASSESS_WARMUP', 1);
const ASSESS_DURATION = intEnv('BENCH_ASSESS_DURATION', 3);
const BARE_WARMUP = 1;
const BARE_DURATION = intEnv('BENCH_BARE_DURATION', 3);

interface MicroResult {
  calls: number;
  /** Mean, p50 and p99 of the per-call times, in µs. */
  mean: number;
  p50: number;
  p99: number;
  /** Calls per second of wall-clock time (loop and timer overhead included). */
  perSecond: number;
}

/** Runs `fn` back to back for `seconds`, timing every call. Returns what `fn` returned, summed, as a sink. */
function runFor(seconds: number, fn: () => number): { times: number[]; wallMs: number; sink: number } {
  const times: number[] = [];
  let sink = 0;
  const start = performance.now();
  const stop = start + seconds * 1000;
  let now = start;
  while (now < stop) {
    const t0 = now;
    sink += fn();
    now = performance.now();
    times.push(now - t0);
  }
  return { times, wallMs: now - start, sink };
}

function microBench(fn: () => number): MicroResult {
  process.stderr.write(`  assess(): warm-up ${ASSESS_WARMUP} s … `);
  runFor(ASSESS_WARMUP, fn);
  process.stderr.write(`measuring ${ASSESS_DURATION} s … `);
  const { times, wallMs, sink } = runFor(ASSESS_DURATION, fn);
  if (!(sink > 0)) throw new Error('assess() produced no plan items');
  const sorted = Float64Array.from(times).sort();
  const at = (p: number) => (sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? NaN) * 1000;
  const mean = (times.reduce((s, t) => s + t, 0) / times.length) * 1000;
  const result = { calls: times.length, mean, p50: at(50), p99: at(99), perSecond: times.length / (wallMs / 1000) };
  process.stderr.write(`${fmt(result.mean, 1)} µs per plan\n`);
  return result;
}

async function measureBare(): Promise<Measured> {
  const port = await freePort();
  const base = `http://${HOST}:${port}`;
  process.stderr.write(`Starting bare Fastify (${base}) …\n`);
  const bare = startChild('bare Fastify', ['--import', 'tsx', 'bench/http/bare-server.ts'], { ...process.env, PORT: String(port), HOST });
  try {
    await waitForHealth('bare Fastify', base, bare);
    const target: Target = { key: 'bare', label: 'Bare Fastify 5 route', url: `${base}/`, headers: {} };
    await expectPage(target.url, target.headers, '<p>Hello</p>');
    return await measure(target, { connections: CONNECTIONS, warmup: BARE_WARMUP, duration: BARE_DURATION });
  } finally {
    await stopChildren();
  }
}

const us = (n: number) => `${fmt(n, n < 100 ? 1 : 0)} µs`;
const ratio = (n: number) => `${fmt(n, n < 10 ? 2 : 1)}× (${fmt(100 * n, 0)} %)`;

async function main(): Promise<void> {
  const catalog = loadAssessmentCatalog();
  const answers = fullAnswers(catalog, ACCOUNTANT_PROFILE);
  const check = assess(catalog, ACCOUNTANT_PROFILE, answers);
  if (check.plan.length === 0 || check.open.length !== 0) throw new Error(`Expected a full plan and no open questions; got ${check.plan.length} plan items, ${check.open.length} open`);
  const tally = (a: Answer) => Object.values(answers).filter((x) => x === a).length;

  const bareRun = await measureBare();
  const micro = microBench(() => assess(catalog, ACCOUNTANT_PROFILE, answers).plan.length);

  const bareRps = bareRun.result.requests.average;
  const bareLatencyUs = bareRun.latency.mean * 1000;
  const barePerRequestUs = 1e6 / bareRps;
  const table = [
    '| Measure | Value |',
    '| --- | ---: |',
    `| \`assess()\` calls measured | ${fmt(micro.calls)} |`,
    `| Mean time per full plan | ${us(micro.mean)} |`,
    `| p50 / p99 per full plan | ${us(micro.p50)} / ${us(micro.p99)} |`,
    `| Full plans/s (one thread) | ${fmt(micro.perSecond)} |`,
    `| Bare route: requests/s (mean, ${CONNECTIONS} connections) | ${fmt(bareRps)} |`,
    `| Bare route: mean latency (${CONNECTIONS} connections) | ${ms(bareRun.latency.mean)} ms |`,
    `| Bare route: time per request (1 ÷ requests/s) | ${us(barePerRequestUs)} |`,
    `| **Full plan ÷ bare-route mean latency** | **${ratio(micro.mean / bareLatencyUs)}** |`,
    `| Full plan ÷ bare-route time per request | ${ratio(micro.mean / barePerRequestUs)} |`,
  ].join('\n');

  const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const results = [
    `Run: ${when}`,
    '',
    `Machine: ${machine()}`,
    '',
    `Settings: \`assess()\` ${ASSESS_WARMUP} s warm-up then ${ASSESS_DURATION} s, every call timed; bare route ${CONNECTIONS} connections, ${BARE_WARMUP} s warm-up then ${BARE_DURATION} s, 127.0.0.1.`,
    '',
    `Workload: the accountant profile (NACE 69, 4 employees), ${check.applicableControls.length} of ${catalog.controls.length} controls apply and all are answered ` +
      `(${tally('yes')} yes, ${tally('partly')} partly, ${tally('no')} no, ${tally('unknown')} unknown); the plan has ${check.plan.length} items.`,
    '',
    table,
  ].join('\n');
  console.log(`\n${results}\n`);
  if (process.env.BENCH_NO_README !== '1') {
    await writeReadmeSection('assessment', results);
    process.stderr.write('Results written to bench/README.md.\n');
  }
}

main().catch(async (err: unknown) => {
  console.error(`\nBenchmark FAILED: ${err instanceof Error ? err.message : String(err)}`);
  await stopChildren();
  process.exit(1);
});
