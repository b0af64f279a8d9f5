/**
 * One benchmark worker process (bench/queue/run.ts starts N of them). It runs the REAL worker loop
 * (src/workers/runner.ts: claimJob, perform, completeJob) against the benchmark database, with one job type whose
 * handler records the run in `bench_runs` (a tiny, bounded piece of work: one INSERT), so the parent can count runs
 * per job and find any job that ran twice.
 *
 *   node --import tsx bench/queue/worker.ts <postgres-url> drain <seconds>   claim back to back for <seconds>
 *   node --import tsx bench/queue/worker.ts <postgres-url> listen <seconds>  as `schild worker`: LISTEN/NOTIFY wake-up,
 *                                                                           polling every 5 s, for <seconds>
 * It prints 'ready' once set up and starts on a line from the parent on stdin, so its own start-up is not measured.
 * Prints one JSON line: { ran, waited: [seconds from due to start, per job], elapsed }.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pino from 'pino';
import type { AppDeps } from '../../src/app/deps.ts';
import { systemClock } from '../../src/adapters/clock.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { listenForJobs } from '../../src/db/job-listener.ts';
import { startWorker } from '../../src/workers/runner.ts';
import type { JobType } from '../../src/workers/job-types.ts';

const [url, mode, secondsArg] = process.argv.slice(2);
if (!url || (mode !== 'drain' && mode !== 'listen')) throw new Error('usage: worker.ts <postgres-url> drain|listen <seconds>');
const seconds = Number(secondsArg ?? '10');

const { db, close } = openDatabase({ kind: 'postgres', url });
const log = pino({ level: 'warn' });
// The runner reads only db, dialect, clock and log from its dependencies.
// Only what the runner reads: the lease (the default of JOB_LEASE_SECONDS, 300 s).
const deps = { db, dialect: 'postgres', clock: systemClock, log, config: { jobLeaseMs: 300_000 } } as unknown as AppDeps;

const benchJob: JobType = {
  name: 'bench',
  async perform(_deps, payload) {
    const n = (payload as { n: number }).n;
    await sql`insert into bench_runs (n, worker) values (${n}, ${process.pid})`.execute(db);
  },
};
const types = new Map([['bench', benchJob], ['bench-day', { ...benchJob, name: 'bench-day' }]]);
const waited: number[] = [];
let ran = 0;
// Latency is recorded for the 'bench' jobs only (the backlog and the fan-out), not for the day's jobs due meanwhile.
const metrics = {
  observe(type: string, outcome: string, _s: number, w: number) {
    if (outcome !== 'done') return;
    ran++;
    if (type === 'bench') waited.push(w);
  },
};

/** Tells the parent this process is set up, and waits for its "go" (so start-up time is not measured). */
async function ready(): Promise<void> {
  await sql`select 1`.execute(db);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) =>
    process.stdin.once('data', () => {
      // Let go of stdin, or the open pipe keeps this process alive after its work.
      process.stdin.destroy();
      resolve();
    }),
  );
}

async function main(): Promise<void> {
  let elapsed = 0;
  if (mode === 'drain') {
    const worker = startWorker(deps, { autoStart: false, types, metrics });
    await ready();
    const start = performance.now();
    const stopAt = setTimeout(() => void worker.stop(), seconds * 1000);
    // drain() returns when no job is due; loop until the time is up (stop() ends the current drain).
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) if ((await worker.drain()) === 0) await new Promise((r) => setTimeout(r, 50));
    clearTimeout(stopAt);
    await worker.stop();
    elapsed = (performance.now() - start) / 1000;
  } else {
    const worker = startWorker(deps, { pollMs: 5000, types, metrics });
    const listener = listenForJobs(url!, () => worker.kick(), log);
    await listener.ready;
    await ready();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    await listener.close();
    await worker.stop();
    elapsed = seconds;
  }
  process.stdout.write(`${JSON.stringify({ ran, waited, elapsed })}\n`);
  await close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
