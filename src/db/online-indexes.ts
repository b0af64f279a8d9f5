/**
 * Indexes on tables that already hold data are built online, after the migrations (docs/decisions/0014).
 *
 * Kysely's Migrator runs each migration in a transaction on PostgreSQL, and a plain CREATE INDEX takes a SHARE lock:
 * every INSERT, UPDATE and DELETE on the table waits until the index is built, and behind a long transaction that
 * already writes to the table, the build itself waits and every write queues behind it. At country scale (a million
 * jobs a day, the audit log) that stops the processes of the old release that still serve during a rolling update
 * (issue 13: "migrations safe while old processes still serve"). CREATE INDEX CONCURRENTLY takes a lock that writes do
 * not wait for, but cannot run in a transaction (PostgreSQL manual, CREATE INDEX, "Building Indexes Concurrently").
 *
 * So a migration that adds an index to an existing table declares it here instead, and `buildOnlineIndexes` builds
 * what is missing right after the migrations, outside any transaction, before `schild migrate` (or the start of a
 * process) returns; new code therefore never runs without its indexes. One process builds at a time (an advisory
 * lock, taken by polling: see below); a build that failed half-way leaves an INVALID index, which is dropped and
 * built again. On SQLite, which has one writer at a time anyway, the same indexes are created with IF NOT EXISTS.
 *
 * The indexes exist only once every migration has run: a migration must not rely on one of them (build, drop or use
 * it as an ON CONFLICT target); src/db/migrations-expand-only.test.ts fails on a migration that names one.
 *
 * A table created in the same migration is empty: its indexes stay in the migration. src/db/migrations-expand-only.test.ts
 * fails on a migration that indexes an existing table itself.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from './connection.ts';

export interface OnlineIndex {
  name: string;
  /** `table (columns) [where predicate]`, the same SQL on both engines; constants only. */
  on: string;
  unique?: boolean;
  /** The migration that asked for it (its table and columns exist from then on). */
  since: string;
}

export const ONLINE_INDEXES: readonly OnlineIndex[] = [
  { name: 'audit_events_organisation', on: 'audit_events (organisation_id)', since: '017_organisations' },
  // The only unique constraint a new job can hit (job.repository.ts): one waiting job per singleton key.
  { name: 'jobs_singleton', unique: true, on: "jobs (singleton_key) where status = 'queued' and singleton_key is not null", since: '027_queue_at_scale' },
  { name: 'jobs_due', on: "jobs (run_at, id) where status = 'queued'", since: '027_queue_at_scale' },
  { name: 'jobs_lease', on: "jobs (locked_at) where status = 'running'", since: '027_queue_at_scale' },
  { name: 'jobs_finished', on: "jobs (finished_at) where status in ('done', 'failed')", since: '027_queue_at_scale' },
  { name: 'invitations_email', on: 'invitations (email)', since: '028_invitations_by_email' },
];

/** Advisory lock key of the online builds (decision 0014), and the pause between two tries to take it. */
const LOCK_KEY = 5_348_014;
const LOCK_POLL_MS = 200;

/** Builds the indexes that are missing (or left invalid by a failed build); returns the names built. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- runs on the schema as it is after the migrations
export async function buildOnlineIndexes(db: Kysely<any>, dialect: Dialect, indexes: readonly OnlineIndex[] = ONLINE_INDEXES): Promise<string[]> {
  const built: string[] = [];
  if (dialect === 'sqlite') {
    for (const ix of indexes) {
      const exists = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'index' and name = ${ix.name}`.execute(db);
      if (Number(exists.rows[0]?.n ?? 0) > 0) continue;
      await sql`create ${sql.raw(ix.unique ? 'unique ' : '')}index if not exists ${sql.id(ix.name)} on ${sql.raw(ix.on)}`.execute(db);
      built.push(ix.name);
    }
    return built;
  }
  // One connection for the lock and the builds, in autocommit: no transaction is open while an index is built.
  await db.connection().execute(async (conn) => {
    // Waiting with pg_try_advisory_lock and a pause between tries, never in a blocked statement: a waiting statement
    // holds a snapshot, CREATE INDEX CONCURRENTLY waits for every older snapshot, and two processes would deadlock.
    while (!(await sql<{ got: boolean }>`select pg_try_advisory_lock(${sql.lit(LOCK_KEY)}) as got`.execute(conn)).rows[0]?.got) {
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
    try {
      for (const ix of indexes) {
        // to_regclass resolves the name as CREATE INDEX placed it: beside its table, found by the search path.
        const state = await sql<{ valid: boolean }>`select i.indisvalid as valid from pg_index i where i.indexrelid = to_regclass(${ix.name})`.execute(conn);
        const found = state.rows[0];
        if (found?.valid) continue;
        if (found) await sql`drop index concurrently if exists ${sql.id(ix.name)}`.execute(conn);
        try {
          await sql`create ${sql.raw(ix.unique ? 'unique ' : '')}index concurrently ${sql.id(ix.name)} on ${sql.raw(ix.on)}`.execute(conn);
        } catch (err) {
          throw new Error(`index ${ix.name} could not be built (${(err as Error).message}); it is left invalid and is built again at the next migrate`, { cause: err });
        }
        built.push(ix.name);
      }
    } finally {
      // A connection that died has released the lock with its session; its error is the one to report.
      await sql`select pg_advisory_unlock(${sql.lit(LOCK_KEY)})`.execute(conn).catch(() => undefined);
    }
  });
  return built;
}
