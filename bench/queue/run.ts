/**
 * `npm run bench:queue`: does the job queue hold a country's background work? (issue 13; docs/decisions/0002)
 *
 * On a throw-away PostgreSQL server started like the test suite's (test/support/postgres.ts; 127.0.0.1 only):
 *   1. Bulk-inserts QUEUE_BENCH_DAY (1,000,000) waiting jobs spread evenly over the next 24 hours (the daily re-scan of
 *      every monitored domain) and a backlog of QUEUE_BENCH_BACKLOG (150,000) jobs already due, with one raw
 *      INSERT … SELECT generate_series (the queue's own enqueue is one INSERT per job; bulk is only the set-up).
 *   2. Baselines on one connection, in the same run: raw `select 1` round trips per second, and raw one-row UPDATEs of
 *      `jobs` by primary key per second (a claim is two such round trips plus the completion: the floor of a claim).
 *   3. The claim's query plan at this size: EXPLAIN ANALYZE of the old single claim (`queued and due OR running past
 *      the lease`) and of today's two statements (src/db/repositories/job.repository.ts, migration 027).
 *   4. For N = 1, 2, 4 worker processes (bench/queue/worker.ts, the real runner: claimJob → perform → completeJob),
 *      QUEUE_BENCH_SECONDS (20) s each of claiming from the backlog: claims per second, and the daily capacity
 *      (claims/s × 86,400) against the 1,000,000 a day needs.
 *   5. A 10,000-recipient fan-out (one job per mail, as queueMail enqueues a send-email job per recipient of a
 *      training nudge or reminder): the 10,000 jobs due now in one transaction with NOTIFY, 4 workers that wait as
 *      `schild worker` does (LISTEN, poll every 5 s); latency from due to start, p50 / p99 / max, and time to finish.
 *   6. No job ran twice: every run inserts a row in `bench_runs`; the runs are counted per job.
 * Bounded: every phase stops after its time; the server is stopped and deleted at the end. BENCH_NO_README=1 leaves
 * bench/README.md alone; otherwise the "Queue at country scale" section is rewritten with this run's figures.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { migrateToLatest } from '../../src/db/migrations.ts';
import type { Database } from '../../src/db/schema.ts';
import { createDatabase, startPostgres } from '../../test/support/postgres.ts';

const DAY_JOBS = Number(process.env.QUEUE_BENCH_DAY ?? 1_000_000);
const BACKLOG = Number(process.env.QUEUE_BENCH_BACKLOG ?? 150_000);
const SECONDS = Number(process.env.QUEUE_BENCH_SECONDS ?? 20);
const FANOUT = Number(process.env.QUEUE_BENCH_FANOUT ?? 10_000);
const WORKERS = (process.env.QUEUE_BENCH_WORKERS ?? '1,2,4').split(',').map(Number);
const NEEDED_PER_DAY = 1_000_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

interface WorkerResult { ran: number; waited: number[]; elapsed: number }

/**
 * Starts `n` worker processes, waits until each is set up, then says "go" to all at once (`onGo` runs right after);
 * resolves with their results once they stop by themselves after `seconds`.
 */
function runWorkers(url: string, n: number, mode: 'drain' | 'listen', seconds: number, onGo?: () => void): Promise<WorkerResult[]> {
  const children: ReturnType<typeof spawn>[] = [];
  let ready = 0;
  const go = () => {
    for (const c of children) c.stdin?.end('go\n');
    onGo?.();
  };
  return Promise.all(
    Array.from({ length: n }, () =>
      new Promise<WorkerResult>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'worker.ts'), url, mode, String(seconds)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
        children.push(child);
        let out = '';
        let seen = false;
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (!seen && out.includes('ready\n')) {
            seen = true;
            if (++ready === n) go();
          }
        });
        const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 180) * 1000);
        child.on('exit', (code) => {
          clearTimeout(killer);
          const line = out.trim().split('\n').pop() ?? '';
          if (code !== 0 || !line.startsWith('{')) return reject(new Error(`bench worker exited with ${code}`));
          resolve(JSON.parse(line) as WorkerResult);
        });
      }),
    ),
  );
}

