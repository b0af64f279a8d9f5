/**
 * `npm run bench:scan`: how long a full domain scan takes when every DNS answer costs a round trip, compared with the
 * physical floor set by the lookups that depend on each other; scans per minute with bounded concurrency; and, when
 * the MDN HTTP Observatory is available, the same local site scanned by both, time and header verdicts side by side.
 *
 * Everything runs on loopback, against the scanner lab of the tests (test/support/scan/lab.ts: an authoritative DNS
 * server plus HTTPS, HTTP and SMTP hosts for good.test and weak.test). Three kinds of process, so that the servers
 * never share an event loop with the scanner they answer:
 *
 *   - the lab (child): `startScanLab()` plus a tiny control endpoint on 127.0.0.1 to set the DNS latency and read
 *     the number of DNS queries received; it stops when this process closes its stdin;
 *   - the Schild scanner (child: this file again, SCHILD_BENCH_SCAN_ROLE=scanner), with the lab's test CA trusted
 *     through NODE_EXTRA_CA_CERTS, as a production scanner trusts the system roots (no per-connection `extraCa`);
 *   - the Observatory (child, optional), with the same CA file and the same DNS server and latency.
 *
 * Measured:
 *   1. Full scans of good.test (`retrieve()` then `analyze()`), without and with 50 lookalike candidates, with 0 ms,
 *      20 ms and 100 ms added to every DNS answer: one warm-up scan, then the median of 5. Also at 0 and 20 ms with
 *      the lab's `extraCa` option, the way the tests run the scanner.
 *   2. The floor: the longest chain of DNS lookups in which a query's name comes from an earlier answer (NS → name
 *      server address → SOA at that server, MX → exchange address, the SPF include chain, one address per new host
 *      in a redirect chain), read from the snapshot. No scanner that captures the same data can wait for fewer
 *      sequential round trips, so the floor is the zero-latency scan time plus that depth × the added latency. The
 *      retriever's own critical path is measured as (t20 − t0) ÷ 20 ms, and checked as (t100 − t0) ÷ 100 ms.
 *   3. Throughput: 20 scans of good.test, at most 4 at a time, 20 ms DNS latency.
 *   4. Observatory: `scan()` of @mdn/mdn-http-observatory for good.test and weak.test; its sockets for *.test names go
 *      to the lab (the lab's DNS server and ports), nothing else is changed. It is no dependency of Schild: point
 *      BENCH_OBSERVATORY_DIR at an installed copy (see bench/README.md); without one the comparison is skipped and the
 *      README says why.
 *
 * Knobs (environment): BENCH_SCAN_LATENCY ms (20), BENCH_SCAN_RUNS (5), BENCH_SCAN_LOOKALIKES (50),
 * BENCH_SCAN_CHECK_LATENCY ms (100), BENCH_SCAN_CONCURRENCY (4), BENCH_SCAN_TOTAL (20), BENCH_OBSERVATORY_DIR, BENCH_NO_README=1 to leave
 * bench/README.md alone. The run is stopped (exit code 1) when it takes longer than 120 s.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { retrieve, type RetrieveOptions } from '../../src/adapters/scan/retriever.ts';
import type { CheckOutcome } from '../../src/core/scan/check.ts';
import { analyze } from '../../src/core/scan/grading.ts';
import type { DnsAnswer, Snapshot, SpfLookups, TxtRecord } from '../../src/core/scan/snapshot.ts';
import { isSpfRecord, parseSpf } from '../../src/core/scan/spf.ts';
import { ROOT, fmt, intEnv, machine, writeReadmeSection } from '../http/run.ts';
import { OBSERVATORY_LAB_SOCKETS } from './observatory-lab.ts';
import { children, labCall, setLatency, startLab, stopAfter, type Domain, type LabInfo } from './lab-process.ts';

const LATENCY = intEnv('BENCH_SCAN_LATENCY', 20);
/** A second, larger latency: the same count from it is ten times less sensitive to run-to-run noise. */
const CHECK_LATENCY = intEnv('BENCH_SCAN_CHECK_LATENCY', 100);
const RUNS = intEnv('BENCH_SCAN_RUNS', 5);
const LOOKALIKES = intEnv('BENCH_SCAN_LOOKALIKES', 50);
const CONCURRENCY = intEnv('BENCH_SCAN_CONCURRENCY', 4);
const TOTAL = intEnv('BENCH_SCAN_TOTAL', 20);
const WARMUP = 1;
const DEADLINE_MS = 120_000;

