/** The single seam to the database engine: one Kysely instance on SQLite (embedded) or PostgreSQL. */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

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
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  // One pool per process: PostgreSQL's max_connections must cover every web and worker process's pool (docs/operations.md).
  const pool = new pg.Pool({ connectionString: target.url, max: target.max ?? 10 });
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
