/**
 * `npm run bench`: HTTP throughput and latency of Schild against a bare Fastify 5 route, in one run.
 *
 * Five targets, measured one after the other with autocannon (same connections, warm-up and duration):
 *   1. bare   — a bare Fastify 5 route returning a tiny HTML string (bench/http/bare-server.ts), the baseline;
 *   2. public — Schild's home page /en/ (anonymous visitor that already holds the CSRF cookie);
 *   3. signed — Schild's /en/account with a real session cookie of the demo owner;
 *   4. scan   — POST /api/v1/quick-scan with a full body: the accountant profile below and an answer for every
 *               applicable control, so every request computes and localises a complete action plan;
 *   5. its floor — a bare Fastify route that reads the same body and sends the quick scan's captured answer, the
 *               same bytes, without work (bench/http/floor-server.ts): what the exchange itself costs.
 *
 * Both servers run as child processes on 127.0.0.1 (Schild via `node bin/schild.mjs start` on SQLite in a
 * throw-away DATA_DIR); autocannon runs in this process. The ratios Schild / bare are the point: they are
 * comparable across machines, the absolute numbers are context. The run fails on any non-2xx response,
 * connection error or timeout. Results go to stdout and to the results section of bench/README.md.
 *
 * Knobs (environment): BENCH_CONNECTIONS (10), BENCH_DURATION seconds (8), BENCH_WARMUP seconds (2),
 * BENCH_NO_README=1 to leave bench/README.md alone.
 *
 * bench/assessment/run.ts imports the helpers and the quick-scan workload from here; `main()` only runs when this
 * file is the entry point.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAssessmentCatalog } from '../../src/adapters/content.ts';
import { measurePageUnderLoad, PACED_DURATION, PACED_SHARE, pacedVerdict, type PageUnderLoad } from './paced.ts';
import { startDemoSchild } from './demo-schild.ts';
import { ACCOUNTANT_PROFILE, CONNECTIONS, captureResponse, DURATION, HOST, MANY_CONNECTIONS, MANY_DURATION, MANY_WARMUP, type Measured, type Target, WARMUP, demoPaths, expectPage, expectQuickScan, fmt, freePort, ms, fullAnswers, machine, manyTable, measure, sampleRss, startChild, stopChildren, waitForHealth, writeReadmeSection } from './harness.ts';

const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const pct = (x: number) => `${fmt(100 * x, 1)} %`;

/** The throughput table: each Schild row against the mean of the bare-route runs just before and just after it. */
function interleavedTable(bareRuns: Measured[], rows: Measured[]): string {
  const rps = (m: Measured) => m.result.requests.average;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bareRps = bareRuns.map(rps);
  const first = bareRuns[0]!;
  const lines = [
    '| Target | Path | Requests/s (mean) | p50 ms | p90 ms | p99 ms | Bare route beside it, requests/s | Throughput vs bare | p99 latency vs bare |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${first.target.label} (${bareRuns.length} runs, before and after each target) | \`/\` | ${fmt(mean(bareRps))} (${fmt(Math.min(...bareRps))}–${fmt(Math.max(...bareRps))}) | ${ms(mean(bareRuns.map((m) => m.latency.p50)))} | ${ms(mean(bareRuns.map((m) => m.latency.p90)))} | ${ms(mean(bareRuns.map((m) => m.latency.p99)))} | | 1.000× | 1.00× |`,
  ];
  rows.forEach((m, i) => {
    const beside = [bareRuns[i]!, bareRuns[i + 1]!];
    const base = mean(beside.map(rps));
    const baseP99 = mean(beside.map((b) => b.latency.p99));
    lines.push(
      `| ${m.target.label} | \`${m.target.method === 'POST' ? 'POST ' : ''}${new URL(m.target.url).pathname}\` | ${fmt(rps(m))} | ${ms(m.latency.p50)} | ${ms(m.latency.p90)} | ${ms(m.latency.p99)} | ${fmt(base)} | ${fmt(rps(m) / base, 3)}× | ${fmt(m.latency.p99 / baseP99, 2)}× |`,
    );
  });
  return lines.join('\n');
}
function pacedTable(rows: PageUnderLoad[]): string {
  const lines = [
    '| Page | Closed loop: GC (major), max loop delay | Paced rate req/s | Achieved | Client late p99 ms | p50 ms | p99 ms | max ms | p99 from hand-over ms | p99 < 50 ms | Paced: GC (major), max loop delay | Host steal, paced pass: total (most in 100 ms) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :-: | --- | ---: |',
  ];
  for (const { closed, closedRt, open, openRt, steal } of rows) {
    lines.push(
      `| ${closed.target.label} | ${pct(closedRt.gcShare)} (${pct(closedRt.majorShare)}), ${ms(closedRt.maxLoopDelayMs)} ms | ${fmt(open.rate)} | ${fmt(open.achieved)} | ${ms(open.sendDelayP99)} | ${ms(open.latency.p50)} | ${ms(open.latency.p99)} | ${ms(open.latency.max)} | ${ms(open.fromSend.p99)} | ${pacedVerdict(open, closed.latency.p99)} | ${pct(openRt.gcShare)} (${pct(openRt.majorShare)}), ${ms(openRt.maxLoopDelayMs)} ms | ${steal ? `${fmt(steal.totalMs)} ms (${fmt(steal.worstMsPer100)} ms)` : 'n/a'} |`,
    );
  }
  return lines.join('\n');
}

