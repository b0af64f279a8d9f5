import { sql, type Selectable } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { JobsTable } from '../schema.ts';
import type { Conn } from './types.ts';

export interface Job {
  id: number;
  type: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  /** When it was due (ISO): the worker measures the wait from due to start. */
  runAt: string;
}

/** The row of a new waiting job (shared by both ways of enqueueing). */
function newJobRow(job: { type: string; payload: unknown; runAt: Date; maxAttempts?: number }, now: Date) {
  return {
    type: job.type,
    payload: JSON.stringify(job.payload),
    status: 'queued',
    attempts: 0,
    max_attempts: job.maxAttempts ?? 8,
    run_at: job.runAt.toISOString(),
    locked_at: null,
    locked_by: null,
    last_error: null,
    created_at: now.toISOString(),
    finished_at: null,
  } as const;
}

export async function enqueueJob(
  db: Conn,
  job: { type: string; payload: unknown; runAt: Date; maxAttempts?: number },
  now: Date,
): Promise<number> {
  const row = await db.insertInto('jobs').values(newJobRow(job, now)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Enqueues a job that may wait only once under `singletonKey` (the next run of a recurring schedule, the next batch
 * of a campaign): returns its id, or null when a job with that key is already waiting. The unique index of migration
 * 027 decides, so processes that start at once cannot plan two chains (a read-then-insert could: both read "none").
 */
export async function enqueueSingletonJob(
  db: Conn,
  job: { type: string; payload: unknown; runAt: Date; maxAttempts?: number; singletonKey: string },
  now: Date,
): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({ ...newJobRow(job, now), singleton_key: job.singletonKey })
    // No conflict target: the only unique constraint a new job can hit is jobs_singleton (the id is generated).
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Which of `keys` have a job waiting under them (one statement over the partial unique index jobs_singleton). */
export async function waitingSingletonKeys(db: Conn, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  // The status is a literal so SQLite, which plans before binding, can use the partial index.
  const rows = await db.selectFrom('jobs').select('singleton_key').where('status', '=', sql.lit('queued')).where('singleton_key', 'is not', null).where('singleton_key', 'in', keys).execute();
  return new Set(rows.flatMap((r) => (r.singleton_key === null ? [] : [r.singleton_key])));
}

/**
 * Claims the next due job for one worker, in two statements that each follow one partial index (migration 027):
 * first a job left 'running' longer than the lease (its worker crashed; jobs_lease holds only running jobs, a
 * handful), then the first waiting job in due order (jobs_due). One statement with `status = 'queued' OR (status =
 * 'running' AND lease expired)` made PostgreSQL gather and sort every due job at each claim, which grows with the
 * backlog. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets any number of workers claim concurrently without taking the
 * same job; SQLite has a single writer, so each statement is already exclusive there. Stale jobs come first so a
 * long backlog cannot starve them.
 */
export async function claimJob(db: Conn, dialect: Dialect, workerId: string, now: Date, leaseMs: number): Promise<Job | undefined> {
  const nowIso = now.toISOString();
  const staleIso = new Date(now.getTime() - leaseMs).toISOString();
  // The statuses are literals, not parameters, so SQLite (which plans before binding) can match the partial indexes.
  let stale = db.selectFrom('jobs').select('id').where('status', '=', sql.lit('running')).where('locked_at', '<=', staleIso).limit(1);
  let due = db.selectFrom('jobs').select('id').where('status', '=', sql.lit('queued')).where('run_at', '<=', nowIso).orderBy('run_at').orderBy('id').limit(1);
  if (dialect === 'postgres') {
    stale = stale.forUpdate().skipLocked();
    due = due.forUpdate().skipLocked();
  }
  for (const next of [stale, due]) {
    const row: Selectable<JobsTable> | undefined = await db
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', locked_at: nowIso, locked_by: workerId, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
      .returningAll()
      .executeTakeFirst();
    if (row) return toJob(row);
  }
  return undefined;
}

function toJob(row: Selectable<JobsTable>): Job {
  let payload: unknown = null;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = null;
  }
  return { id: Number(row.id), type: row.type, payload, attempts: row.attempts, maxAttempts: row.max_attempts, runAt: row.run_at };
}

export async function completeJob(db: Conn, id: number, workerId: string, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: now.toISOString(), locked_at: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/** Renews a running job's lease for the worker that holds it; false when another worker has taken it over. */
export async function renewJobLease(db: Conn, id: number, workerId: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ locked_at: now.toISOString() }).where('id', '=', id).where('locked_by', '=', workerId).where('status', '=', 'running').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Records a failure: back to the queue at `retryAt`, or 'failed' for good after the last attempt. A retry gives up its
 * singleton key: the run it belonged to may already have planned its successor under that key (the training scheduler
 * plans before it works), and the retry is one more run of the same work, not a second chain.
 */
export async function failJob(db: Conn, id: number, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', run_at: retryAt.toISOString(), locked_at: null, locked_by: null, last_error: error.slice(0, 2000), singleton_key: null }
        : { status: 'failed', finished_at: now.toISOString(), locked_at: null, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Deletes up to `batch` finished jobs (done or failed) that finished before `before`, in no particular order (all of
 * them go); returns how many.
 * Called in a loop of small batches so each statement holds its locks briefly (docs/operations.md, job retention).
 */
export async function purgeFinishedJobs(db: Conn, before: Date, batch: number): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb.selectFrom('jobs').select('id').where('status', 'in', [sql.lit('done'), sql.lit('failed')]).where('finished_at', '<', before.toISOString()).limit(batch),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function jobCounts(db: Conn): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function findJob(db: Conn, id: number): Promise<Selectable<JobsTable> | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** How many waiting jobs a metrics scrape counts at most (docs/observability.md). */
export const QUEUE_COUNT_LIMIT = 10_000;

/**
 * Jobs waiting per type: all queued ones, and those already due (the backlog). Read on each metrics scrape of every
 * process, so it is bounded: it walks at most `limit` waiting jobs in due order along jobs_due (migration 027) and
 * counts those. Before 2026-12-07 it counted every waiting job at each scrape, a million at country scale. The due
 * ones come first, so `due` is exact below the limit; with `capped` the walk stopped at the limit and every count is
 * a lower bound ("at least"). Jobs waiting for later beyond the limit are not seen.
 */
export async function queueDepth(db: Conn, now: Date, limit = QUEUE_COUNT_LIMIT): Promise<{ types: { type: string; queued: number; due: number }[]; capped: boolean }> {
  const nowIso = now.toISOString();
  // The status is a literal so SQLite, which plans before binding, can use the partial index.
  const waiting = db.selectFrom('jobs').select(['type', 'run_at']).where('status', '=', sql.lit('queued')).orderBy('run_at').orderBy('id').limit(limit);
  const rows = await db
    .selectFrom(waiting.as('w'))
    .select((eb) => ['w.type', eb.fn.countAll<string | number>().as('queued'), eb.fn.sum<string | number | null>(eb.case().when('w.run_at', '<=', nowIso).then(1).else(0).end()).as('due')])
    .groupBy('w.type')
    .execute();
  const types = rows.map((r) => ({ type: r.type, queued: Number(r.queued), due: Number(r.due ?? 0) }));
  return { types, capped: types.reduce((n, t) => n + t.queued, 0) >= limit };
}

/** PostgreSQL: wakes every listening worker (docs/decisions/0002-job-queue.md); delivered when the caller's transaction commits. */
export async function notifyJobs(db: Conn): Promise<void> {
  await sql`select pg_notify(${JOB_CHANNEL}, '')`.execute(db);
}

/** The LISTEN/NOTIFY channel workers wait on (src/db/job-listener.ts). */
export const JOB_CHANNEL = 'schild_jobs';