async function rate(client: pg.Client, seconds: number, query: () => Promise<unknown>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    await query();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

async function main(): Promise<void> {
  const started = new Date();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const server = await startPostgres();
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  try {
    const url = await createDatabase(server.url, 'queue_bench');
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(db, 'postgres');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table bench_runs (n integer not null, worker integer not null, at timestamptz not null default clock_timestamp())');

    // 1. Set-up: the day and the backlog (raw bulk insert; ISO-8601 text times like the queue's own).
    const t0 = Date.now();
    const t = performance.now();
    const iso = (expr: string) => `to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await client.query(
      `insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at)
       select 'bench-day', json_build_object('n', g)::text, 'queued', 0, 8, ${iso(`to_timestamp(${t0 / 1000} + 60 + g * 86400.0 / ${DAY_JOBS})`)}, ${iso('now()')}
       from generate_series(1, ${DAY_JOBS}) g`,
    );
    await client.query(
      `insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at)
       select 'bench', json_build_object('n', ${DAY_JOBS} + g)::text, 'queued', 0, 8, ${iso(`to_timestamp(${t0 / 1000} - 3600 + g * 3000.0 / ${BACKLOG})`)}, ${iso('now()')}
       from generate_series(1, ${BACKLOG}) g`,
    );
    await client.query('analyze jobs');
    say(`set-up: ${fmt(DAY_JOBS)} jobs over the next 24 h + ${fmt(BACKLOG)} due, inserted in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // 2. Baselines on one connection.
    const anyId = Number((await client.query("select id from jobs where type = 'bench-day' limit 1")).rows[0].id);
    const select1 = await rate(client, 3, () => client.query('select 1'));
    const update1 = await rate(client, 3, () => client.query('update jobs set attempts = attempts where id = $1', [anyId]));
    say(`baseline, one connection: select 1 ${fmt(select1)}/s; one-row UPDATE of jobs by id ${fmt(update1)}/s`);

    // 3. The claim's plan at this size.
    const nowIso = new Date().toISOString();
    const staleIso = new Date(Date.now() - 300_000).toISOString();
    const explain = async (q: string, params: unknown[]) => {
      await client.query('begin');
      const plan = (await client.query(`explain (analyze, costs off) ${q}`, params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      await client.query('rollback');
      return plan;
    };
    const set = `update jobs set status = 'running', locked_at = $1, locked_by = 'x', attempts = attempts + 1 where id = `;
    const oldPlan = await explain(`${set}(select id from jobs where (status = 'queued' and run_at <= $1) or (status = 'running' and locked_at <= $2) order by run_at, id limit 1 for update skip locked) returning *`, [nowIso, staleIso]);
    const stalePlan = await explain(`${set}(select id from jobs where status = 'running' and locked_at <= $2 limit 1 for update skip locked) returning *`, [nowIso, staleIso]);
    const duePlan = await explain(`${set}(select id from jobs where status = 'queued' and run_at <= $2 order by run_at, id limit 1 for update skip locked) returning *`, [nowIso, nowIso]);
    const took = (plan: string) => /Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? '?';
    say(`claim plan at ${fmt(DAY_JOBS + BACKLOG)} rows: old single OR statement ${took(oldPlan)} ms; now lease statement ${took(stalePlan)} ms + due statement ${took(duePlan)} ms`);
    console.log(`--- old claim plan ---\n${oldPlan}\n--- due claim plan ---\n${duePlan}\n--- lease claim plan ---\n${stalePlan}`);

    // 4. Claims per second with N workers.
    const throughput: { n: number; perSecond: number }[] = [];
    for (const n of WORKERS) {
      const results = await runWorkers(url, n, 'drain', SECONDS);
      const ran = results.reduce((a, r) => a + r.ran, 0);
      const perSecond = ran / Math.max(...results.map((r) => r.elapsed));
      throughput.push({ n, perSecond });
      say(`${n} worker(s): ${fmt(ran)} jobs in ${SECONDS} s = ${fmt(perSecond)} claims/s (${(perSecond / update1).toFixed(2)}× one-row UPDATE rate); daily capacity ${fmt(perSecond * 86400)} = ${((perSecond * 86400) / NEEDED_PER_DAY).toFixed(1)}× the 1,000,000 needed`);
    }

    // 5. A 10,000-job fan-out due now, to workers waiting on LISTEN/NOTIFY.
    await client.query("update jobs set status = 'done', finished_at = run_at where type = 'bench' and status = 'queued'");
    let enqueuedAt = 0;
    const fanWorkers = Math.max(...WORKERS);
    const results = await runWorkers(url, fanWorkers, 'listen', Math.max(SECONDS, 20), () => {
      void (async () => {
        const at = new Date();
        await client.query('begin');
        await client.query(
          `insert into jobs (type, payload, status, attempts, max_attempts, run_at, created_at)
           select 'bench', json_build_object('n', ${DAY_JOBS + BACKLOG} + g)::text, 'queued', 0, 8, $1, $1 from generate_series(1, ${FANOUT}) g`,
          [at.toISOString()],
        );
        await client.query("select pg_notify('schild_jobs', '')");
        await client.query('commit');
        enqueuedAt = at.getTime();
      })();
    });
    const fanRuns = await client.query(`select count(*)::int as n, extract(epoch from max(at)) * 1000 as last from bench_runs where n > ${DAY_JOBS + BACKLOG}`);
    const fanWaits = results.flatMap((r) => r.waited).filter((w) => w < 600).sort((a, b) => a - b);
    const finishedIn = (Number(fanRuns.rows[0].last) - enqueuedAt) / 1000;
    say(`fan-out of ${fmt(FANOUT)} jobs to ${fanWorkers} listening workers: ${fmt(fanRuns.rows[0].n)} ran; due → start p50 ${ms(pct(fanWaits, 50))}, p99 ${ms(pct(fanWaits, 99))}, max ${ms(pct(fanWaits, 100))}; all done ${finishedIn.toFixed(1)} s after the commit`);

    // 6. No job ran twice.
    const dup = (await client.query('select count(*)::int as runs, count(distinct n)::int as jobs from bench_runs')).rows[0] as { runs: number; jobs: number };
    const done = Number((await client.query("select count(*) as n from jobs where type in ('bench', 'bench-day') and status = 'done' and locked_by is not null")).rows[0].n);
    say(`runs recorded ${fmt(dup.runs)}, distinct jobs ${fmt(dup.jobs)}, jobs marked done by a worker ${fmt(done)}: ${dup.runs === dup.jobs ? 'no job ran twice' : `${dup.runs - dup.jobs} DUPLICATE RUNS`}`);
    await client.end();
    await db.destroy();

    if (process.env.BENCH_NO_README !== '1') await writeReadme({ started, load, lines, throughput });
  } finally {
    await server.stop();
  }
}

async function writeReadme(r: { started: Date; load: string; lines: string[]; throughput: { n: number; perSecond: number }[] }): Promise<void> {
  const file = path.join(root, 'bench/README.md');
  const text = await readFile(file, 'utf8');
  const heading = '## Queue at country scale';
  const section = [
    heading,
    '',
    '```sh',
    `npm run bench:queue   # = node --import tsx bench/queue/run.ts (QUEUE_BENCH_SECONDS=${SECONDS}, QUEUE_BENCH_DAY=${DAY_JOBS}, QUEUE_BENCH_BACKLOG=${BACKLOG})`,
    '```',
    '',
    'What it does is described at the top of `bench/queue/run.ts`: a throw-away PostgreSQL on 127.0.0.1, a million jobs spread',
    'over the next day plus a backlog already due, worker processes running the real runner, a 10,000-job fan-out woken by',
    'NOTIFY, and a count of runs per job. Ratios are against a raw one-row UPDATE on one connection in the same run.',
    '',
    `Run of ${r.started.toISOString().slice(0, 16)} UTC on ${os.cpus().length} cores, load average at start ${r.load} (other work on the machine: figures are noisy):`,
    '',
    '```',
    ...r.lines,
    '```',
    '',
    `The day's re-scans need ${fmt(NEEDED_PER_DAY / 86400)} claims/s on average; ${r.throughput.map((x) => `${x.n} worker(s) claimed ${fmt(x.perSecond)}/s`).join(', ')}.`,
    'A 10,000-recipient phishing campaign adds only 200 queue jobs (batches of 50, `MAX_BATCH` in src/app/phishing-sending.ts;',
    'its pace is the campaign\'s own mails per minute, not the queue), and each deadline reminder one job plus one mail job per owner',
    'or admin. Decision and reading of these figures: docs/decisions/0002-job-queue.md.',
    '',
  ].join('\n');
  const start = text.indexOf(heading);
  let out: string;
  if (start < 0) out = `${text.trimEnd()}\n\n${section}`;
  else {
    const next = text.indexOf('\n## ', start + heading.length);
    out = text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1));
  }
  await writeFile(file, out.endsWith('\n') ? out : `${out}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