const DOMAINS: readonly Domain[] = ['good.test', 'weak.test'];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const msText = (n: number) => `${fmt(n, n < 100 ? 1 : 0)} ms`;

// ---------------------------------------------------------------------------------------------------------------
// Child processes


/** Runs node with `args`; resolves with its stdout when it exits with 0. Its stderr is shown (or kept for the error). */
function runNode(name: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, showStderr: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', showStderr ? 'inherit' : 'pipe'] });
    children.add(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) return resolve(out);
      const tail = (err || out).trim().split('\n').slice(-3).join(' ').slice(0, 400);
      reject(
        new Error(
          `${name} ${signal ? `was killed (${signal}) after ${timeoutMs / 1000} s` : `exited with ${code}`}${tail ? `: ${tail}` : ''}`,
        ),
      );
    });
  });
}



// ---------------------------------------------------------------------------------------------------------------
// Schild scans (scanner process)

interface TimedScan {
  ms: number;
  /**
   * From the scan's start to the 'web' progress step: the HTTPS and HTTP chains, TLS probes and security.txt. Every part
   * of a scan starts at once (issue 13) and only the hand-over keeps the order dns → mail → web, so this is an upper
   * bound on the web part's own time (until 2026-12-07 this was the gap between the 'mail' and 'web' steps, which the
   * concurrent scan made 0).
   */
  webMs: number;
  /** DNS queries the lab's server received during the scan (NaN when scans overlap). */
  queries: number;
  snapshot: Snapshot;
  grade: string;
  score: number;
  checks: CheckOutcome[];
}

interface ScanSpec {
  domain: Domain;
  lookalikes: number;
  /** Pass the lab's CA as `extraCa`, as the tests do: every TLS connection then builds its own trust store. */
  extraCa: boolean;
}

async function timedScan(info: LabInfo, spec: ScanSpec, countQueries = true): Promise<TimedScan> {
  const { extraCa, ...base } = info.options[spec.domain];
  const options: RetrieveOptions = { ...base, ...(spec.extraCa && extraCa ? { extraCa } : {}), lookalikes: spec.lookalikes };
  const marks: Record<string, number> = {};
  const q0 = countQueries ? await labCall(info, '/count') : 0;
  const start = performance.now();
  const snapshot = await retrieve(spec.domain, { ...options, onProgress: (step) => (marks[step] = performance.now()) });
  const analysis = analyze(snapshot, new Date());
  const ms = performance.now() - start;
  const errors = Object.entries(snapshot.checkErrors);
  if (errors.length > 0)
    throw new Error(
      `the scan of ${spec.domain} hit capture errors, so its time means nothing: ${errors.map(([id, e]) => `${id} ${e.reason}`).join(', ')}`,
    );
  const queries = countQueries ? (await labCall(info, '/count')) - q0 : NaN;
  return {
    ms,
    webMs: (marks.web ?? NaN) - start,
    queries,
    snapshot,
    grade: analysis.grade,
    score: analysis.score,
    checks: analysis.checks,
  };
}

interface Series extends ScanSpec {
  latency: number;
  times: number[];
  median: number;
  webMedian: number;
  queries: number;
  grade: string;
  score: number;
  checks: CheckOutcome[];
}

async function series(info: LabInfo, spec: ScanSpec, latency: number): Promise<{ series: Series; last: Snapshot }> {
  await setLatency(info, latency);
  process.stderr.write(`  ${spec.domain}, ${spec.lookalikes} lookalikes${spec.extraCa ? ', extraCa' : ''}, ${latency} ms DNS: `);
  for (let i = 0; i < WARMUP; i++) await timedScan(info, spec);
  const scans: TimedScan[] = [];
  for (let i = 0; i < RUNS; i++) scans.push(await timedScan(info, spec));
  const times = scans.map((s) => s.ms);
  const last = scans[scans.length - 1]!;
  const findings = last.checks.filter((c) => c.status === 'warn' || c.status === 'fail').map((c) => `${c.id} ${c.status}`);
  process.stderr.write(
    `median ${msText(median(times))} (${times.map((t) => fmt(t, 0)).join(', ')}), last ${last.grade} (${last.score})${findings.length ? `: ${findings.join(', ')}` : ''}\n`,
  );
  return {
    series: {
      ...spec,
      latency,
      times,
      median: median(times),
      webMedian: median(scans.map((s) => s.webMs)),
      queries: median(scans.map((s) => s.queries)),
      grade: last.grade,
      score: last.score,
      checks: last.checks,
    },
    last: last.snapshot,
  };
}

