#!/usr/bin/env node
// `npm test`: preflight (Chromium, PostgreSQL), then types, lint and every test (vitest).
//
//   npm test                      preflight + tsc + eslint + vitest run
//   npm test -- src/core -t name  preflight + vitest run src/core -t name   (tsc and eslint skipped)
//
// Env: CHROMIUM_PATH, PG_BIN_DIR (found automatically), SCHILD_TEST_PG_URL (use an existing
// PostgreSQL server instead of starting a throwaway one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
const sudo = isRoot ? '' : 'sudo ';

const header = (title) => {
  const line = '═'.repeat(Math.max(8, 72 - title.length - 4));
  console.log(`\n══ ${title} ${line}`);
};

function fail(message, code = 1) {
  console.error(`\n✗ ${message}`);
  process.exit(code);
}

/** Runs a command with inherited stdio; returns its exit code (128+signal when killed). */
function run(cmd, args, env = process.env) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env, cwd: root });
  if (result.error) {
    console.error(`could not run ${cmd}: ${result.error.message}`);
    return 127;
  }
  if (result.signal) return 128 + (signalNumber(result.signal) ?? 1);
  return result.status ?? 1;
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal];
}

const aptUpdated = { done: false };
function aptInstall(pkg) {
  if (!isRoot || !isDebian) return false;
  console.log(`Installing ${pkg} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated.done) {
    if (run('apt-get', ['update'], env) !== 0) return false;
    aptUpdated.done = true;
  }
  return run('apt-get', ['install', '-y', pkg], env) === 0;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

function findPgBinDir() {
  const has = (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));
  const candidates = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  candidates.push('/usr/local/bin');
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join(base, v, 'bin'));
  }
  return candidates.find(has) ?? null;
}

/** Local binary from node_modules/.bin, else through npx. */
function bin(name, args) {
  const local = path.join(root, 'node_modules', '.bin', name);
  return existsSync(local) ? [local, args] : ['npx', ['--no-install', name, ...args]];
}

// ── arguments ──────────────────────────────────────────────────────────────────
let extra = process.argv.slice(2);
if (extra[0] === '--') extra = extra.slice(1);
const focused = extra.length > 0;

// ── a. preflight ───────────────────────────────────────────────────────────────
header('Preflight: Chromium and PostgreSQL');

let chromiumPath = findChromium();
if (!chromiumPath && aptInstall('chromium')) chromiumPath = findChromium();
if (!chromiumPath) {
  fail(`Chromium not found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser).\n  Install it with: ${sudo}apt-get install -y chromium`);
}
console.log(`Chromium:   ${chromiumPath}`);

const env = { ...process.env, CHROMIUM_PATH: chromiumPath };
if (process.env.SCHILD_TEST_PG_URL) {
  console.log('PostgreSQL: using SCHILD_TEST_PG_URL');
} else {
  let pgBinDir = findPgBinDir();
  if (!pgBinDir && aptInstall('postgresql')) pgBinDir = findPgBinDir();
  if (!pgBinDir) {
    fail(
      `PostgreSQL server binaries (initdb, pg_ctl) not found (looked at $PG_BIN_DIR, PATH, /usr/local/bin, /usr/lib/postgresql/*/bin).\n  Install them with: ${sudo}apt-get install -y postgresql`,
    );
  }
  env.PG_BIN_DIR = pgBinDir;
  console.log(`PostgreSQL: ${pgBinDir}`);
}

// Tests that start `schild` as a process run the build in dist/ (docs/decisions/0008-build-once.md): make it current
// once here, rather than in each of those processes at the same time.
{
  const { isFresh, build } = await import('./build.mjs');
  if (!isFresh()) {
    const started = Date.now();
    await build();
    console.log(`Build:      dist/ rebuilt (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } else console.log('Build:      dist/ is current');
}

const RESULTS = '.tmp/vitest-results.json';
mkdirSync('.tmp', { recursive: true });

// ── b–d. types, lint, tests ────────────────────────────────────────────────────
const steps = [
  ...(focused
    ? []
    : [
        { title: 'Types: tsc --noEmit', cmd: bin('tsc', ['--noEmit']) },
        { title: 'Lint: eslint .', cmd: bin('eslint', ['.']) },
      ]),
  {
    title: `Tests: vitest run${focused ? ` ${extra.join(' ')}` : ''}`,
    cmd: bin('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${RESULTS}`, ...extra]),
    summary: true,
  },
];

if (focused) console.log('\n(arguments given: running vitest only; tsc and eslint skipped)');

/** Prints the plain closing line "N passed, N failed" that tools reading the log understand. */
function printSummary() {
  try {
    const r = JSON.parse(readFileSync(RESULTS, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  } catch {
    // No results file: vitest did not get as far as running tests; its own output says why.
  }
}

for (const step of steps) {
  header(step.title);
  const started = Date.now();
  const code = run(step.cmd[0], step.cmd[1], env);
  if (step.summary) printSummary();
  if (code !== 0) fail(`${step.title} failed (exit ${code})`, code);
  console.log(`✓ ${step.title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\n✓ All checks passed');
