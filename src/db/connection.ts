/** The single seam to the database engine: one Kysely instance on SQLite (embedded) or PostgreSQL. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { cachingSqliteDatabase } from './sqlite-statement-cache.ts';

export type Dialect = 'sqlite' | 'postgres';
export type DatabaseTarget = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; max?: number };

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Db {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') prepareSqliteFile(target.file);
    const sqlite = new SQLite(target.file);
    // WAL lets readers go on while the in-process worker writes; busy_timeout avoids SQLITE_BUSY under load.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingSqliteDatabase(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  // A connect that cannot finish (server unreachable) fails after 5 s instead of holding the request (a clear 503).
  // One pool per process: PostgreSQL's max_connections must cover every web and worker process's pool (docs/operations.md).
  const pool = new pg.Pool({ connectionString: target.url, max: target.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle pooled connection that the server closes (a PostgreSQL restart) is an 'error' event on the pool; without a
  // listener Node turns it into an uncaught exception and the process dies. The pool has already dropped that client
  // and opens a new one on the next query, so nothing else is needed.
  pool.on('error', () => undefined);
  // The same for a connection the server closes while it is checked out but between two queries (inside a
  // transaction): the next query on it fails (a clear 503) and the pool discards it; the process lives on.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * The database holds password hashes, sealed TOTP secrets and incident reports, so only the service's user may read
 * it (GDPR Art. 32). The file is created 0600 before SQLite opens it (SQLite would use 0644 minus the umask), and
 * an older, looser file is tightened. SQLite creates its -wal and -shm files with the database file's mode.
 */
function prepareSqliteFile(file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(f)) chmodSync(f, 0o600);
}

export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