// The floor: sequential DNS dependencies that any scanner capturing the same data must wait for

interface Chain {
  what: string;
  depth: number;
}

/** Further sequential lookups after `domain`'s SPF TXT answer: its include:/redirect= chain, or one a/mx/exists query. */
function spfDepth(domain: string, txt: DnsAnswer<TxtRecord> | undefined, lookups: SpfLookups, seen: Set<string>): number {
  if (!txt || txt.status !== 'ok') return 0;
  const record = txt.records.find(isSpfRecord);
  if (!record) return 0;
  let depth = 0;
  for (const term of parseSpf(record).terms) {
    const target = term.target ?? domain;
    if (/%\{/.test(target)) continue;
    const kind = term.type === 'mechanism' ? term.mechanism : term.name;
    if ((kind === 'include' || kind === 'redirect') && !seen.has(target)) {
      depth = Math.max(depth, 1 + spfDepth(target, lookups.txt[target], lookups, new Set([...seen, target])));
    } else if (kind === 'a' || kind === 'exists' || kind === 'mx') {
      depth = Math.max(depth, 1);
    }
  }
  return depth;
}

/** One address lookup per host in a redirect chain (a host already resolved costs nothing more). */
function chainHosts(hops: readonly { url: string }[], start: string): number {
  return new Set([start, ...hops.map((h) => new URL(h.url).hostname)]).size;
}

/** The dependency chains of a scan and their depth in DNS round trips; the deepest one is the floor. */
function dependencyChains(s: Snapshot): Chain[] {
  const withAddress = s.dns.nameServers.some((n) => n.addresses.length > 0);
  const exchanges = s.mail.mx.status === 'ok' ? s.mail.mx.records.length : 0;
  const spf = spfDepth(s.domain, s.mail.apexTxt, s.mail.spfLookups, new Set([s.domain]));
  return [
    { what: 'NS → name-server address → SOA asked at that server', depth: s.dns.ns.status === 'ok' ? (withAddress ? 3 : 2) : 1 },
    { what: 'MX → exchange address (→ SMTP)', depth: exchanges > 0 ? 2 : 1 },
    { what: `SPF TXT → include chain (${spf} deep)`, depth: 1 + spf },
    {
      what: 'HTTP(S): one address per new host in a redirect chain',
      depth: Math.max(chainHosts(s.web.http.hops, s.domain), chainHosts(s.web.https.hops, s.domain)),
    },
    { what: 'the rest (DMARC, DKIM, MTA-STS host, TLS-RPT, CAA, DS/DNSKEY, lookalikes): names known up front', depth: 1 },
  ];
}

interface Throughput {
  wallMs: number;
  perMinute: number;
  latencies: number[];
}

async function throughput(info: LabInfo): Promise<Throughput> {
  await setLatency(info, LATENCY);
  process.stderr.write(`  ${TOTAL} scans of good.test, at most ${CONCURRENCY} at a time, ${LATENCY} ms DNS: `);
  let started = 0;
  const latencies: number[] = [];
  const worker = async () => {
    while (started < TOTAL) {
      started++;
      latencies.push((await timedScan(info, { domain: 'good.test', lookalikes: 0, extraCa: false }, false)).ms);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, TOTAL) }, worker));
  const wallMs = performance.now() - start;
  process.stderr.write(`${fmt(wallMs / 1000, 2)} s, ${fmt((TOTAL / wallMs) * 60_000, 0)} scans/min\n`);
  return { wallMs, perMinute: (TOTAL / wallMs) * 60_000, latencies };
}