// The other benchmarks import the shared parts from here, as they always have.
export * from './harness.ts';
async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-'));
  try {
    const barePort = await freePort();
    const bareBase = `http://${HOST}:${barePort}`;
    process.stderr.write(`Starting bare Fastify (${bareBase}) …\n`);
    const bare = startChild('bare Fastify', ['--import', 'tsx', 'bench/http/bare-server.ts'], { ...process.env, PORT: String(barePort), HOST });
    const { base: schildBase, child: schild, csrf, session } = await startDemoSchild(dataDir, METRICS_TOKEN);
    await waitForHealth('bare Fastify', bareBase, bare, 60_000);

    const answers = fullAnswers(loadAssessmentCatalog(), ACCOUNTANT_PROFILE);
    const targets: Target[] = [
      { key: 'bare', label: 'Bare Fastify 5 route', url: `${bareBase}/`, headers: {} },
      { key: 'public', label: 'Schild public page', url: `${schildBase}/en/`, headers: { cookie: `schild_csrf=${csrf}` } },
      { key: 'signed', label: 'Schild signed-in page', url: `${schildBase}/en/account`, headers: { cookie: `schild_csrf=${csrf}; schild_session=${session}` } },
      {
        key: 'scan',
        label: `Schild quick scan, full plan (${Object.keys(answers).length} answers)`,
        url: `${schildBase}/api/v1/quick-scan`,
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ lang: 'nl', profile: ACCOUNTANT_PROFILE, answers }),
      },
    ];
    const [bareT, publicT, signedT, scanT] = targets as [Target, Target, Target, Target];
    await expectPage(bareT.url, bareT.headers, '<p>Hello</p>');
    await expectPage(publicT.url, publicT.headers, '<html lang="en"');
    await expectPage(signedT.url, signedT.headers, 'An Peeters');
    const scan = await expectQuickScan(scanT, Object.keys(answers).length);

    // The quick scan's floor: a bare Fastify route that reads and parses the same request body and sends Schild's
    // captured answer (status, headers, the same bytes) with no work at all (bench/http/floor-server.ts). What any
    // server would cost for this exchange, measured in the same run as the ratios (decision 0013).
    const captured = await fetch(scanT.url, { method: 'POST', headers: scanT.headers, body: scanT.body });
    if (captured.status !== 200) throw new Error(`quick scan for the floor: status ${captured.status}`);
    const scanCapture = await captureResponse(captured);
    const scanAnswer = scanCapture.body;
    const captureFile = path.join(dataDir, 'quick-scan-answer.json');
    await writeFile(captureFile, JSON.stringify({ scan: scanCapture }));
    const floorPort = await freePort();
    const floorBase = `http://${HOST}:${floorPort}`;
    const floorServer = startChild('quick-scan floor', ['--import', 'tsx', 'bench/http/floor-server.ts'], { ...process.env, PORT: String(floorPort), HOST, CAPTURE: captureFile });
    await waitForHealth('quick-scan floor', floorBase, floorServer, 60_000);
    const floorT: Target = { key: 'scanFloor', label: "Bare Fastify route sending the quick scan's answer (its floor: same request read and parsed, same bytes sent, no work)", url: `${floorBase}/scan`, method: 'POST', headers: scanT.headers, body: scanT.body };
    await expectQuickScan(floorT, Object.keys(answers).length); // the same answer, checked like Schild's

    const signedCookie = `schild_csrf=${csrf}; schild_session=${session}`;
    const paths = await demoPaths(schildBase, signedCookie);
    const page = (label: string, url: string, signed: boolean): Target => ({ key: url, label, url: `${schildBase}${url}`, headers: { cookie: signed ? signedCookie : `schild_csrf=${csrf}` } });
    const company = `/en/companies/${paths.companyId}`;
    const mainPages: Target[] = [
      page('Home (public)', '/en/', false),
      page('Article (public)', `/en/articles/${paths.article}`, false),
      page('Providers directory (public)', '/en/providers', false),
      page('Account', '/en/account', true),
      page('Company home', company, true),
      page('Results and plan', `${company}/results`, true),
      page('Scan result', `/en/scan/${paths.scanId}`, true),
      page('Incidents', `${company}/incidents`, true),
      page('Phishing', `${company}/phishing`, true),
      page('Training', `${company}/training`, true),
    ];
    for (const p of mainPages) await expectPage(p.url, p.headers, '<html lang="en"');

    const rss = sampleRss(schild.pid ?? 0);
    process.stderr.write(`Benchmarking: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per target.\n`);
    // The bare route is measured before and after each Schild target, and each ratio uses the mean of the two runs
    // beside it: on a shared virtual machine the bare route's throughput drifts by up to 2× within minutes
    // (21,000–40,000 requests/s between runs on 2026-12-06), more than any one target's difference.
    const bareRuns: Measured[] = [await measure(bareT)];
    const rows: Measured[] = [];
    for (const target of [publicT, signedT, scanT, floorT]) {
      rows.push(await measure(target));
      bareRuns.push(await measure(bareT));
    }
    process.stderr.write(`Main pages: ${MANY_CONNECTIONS} connections, ${MANY_WARMUP} s warm-up + ${MANY_DURATION} s per page.\n`);
    const many: PageUnderLoad[] = [];
    for (const p of mainPages) many.push(await measurePageUnderLoad(schildBase, METRICS_TOKEN, p));
    const memory = rss.stop();

    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const results = [
      `Run: ${when}`,
      '',
      `Machine: ${machine()}`,
      '',
      `Settings: ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${DURATION} s per target, 127.0.0.1, SQLite, LOG_LEVEL=silent.`,
      '',
      `Quick scan body: \`lang: 'nl'\`, the accountant profile (NACE 69, 4 employees), an answer for each of the ${Object.keys(answers).length} applicable controls; every response holds a plan of ${scan.planItems} items (${Buffer.byteLength(scanT.body ?? '')} B request).`,
      '',
      interleavedTable(bareRuns, rows),
      '',
      `The quick scan against its floor (the last two rows, same run): ${fmt(rows[2]!.result.requests.average / rows[3]!.result.requests.average, 3)}× the throughput of a bare route that reads the same ${fmt(Buffer.byteLength(scanT.body ?? ''))} B request and sends the same ${fmt(Buffer.byteLength(scanAnswer) / 1024, 1)} kB answer without computing it.`,
      '',
      `Main pages at ${MANY_CONNECTIONS} connections (${MANY_WARMUP} s warm-up then ${MANY_DURATION} s per page; signed in as the demo owner of \`schild demo\`):`,
      '',
      manyTable(many.map((m) => m.closed)),
      '',
      `The same pages with ${MANY_CONNECTIONS} connections open, requests sent on a fixed schedule at ${fmt(PACED_SHARE * 100)} % of the closed-loop rate above, latency counted from when each request was due (${MANY_WARMUP} s warm-up then ${PACED_DURATION} s per page; \`bench/http/paced.ts\`). GC: share of wall time in garbage collection (major collections in brackets); loop delay: the longest event-loop delay (prom-client, 10 ms resolution); host steal: CPU time the host took from this virtual machine during the paced pass, from /proc/stat in 10 ms ticks, which stalls client and server alike:`,
      '',
      pacedTable(many),
      '',
      `Schild process memory: peak RSS ${fmt(memory.peakMiB, 0)} MiB over both passes (VmRSS from /proc/<pid>/status every 100 ms, ${fmt(memory.samples)} samples; goal < 200 MB).`,
    ].join('\n');
    console.log(`\n${results}\n`);
    if (process.env.BENCH_NO_README !== '1') {
      await writeReadmeSection('results', results);
      process.stderr.write('Results written to bench/README.md.\n');
    }
  } finally {
    await stopChildren();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** True when this file is the script node was started with (not when bench/assessment/run.ts imports it). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch(async (err: unknown) => {
    console.error(`\nBenchmark FAILED: ${err instanceof Error ? err.message : String(err)}`);
    await stopChildren();
    process.exit(1);
  });
}
