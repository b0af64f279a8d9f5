/**
 * `npm run bench:scan-worker`: scans per minute through ONE real `schild worker` process (issue 13: "600+ scans per
 * minute per worker on the lab"), the way the daily re-scan runs at country scale: watched domains of companies, each
 * scan a job in the PostgreSQL queue, claimed, captured, stored with its fingerprint, its next daily scan planned.
 *
 * On loopback only: a throw-away PostgreSQL server started like the test suite's (test/support/postgres.ts), the
 * scanner lab in its own process (bench/scan/lab-process.ts) with BENCH_SCAN_WORKER_LATENCY ms (20) added to every
 * DNS answer, and `node bin/schild.mjs worker` pointed at both. For each WORKER_CONCURRENCY in
 * BENCH_SCAN_WORKER_CONCURRENCY ("1,8"): BENCH_SCAN_WORKER_TOTAL (150) companies each watch good.test, one scan of each
 * is due now; a fresh worker starts and the time runs from the first scan's start to the last one's end, as the
 * database recorded them. Checked afterwards: every scan done (none failed), every job run exactly once, and each
 * domain's next daily scan waiting, once. Bounded: the run stops after 240 s. BENCH_NO_README=1 leaves bench/README.md
 * alone; otherwise its "Scans through one worker" section is rewritten.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SCAN_JOB } from '../../src/app/scans.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import type { Database } from '../../src/db/schema.ts';
import { enqueueJob } from '../../src/db/repositories/job.repository.ts';
import { insertCompany } from '../../src/db/repositories/company.repository.ts';
import { createDatabase, startPostgres } from '../../test/support/postgres.ts';
import { ROOT, fmt, intEnv, machine, writeReadmeSection } from '../http/run.ts';
import { children, labEnv, setLatency, startLab, stopAfter } from './lab-process.ts';

const LATENCY = intEnv('BENCH_SCAN_WORKER_LATENCY', 20);
const TOTAL = intEnv('BENCH_SCAN_WORKER_TOTAL', 150);
const CONCURRENCY = (process.env.BENCH_SCAN_WORKER_CONCURRENCY ?? '1,8').split(',').map(Number);
const DEADLINE_MS = 240_000;
const GOAL_PER_MINUTE = 600;

interface Row {
  concurrency: number;
  lanes: number;
  scans: number;
  seconds: number;
  perMinute: number;
  failed: number;
  jobsRunTwice: number;
  nextPlanned: number;
}

/** Companies that each watch good.test (verified), and one monitoring scan of each due now; returns the scan ids. */
async function seed(db: Kysely<Database>, n: number, now: Date): Promise<string[]> {
  const at = now.toISOString();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const companyId = randomUUID();
    await insertCompany(db, companyId, { name: `Bench ${i}`, enterpriseNumber: null, naceCode: '69201', employees: 4, region: 'flanders', language: 'nl', website: true, webshop: false, emailProvider: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: false, itProvider: false }, at);
    await db.insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'good.test', verify_token: randomUUID(), verified_at: at, verify_method: 'dns', created_at: at, last_scan_id: null, fingerprint: null }).execute();
    const scanId = randomUUID();
    await db.insertInto('scans').values({ id: scanId, domain: 'good.test', company_id: companyId, requested_by: null, status: 'queued', progress: 0, step: null, algorithm_version: null, grade: null, result: null, error: null, created_at: at, started_at: null, finished_at: null, fingerprint: null }).execute();
    await enqueueJob(db, { type: SCAN_JOB, payload: { scanId }, runAt: now, maxAttempts: 2 }, now);
    ids.push(scanId);
  }
  return ids;
}

