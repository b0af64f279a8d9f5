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

export async function enqueueJob(
  db: Conn,
  job: { type: string; payload: unknown; runAt: Date; maxAttempts?: number },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/**
 * Claims the next due job for one worker. A job left 'running' longer than the lease (its worker crashed) is due
 * again. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets any number of workers claim concurrently without taking the
 * same job; SQLite has a single writer, so the same statement is already exclusive there.
 */
export async function claimJob(db: Conn, dialect: Dialect, workerId: string, now: Date, leaseMs: number): Promise<Job | undefined> {
  const nowIso = now.toISOString();
  const staleIso = new Date(now.getTime() - leaseMs).toISOString();
  let next = db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', nowIso)]),
        eb.and([eb('status', '=', 'running'), eb('locked_at', '<=', staleIso)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  const row: Selectable<JobsTable> | undefined = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', locked_at: nowIso, locked_by: workerId, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
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

/** Records a failure: back to the queue at `retryAt`, or 'failed' for good after the last attempt. */
export async function failJob(db: Conn, id: number, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set(
      retryAt
        ? { status: 'queued', run_at: retryAt.toISOString(), locked_at: null, locked_by: null, last_error: error.slice(0, 2000) }
        : { status: 'failed', finished_at: now.toISOString(), locked_at: null, last_error: error.slice(0, 2000) },
    )
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Whether a job of this type (and, when given, this exact payload) is waiting to run — not running, not finished —
 * so a chain of self-rescheduling runs stays one chain.
 */
export async function hasQueuedJob(db: Conn, type: string, payload?: unknown): Promise<boolean> {
  let q = db.selectFrom('jobs').select('id').where('type', '=', type).where('status', '=', 'queued');
  if (payload !== undefined) q = q.where('payload', '=', JSON.stringify(payload));
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

export async function jobCounts(db: Conn): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function findJob(db: Conn, id: number): Promise<Selectable<JobsTable> | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Jobs waiting per type: all queued ones, and those already due (the backlog). Read on each metrics scrape. */
export async function queueDepth(db: Conn, now: Date): Promise<{ type: string; queued: number; due: number }[]> {
  const nowIso = now.toISOString();
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['type', eb.fn.countAll<string | number>().as('queued'), eb.fn.sum<string | number | null>(eb.case().when('run_at', '<=', nowIso).then(1).else(0).end()).as('due')])
    .where('status', '=', 'queued')
    .groupBy('type')
    .execute();
  return rows.map((r) => ({ type: r.type, queued: Number(r.queued), due: Number(r.due ?? 0) }));
}

/** PostgreSQL: wakes every listening worker (docs/decisions/0002-job-queue.md); delivered when the caller's transaction commits. */
export async function notifyJobs(db: Conn): Promise<void> {
  await sql`select pg_notify(${JOB_CHANNEL}, '')`.execute(db);
}

/** The LISTEN/NOTIFY channel workers wait on (src/db/job-listener.ts). */
export const JOB_CHANNEL = 'schild_jobs';