const SERIES = {
  good0: [{ domain: 'good.test', lookalikes: 0, extraCa: false }, 0],
  goodL: [{ domain: 'good.test', lookalikes: 0, extraCa: false }, LATENCY],
  goodC: [{ domain: 'good.test', lookalikes: 0, extraCa: false }, CHECK_LATENCY],
  brand0: [{ domain: 'good.test', lookalikes: LOOKALIKES, extraCa: false }, 0],
  brandL: [{ domain: 'good.test', lookalikes: LOOKALIKES, extraCa: false }, LATENCY],
  brandC: [{ domain: 'good.test', lookalikes: LOOKALIKES, extraCa: false }, CHECK_LATENCY],
  ca0: [{ domain: 'good.test', lookalikes: 0, extraCa: true }, 0],
  caL: [{ domain: 'good.test', lookalikes: 0, extraCa: true }, LATENCY],
  weakL: [{ domain: 'weak.test', lookalikes: 0, extraCa: false }, LATENCY],
} as const satisfies Record<string, readonly [ScanSpec, number]>;

interface ScannerReport {
  series: Record<keyof typeof SERIES, Series>;
  chains: Chain[];
  throughput: Throughput;
}

/** The scanner process: every Schild measurement, as one JSON line on stdout. */
async function scannerMain(): Promise<void> {
  const info = JSON.parse(process.env.SCHILD_BENCH_SCAN_LAB ?? '') as LabInfo;
  const out: Partial<ScannerReport['series']> = {};
  let chains: Chain[] = [];
  process.stderr.write('Schild full scans (retrieve + analyze):\n');
  for (const [key, [spec, latency]] of Object.entries(SERIES) as [keyof typeof SERIES, (typeof SERIES)[keyof typeof SERIES]][]) {
    const { series: s, last } = await series(info, spec, latency);
    out[key] = s;
    if (key === 'goodL') chains = dependencyChains(last);
  }
  process.stderr.write('Schild throughput:\n');
  const tp = await throughput(info);
  const report: ScannerReport = { series: out as ScannerReport['series'], chains, throughput: tp };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// MDN HTTP Observatory

interface ObservatoryTest {
  result: string | null;
  pass: boolean | null;
  scoreModifier: number;
}
interface ObservatoryScan {
  times: number[];
  grade: string;
  score: number;
  tests: Record<string, ObservatoryTest>;
}
type ObservatoryOutcome =
  { ran: true; version: string; scans: Record<Domain, ObservatoryScan> } | { ran: false; version?: string; reason: string };

/**
 * The Observatory child: sockets to *.test names get the lab's DNS server (so the Observatory pays the same DNS
 * latency) and the lab's ports for 80 and 443; everything else is the Observatory's own `scan(hostname)`, unchanged.
 */
const OBSERVATORY_CHILD = `import { performance } from 'node:perf_hooks';
${OBSERVATORY_LAB_SOCKETS}const { scan } = await import(cfg.scanner);
const times = [];
let last;
for (let i = 0; i < cfg.warmup + cfg.runs; i++) {
  const t = performance.now();
  last = await scan(cfg.domain);
  if (i >= cfg.warmup) times.push(performance.now() - t);
}
const tests = Object.fromEntries(Object.entries(last.tests).map(([k, v]) => [k, { result: v.result ?? null, pass: v.pass ?? null, scoreModifier: v.scoreModifier ?? 0 }]));
process.stdout.write(JSON.stringify({ times, grade: last.scan.grade, score: last.scan.score, tests }));
`;

function observatoryDir(): { dir?: string; why?: string } {
  const fromEnv = process.env.BENCH_OBSERVATORY_DIR;
  if (fromEnv)
    return existsSync(path.join(fromEnv, 'package.json'))
      ? { dir: path.resolve(fromEnv) }
      : { why: `BENCH_OBSERVATORY_DIR=${fromEnv} holds no package.json` };
  try {
    return { dir: path.dirname(createRequire(path.join(ROOT, 'package.json')).resolve('@mdn/mdn-http-observatory/package.json')) };
  } catch {
    return { why: '@mdn/mdn-http-observatory is not installed (it is no dependency of Schild) and BENCH_OBSERVATORY_DIR is not set' };
  }
}

async function observatory(info: LabInfo, caFile: string, tmp: string): Promise<ObservatoryOutcome> {
  const { dir, why } = observatoryDir();
  if (!dir) return { ran: false, reason: why! };
  const version = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const scanner = path.join(dir, 'src', 'scanner', 'index.js');
  if (!existsSync(scanner)) return { ran: false, version, reason: `${scanner} is missing (not the package layout of 1.4.x)` };
  if (!existsSync(path.join(dir, 'conf', 'hsts-preload.json'))) {
    return {
      ran: false,
      version,
      reason:
        'conf/hsts-preload.json is missing: the package builds it in its postinstall script by downloading the Chromium HSTS preload list (and the IANA TLD list) from the internet, and every scan() reads it for the HSTS and redirection verdicts',
    };
  }
  const file = path.join(tmp, 'observatory-child.mjs');
  await writeFile(file, OBSERVATORY_CHILD);
  // No proxy and no inherited loaders: every request goes straight to the lab's loopback hosts.
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(https?_proxy|all_proxy|no_proxy|node_options)$/i.test(k)),
  );
  try {
    await setLatency(info, LATENCY);
    const scans: Partial<Record<Domain, ObservatoryScan>> = {};
    for (const domain of DOMAINS) {
      process.stderr.write(`  Observatory ${version}, ${domain}, ${LATENCY} ms DNS: `);
      const ports = { 80: info.options[domain].portMap[80], 443: info.options[domain].portMap[443] };
      const cfg = { dns: info.server, ports, domain, scanner: pathToFileURL(scanner).href, warmup: WARMUP, runs: RUNS };
      const out = await runNode(
        'the Observatory',
        [file],
        { ...env, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '*', SCHILD_BENCH_OBSERVATORY: JSON.stringify(cfg) },
        30_000,
        false,
      );
      const scan = JSON.parse(out) as ObservatoryScan;
      scans[domain] = scan;
      process.stderr.write(`median ${msText(median(scan.times))} (${scan.times.map((t) => fmt(t, 0)).join(', ')}), grade ${scan.grade}\n`);
    }
    return { ran: true, version, scans: scans as Record<Domain, ObservatoryScan> };
  } catch (err) {
    return { ran: false, version, reason: `it failed here: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Observatory test → the Schild check that judges the same header or behaviour. */
const VERDICT_ROWS: readonly { label: string; observatory?: string; schild?: string }[] = [
  { label: 'Strict-Transport-Security', observatory: 'strict-transport-security', schild: 'web.hsts' },
  { label: 'Content-Security-Policy', observatory: 'content-security-policy', schild: 'web.csp' },
  { label: 'X-Frame-Options / frame-ancestors', observatory: 'x-frame-options', schild: 'web.frame' },
  { label: 'X-Content-Type-Options', observatory: 'x-content-type-options', schild: 'web.xcto' },
  { label: 'Referrer-Policy', observatory: 'referrer-policy', schild: 'web.referrer' },
  { label: 'Cookies', observatory: 'cookies', schild: 'web.cookies' },
  { label: 'Subresource Integrity', observatory: 'subresource-integrity', schild: 'web.sri' },
  { label: 'HTTP → HTTPS redirect', observatory: 'redirection', schild: 'web.redirect' },
  { label: 'CORS', observatory: 'cross-origin-resource-sharing' },
  { label: 'Cross-Origin-Resource-Policy', observatory: 'cross-origin-resource-policy' },
  { label: 'Server / X-Powered-By disclosure', schild: 'web.server_disclosure' },
];

/** [Observatory cell, Schild cell, agree]; pass means Observatory `pass`, and Schild status pass or info. */
function verdictCells(obs: ObservatoryScan, schild: Series, row: (typeof VERDICT_ROWS)[number]): [string, string, string] {
  const t = row.observatory ? obs.tests[row.observatory] : undefined;
  const o = row.schild ? schild.checks.find((c) => c.id === row.schild) : undefined;
  const obsCell = t ? `${t.pass ? 'pass' : 'fail'} \`${t.result}\` (${t.scoreModifier > 0 ? '+' : ''}${t.scoreModifier})` : '—';
  const schildCell = o ? `${o.status} \`${o.messageKey}\`` : '—';
  const agree = t && o ? (Boolean(t.pass) === (o.status === 'pass' || o.status === 'info') ? 'yes' : '**no**') : '—';
  return [obsCell, schildCell, agree];
}

// ---------------------------------------------------------------------------------------------------------------
// Report

function report(r: ScannerReport, obs: ObservatoryOutcome, seconds: number, timeoutMs: number): string {
  const s = r.series;
  const needed = Math.max(...r.chains.map((c) => c.depth));
  const scanRow = (label: string, z: Series, l: Series, c?: Series) => {
    const floor = z.median + needed * LATENCY;
    return (
      `| ${label} | ${fmt(l.queries)} | ${msText(z.median)} | ${msText(l.median)} (${fmt(Math.min(...l.times), 0)}–${fmt(Math.max(...l.times), 0)}) | ` +
      `${fmt((l.median - z.median) / LATENCY, 1)} | ${c ? fmt((c.median - z.median) / CHECK_LATENCY, 1) : '—'} | ${needed} | ${msText(floor)} | **${fmt(l.median / floor, 2)}×** |`
    );
  };
  const scanTable = [
    `| Scan of good.test | DNS queries | Wall, 0 ms DNS (t0) | Wall, ${LATENCY} ms DNS (t${LATENCY}; min–max) | Round trips on the critical path, (t${LATENCY} − t0) ÷ ${LATENCY} ms | Same from ${CHECK_LATENCY} ms DNS, (t${CHECK_LATENCY} − t0) ÷ ${CHECK_LATENCY} ms | Round trips needed | Floor, t0 + needed × ${LATENCY} ms | Wall ÷ floor |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    scanRow('Full scan, no lookalikes', s.good0, s.goodL, s.goodC),
    scanRow(`Full scan, ${LOOKALIKES} lookalike candidates`, s.brand0, s.brandL, s.brandC),
  ].join('\n');
  const extraCa =
    `As the tests run it, with the lab CA passed as \`extraCa\` (a trust store built from every Node root plus the test CA for each TLS connection): ` +
    `t0 ${msText(s.ca0.median)}, t${LATENCY} ${msText(s.caL.median)} (${fmt(Math.min(...s.caL.times), 0)}–${fmt(Math.max(...s.caL.times), 0)}), ` +
    `${msText(s.caL.median - s.goodL.median)} more per scan at ${LATENCY} ms than with the CA in Node's default store.`;

  const tp = r.throughput;
  const tpTable = [
    `| Load (good.test, ${LATENCY} ms DNS) | Scans | Wall | Scans/min | Time per scan, median (max) |`,
    '| --- | ---: | ---: | ---: | ---: |',
    `| One at a time (the median above) | 1 | ${msText(s.goodL.median)} | ${fmt(60_000 / s.goodL.median, 0)} | ${msText(s.goodL.median)} |`,
    `| **At most ${CONCURRENCY} at a time** | ${TOTAL} | ${fmt(tp.wallMs / 1000, 2)} s | **${fmt(tp.perMinute, 0)}** | ${msText(median(tp.latencies))} (${msText(Math.max(...tp.latencies))}) |`,
  ].join('\n');

  let obsPart: string;
  if (obs.ran) {
    const schild: Record<Domain, Series> = { 'good.test': s.goodL, 'weak.test': s.weakL };
    const cells = (row: (typeof VERDICT_ROWS)[number]) => DOMAINS.flatMap((d) => verdictCells(obs.scans[d], schild[d], row));
    const shared = DOMAINS.flatMap((d) =>
      VERDICT_ROWS.filter((row) => row.observatory && row.schild).map((row) => verdictCells(obs.scans[d], schild[d], row)[2]),
    );
    const both = (f: (d: Domain) => string) => DOMAINS.map(f).join(' | ');
    obsPart = [
      `MDN HTTP Observatory ${obs.version} and Schild on the same local sites, ${LATENCY} ms DNS latency for both, ${WARMUP} warm-up then the median of ${RUNS}:`,
      '',
      '| Measure | good.test | weak.test |',
      '| --- | ---: | ---: |',
      `| Schild full scan: DNS, mail and web (\`retrieve\` + \`analyze\`) | ${both((d) => msText(schild[d].median))} |`,
      `| Schild web part: HTTPS and HTTP chains, 5 TLS handshakes, security.txt, run beside DNS and mail (time until handed over, an upper bound) | ${both((d) => msText(schild[d].webMedian))} |`,
      `| Observatory \`scan()\`: HTTP and HTTPS chains, robots.txt, CORS preflight | ${both((d) => msText(median(obs.scans[d].times)))} |`,
      `| Schild grade (mail, DNS and web) | ${both((d) => `${schild[d].grade} (${schild[d].score})`)} |`,
      `| Observatory grade (web headers) | ${both((d) => `${obs.scans[d].grade} (${obs.scans[d].score})`)} |`,
      '',
      `Header verdicts; pass is Observatory \`pass\`, and Schild status pass or info. ${shared.filter((a) => a === 'yes').length} of ${shared.length} shared verdicts agree.`,
      '',
      '| Header / behaviour | Observatory, good.test | Schild, good.test | Agree | Observatory, weak.test | Schild, weak.test | Agree |',
      '| --- | --- | --- | :-: | --- | --- | :-: |',
      ...VERDICT_ROWS.map((row) => `| ${row.label} | ${cells(row).join(' | ')} |`),
    ].join('\n');
  } else {
    obsPart = `MDN HTTP Observatory${obs.version ? ` ${obs.version}` : ''}: not run. ${obs.reason[0]!.toUpperCase()}${obs.reason.slice(1)}.`;
  }

  return [
    `Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} (${fmt(seconds, 0)} s in all)`,
    '',
    `Machine: ${machine()}`,
    '',
    `Settings: loopback scanner lab in its own process, ${LATENCY} ms added to every DNS answer unless stated, ${WARMUP} warm-up then the median of ${RUNS} scans, ` +
      `DKIM selectors \`selector1\` and \`google\`, ${timeoutMs} ms timeout per network operation, lab CA trusted through NODE_EXTRA_CA_CERTS.`,
    '',
    scanTable,
    '',
    `Needed round trips, from the dependency chains of good.test: ${r.chains.map((c) => `${c.what}: ${c.depth}`).join('; ')}.`,
    '',
    extraCa,
    '',
    tpTable,
    '',
    obsPart,
  ].join('\n');
}

async function main(): Promise<void> {
  const deadline = stopAfter(DEADLINE_MS);
  const began = performance.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-scan-'));
  let lab: Awaited<ReturnType<typeof startLab>> | undefined;
  try {
    process.stderr.write('Starting the scanner lab (own process, 127.0.0.1) …\n');
    lab = await startLab(tmp);
    const caFile = path.join(tmp, 'lab-ca.pem');
    await writeFile(caFile, lab.info.options['good.test'].extraCa ?? '');
    const out = await runNode(
      'the Schild scanner',
      ['--import', 'tsx', fileURLToPath(import.meta.url)],
      { ...process.env, SCHILD_BENCH_SCAN_ROLE: 'scanner', SCHILD_BENCH_SCAN_LAB: JSON.stringify(lab.info), NODE_EXTRA_CA_CERTS: caFile },
      DEADLINE_MS,
      true,
    );
    const scans = JSON.parse(out) as ScannerReport;
    process.stderr.write('MDN HTTP Observatory:\n');
    const obs = await observatory(lab.info, caFile, tmp);
    if (!obs.ran) process.stderr.write(`  not run: ${obs.reason}\n`);
    await setLatency(lab.info, 0);

    const results = report(scans, obs, (performance.now() - began) / 1000, lab.info.options['good.test'].timeoutMs);
    console.log(`\n${results}\n`);
    if (process.env.BENCH_NO_README !== '1') {
      await writeReadmeSection('scan', results);
      process.stderr.write('Results written to bench/README.md.\n');
    }
  } finally {
    await lab?.stop();
    await rm(tmp, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

const role = process.env.SCHILD_BENCH_SCAN_ROLE;
(role === 'scanner' ? scannerMain() : main()).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`\n${role === 'scanner' ? 'Schild scanner' : 'Benchmark'} FAILED: ${err instanceof Error ? err.message : String(err)}`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