function startWorkerProcess(env: NodeJS.ProcessEnv): { child: ChildProcess; stop: () => Promise<void>; lanes: Promise<number> } {
  const child = spawn(process.execPath, ['bin/schild.mjs', 'worker'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  const lanes = new Promise<number>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = /"lanes":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`schild worker exited (${code}) before it started: ${out.trim().slice(-400)}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lanes,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      children.delete(child);
    },
  };
}

async function measure(db: Kysely<Database>, url: string, env: NodeJS.ProcessEnv, concurrency: number): Promise<Row> {
  await sql`truncate scans, jobs, company_domains, companies cascade`.execute(db);
  const ids = await seed(db, TOTAL, new Date());
  process.stderr.write(`  WORKER_CONCURRENCY=${concurrency}: ${TOTAL} scans … `);
  const worker = startWorkerProcess({ ...env, DATABASE_URL: url, WORKER_CONCURRENCY: String(concurrency), DATABASE_POOL_MAX: String(Math.max(10, 2 * concurrency + 2)) });
  const lanes = await worker.lanes;
  const began = performance.now();
  try {
    for (;;) {
      const { n } = await db.selectFrom('scans').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'in', ids).where('status', 'in', ['done', 'failed']).executeTakeFirstOrThrow();
      if (Number(n) === ids.length) break;
      if (performance.now() - began > DEADLINE_MS / 2) throw new Error(`only ${n} of ${ids.length} scans finished in ${DEADLINE_MS / 2000} s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await worker.stop();
  }
  const span = await db
    .selectFrom('scans')
    .select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('finished_at').as('last'), eb.fn.countAll<string>().filterWhere('status', '=', 'failed').as('failed')])
    .where('id', 'in', ids)
    .executeTakeFirstOrThrow();
  const seconds = (new Date(String(span.last)).getTime() - new Date(String(span.first)).getTime()) / 1000;
  const twice = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', SCAN_JOB).where('status', '=', 'done').where('attempts', '>', 1).executeTakeFirstOrThrow();
  const next = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('type', '=', SCAN_JOB).where('status', '=', 'queued').where('singleton_key', 'is not', null).executeTakeFirstOrThrow();
  const row = { concurrency, lanes, scans: ids.length, seconds, perMinute: (ids.length / seconds) * 60, failed: Number(span.failed), jobsRunTwice: Number(twice.n), nextPlanned: Number(next.n) };
  process.stderr.write(`${fmt(seconds, 1)} s, ${fmt(row.perMinute, 0)} scans/min (${lanes} at a time)\n`);
  return row;
}

async function main(): Promise<void> {
  const deadline = stopAfter(DEADLINE_MS);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'schild-bench-scan-worker-'));
  process.stderr.write('Starting PostgreSQL and the scanner lab (127.0.0.1) …\n');
  const server = await startPostgres();
  const lab = await startLab(tmp);
  const url = await createDatabase(server.url, 'bench_scan_worker');
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
  try {
    await migrateToLatest(db, 'postgres');
    const caFile = path.join(tmp, 'lab-ca.pem');
    await writeFile(caFile, lab.info.options['good.test'].extraCa ?? '');
    await setLatency(lab.info, LATENCY);
    const env: NodeJS.ProcessEnv = { ...process.env, ...labEnv(lab.info, caFile), DATA_DIR: tmp, BASE_URL: 'http://127.0.0.1:3000', LOG_LEVEL: 'info', NODE_ENV: 'development' };
    delete env.METRICS_PORT;
    const rows: Row[] = [];
    for (const c of CONCURRENCY) rows.push(await measure(db, url, env, c));
    const results = [
      `Run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
      '',
      `Machine: ${machine()}`,
      '',
      `One \`schild worker\` process on PostgreSQL 15 (127.0.0.1), the scanner lab in its own process with ${LATENCY} ms added to every DNS answer; ${TOTAL} companies each watching good.test, one monitoring scan of each due at once. Time from the first scan's start to the last one's end, as stored.`,
      '',
      '| WORKER_CONCURRENCY | Jobs at once | Scans | Seconds | Scans per minute | Goal 600+ | Failed | Jobs run twice | Next daily scans planned |',
      '| ---: | ---: | ---: | ---: | ---: | :-: | ---: | ---: | ---: |',
      ...rows.map((r) => `| ${r.concurrency} | ${r.lanes} | ${r.scans} | ${fmt(r.seconds, 1)} | ${fmt(r.perMinute, 0)} | ${r.perMinute >= GOAL_PER_MINUTE ? 'yes' : 'no'} | ${r.failed} | ${r.jobsRunTwice} | ${r.nextPlanned} |`),
    ].join('\n');
    console.log(`\n${results}\n`);
    for (const r of rows) if (r.failed > 0 || r.jobsRunTwice > 0 || r.nextPlanned !== r.scans) throw new Error(`WORKER_CONCURRENCY=${r.concurrency}: ${r.failed} failed, ${r.jobsRunTwice} run twice, ${r.nextPlanned} next scans planned of ${r.scans}`);
    if (process.env.BENCH_NO_README !== '1') {
      await writeReadmeSection('scan-worker', results);
      process.stderr.write('Results written to bench/README.md.\n');
    }
  } finally {
    await db.destroy();
    await lab.stop();
    await server.stop();
    await rm(tmp, { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`\nBenchmark FAILED: ${err instanceof Error ? err.message : String(err)}`);
    for (const child of children) child.kill('SIGKILL');
    process.exit(1);
  },
);
