/**
 * Part of `npm run bench:cli`: a whole `schild scan` as a user runs it, process start to exit, beside the MDN HTTP
 * Observatory's own command-line scan of the same loopback site (issue 13: "a full `schild scan` of a local site
 * faster than the Observatory on the same site"), with `node -e 0` as the floor, all in the same run.
 *
 * The site is the scanner lab of the tests (test/support/scan/lab.ts: DNS server plus HTTPS, HTTP and SMTP hosts for
 * good.test) in its own process, every DNS answer delayed by BENCH_CLI_SCAN_LATENCY ms (20) for both scanners. Both
 * trust the lab's test CA through NODE_EXTRA_CA_CERTS, as a production scanner trusts the system roots.
 *
 *   - Schild: `node bin/schild.mjs scan good.test --json` (the build in dist/) with the lab's test options
 *     (--resolver, --allow-private, --port-map), once with `--lookalikes 0` and once with the default 150 lookalike
 *     candidates. A full scan: mail (MX, SPF, DMARC, DKIM, STARTTLS), DNS (DNSSEC, CAA, name servers) and web.
 *   - Observatory: `node <package>/src/scan.js good.test`, the script its `mdn-http-observatory-scan` bin runs (the bin
 *     itself, bin/wrapper.js, only starts a second Node process for it, so timing the script alone is the Observatory's
 *     best case), web headers only. A preload (--import) sends its sockets for *.test names to the lab's DNS server and
 *     ports, as bench/scan does for its in-process `scan()`; nothing else is changed.
 *
 * Commands interleaved, BENCH_CLI_SCAN_RUNS rounds (7) after one warm-up round, medians. Every run must exit 0 with a
 * graded report, else the benchmark fails. Without the Observatory (BENCH_OBSERVATORY_DIR, see bench/README.md) its
 * row is left out and the reason printed. Bounded: each process is killed after 30 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { OBSERVATORY_LAB_SOCKETS } from '../scan/observatory-lab.ts';
import { setLatency, startLab } from '../scan/lab-process.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'schild.mjs');

/** Sockets of the Observatory to *.test names go to the lab: its DNS server (same latency) and its ports. */
const OBSERVATORY_PRELOAD = OBSERVATORY_LAB_SOCKETS;

interface Command {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Reads the grade from stdout; throws when the run did not produce a report. */
  grade?: (stdout: string) => string;
}

function runTimed(c: Command): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, c.args, { cwd: ROOT, env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`${c.name} ${signal ? `was killed (${signal})` : `exited with ${code}`}: ${(stderr || stdout).trim().slice(-400)}`));
      resolve({ ms, stdout });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function observatoryDir(): { dir?: string; why?: string } {
  const dir = process.env.BENCH_OBSERVATORY_DIR;
  if (!dir) return { why: 'BENCH_OBSERVATORY_DIR is not set (the Observatory is no dependency of Schild; see bench/README.md)' };
  if (!existsSync(path.join(dir, 'src', 'scan.js'))) return { why: `${dir}/src/scan.js is missing (not the package layout of 1.4.x)` };
  if (!existsSync(path.join(dir, 'conf', 'hsts-preload.json'))) return { why: `${dir}/conf/hsts-preload.json is missing (see bench/README.md)` };
  return { dir: path.resolve(dir) };
}

export interface ScanE2eResult {
  table: string;
  notes: string[];
}

