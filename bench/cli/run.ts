/**
 * `npm run bench:cli`: how long `schild` takes to start, against a bare `node -e 0` measured in the same run
 * (issue 13: "`schild --version` and the start of a scan within 0.3 s of a bare `node -e 0`").
 *
 * Commands, each run BENCH_CLI_RUNS times (default 15), interleaved so that machine noise hits all alike; medians:
 *   - `node -e 0` (the floor: Node's own start);
 *   - `schild --version` and `schild scan` without a domain (which loads the whole scanner, then prints its usage: the
 *     moment a scan would start) from the build in dist/ (docs/decisions/0008-build-once.md);
 *   - the same two through tsx (SCHILD_TSX=1), as every start cost before the build.
 * Then a whole scan, process start to exit, beside the MDN HTTP Observatory's command-line scan of the same loopback
 * site (scan-e2e.ts; BENCH_OBSERVATORY_DIR, BENCH_CLI_SCAN_RUNS, BENCH_CLI_SCAN_LATENCY).
 * The build is made current first. BENCH_NO_README=1 leaves bench/README.md alone.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations
import { build, isFresh } from '../../scripts/build.mjs';
import { scanEndToEnd } from './scan-e2e.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'schild.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 15);
const { BASE_URL: _vite, ...env } = process.env;

interface Case {
  name: string;
  args: string[];
  env?: Record<string, string>;
}
const CASES: Case[] = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'schild --version (dist)', args: [BIN, '--version'] },
  { name: 'schild scan, start (dist)', args: [BIN, 'scan'] },
  { name: 'schild --version (tsx)', args: [BIN, '--version'], env: { SCHILD_TSX: '1' } },
  { name: 'schild scan, start (tsx)', args: [BIN, 'scan'], env: { SCHILD_TSX: '1' } },
];

function once(c: Case): number {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, c.args, { env: { ...env, ...c.env }, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

if (!isFresh()) await build();
const times = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
for (const c of CASES) once(c); // warm the file cache
for (let i = 0; i < RUNS; i++) for (const c of CASES) times.get(c.name)!.push(once(c));

const floor = median(times.get('node -e 0')!);
const rows = CASES.map((c) => {
  const m = median(times.get(c.name)!);
  return `| ${c.name} | ${m.toFixed(0)} ms | ${c.name === 'node -e 0' ? '—' : `+${(m - floor).toFixed(0)} ms`} |`;
});
const table = ['| Command | Median | Over `node -e 0` |', '|---|---|---|', ...rows].join('\n');
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const loadBefore = os.loadavg()[0]!.toFixed(1);
const scan = await scanEndToEnd();
const scanRuns = Number(process.env.BENCH_CLI_SCAN_RUNS ?? 7);
const result = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${cpu}, Node ${process.version}, load average ${loadBefore} (1 min) at the start (\`npm run bench:cli\`).`,
  '',
  `Start-up: ${RUNS} runs each, interleaved, medians.`,
  '',
  table,
  '',
  `A whole scan, process start to exit, on the loopback scanner lab (own process): ${scanRuns} rounds after one warm-up, interleaved, medians. The Observatory row is its CLI script \`src/scan.js\` (what its \`mdn-http-observatory-scan\` bin starts in a second process), web headers only; Schild scans mail, DNS and web.`,
  '',
  scan.table,
  ...(scan.notes.length > 0 ? ['', ...scan.notes] : []),
  '',
].join('\n');
console.log(result);

if (process.env.BENCH_NO_README !== '1') {
  const readme = path.join(ROOT, 'bench', 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:cli:start -->';
  const end = '<!-- bench:cli:end -->';
  const block = `${start}\n${result}${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  writeFileSync(readme, i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n## CLI start-up\n\n${block}\n`);
}