export async function scanEndToEnd(): Promise<ScanE2eResult> {
  const runs = Number(process.env.BENCH_CLI_SCAN_RUNS ?? 7);
  const latency = Number(process.env.BENCH_CLI_SCAN_LATENCY ?? 20);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-cli-'));
  const { BASE_URL: _vite, NODE_OPTIONS: _opts, ...env } = process.env;
  // The lab in its own process, shared with the scan benchmarks (bench/scan/lab-process.ts).
  const lab = await startLab(tmp);
  try {
    await setLatency(lab.info, latency);
    const o = lab.info.options['good.test'];
    const info = { dns: o.resolver!, ports: o.portMap ?? {}, ca: o.extraCa ?? '' };
    const caFile = path.join(tmp, 'lab-ca.pem');
    await writeFile(caFile, info.ca);

    const clean = { ...env, NODE_EXTRA_CA_CERTS: caFile, NO_PROXY: '*' };
    const labArgs = ['--resolver', info.dns, '--allow-private', '--port-map', Object.entries(info.ports).map(([a, b]) => `${a}=${b}`).join(',')];
    const schildGrade = (out: string) => {
      const body = JSON.parse(out) as { grade?: string; score?: number; checks?: unknown[] };
      if (!body.grade || !Array.isArray(body.checks)) throw new Error('schild scan printed no graded report');
      return `${body.grade} (${body.score})`;
    };
    const commands: Command[] = [
      { name: 'node -e 0', args: ['-e', '0'], env: clean },
      { name: 'schild scan good.test --json --lookalikes 0 (dist)', args: [BIN, 'scan', 'good.test', '--json', '--lookalikes', '0', ...labArgs], env: { ...clean, NODE_ENV: 'test' }, grade: schildGrade },
      { name: 'schild scan good.test --json, 150 lookalike candidates (dist)', args: [BIN, 'scan', 'good.test', '--json', ...labArgs], env: { ...clean, NODE_ENV: 'test' }, grade: schildGrade },
    ];
    const notes: string[] = [];
    const obs = observatoryDir();
    if (obs.dir) {
      const version = (JSON.parse(await readFile(path.join(obs.dir, 'package.json'), 'utf8')) as { version: string }).version;
      const preload = path.join(tmp, 'observatory-preload.mjs');
      await writeFile(preload, OBSERVATORY_PRELOAD);
      commands.push({
        name: `Observatory ${version}: node src/scan.js good.test`,
        args: ['--import', pathToFileURL(preload).href, path.join(obs.dir, 'src', 'scan.js'), 'good.test'],
        env: { ...clean, SCHILD_BENCH_OBSERVATORY: JSON.stringify({ dns: info.dns, ports: info.ports }) },
        grade: (out) => {
          const body = JSON.parse(out) as { scan?: { grade?: string; score?: number }; error?: string };
          if (!body.scan?.grade) throw new Error(`the Observatory printed no grade: ${body.error ?? out.slice(0, 200)}`);
          return `${body.scan.grade} (${body.scan.score})`;
        },
      });
    } else notes.push(`Observatory not run: ${obs.why}.`);

    const times = new Map<string, number[]>(commands.map((c) => [c.name, []]));
    const grades = new Map<string, string>();
    for (let round = 0; round <= runs; round++) {
      for (const c of commands) {
        const { ms, stdout } = await runTimed(c);
        if (c.grade) grades.set(c.name, c.grade(stdout));
        if (round > 0) times.get(c.name)!.push(ms);
      }
      process.stderr.write(`  scan end to end: round ${round}/${runs}\n`);
    }
    const floor = median(times.get('node -e 0')!);
    const obsName = commands.find((c) => c.name.startsWith('Observatory'))?.name;
    const obsMedian = obsName ? median(times.get(obsName)!) : NaN;
    const rows = commands.map((c) => {
      const m = median(times.get(c.name)!);
      const vsObs = obsName && c.name !== 'node -e 0' ? `${(m / obsMedian).toFixed(2)}×` : '—';
      return `| ${c.name} | ${m.toFixed(0)} ms | ${c.name === 'node -e 0' ? '—' : `+${(m - floor).toFixed(0)} ms`} | ${vsObs} | ${grades.get(c.name) ?? '—'} |`;
    });
    const table = ['| Command (good.test, ' + latency + ' ms per DNS answer) | Median wall time | Over `node -e 0` | vs Observatory | Grade |', '|---|---|---|---|---|', ...rows].join('\n');
    return { table, notes };
  } finally {
    await lab.stop();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** For a profile: `node --import tsx bench/cli/scan-e2e.ts` prints the table alone. */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  spawnSync(process.execPath, [BIN, '--version'], { stdio: 'ignore' }); // builds dist/ when stale
  const r = await scanEndToEnd();
  console.log(r.table);
  for (const n of r.notes) console.log(n);
}
