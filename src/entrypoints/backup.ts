/**
 * `schild backup` and `schild restore` for the embedded SQLite database (issue 13: "an online SQLite backup command
 * with a restore test"). The backup uses SQLite's online backup API (sqlite.org/backup.html) through better-sqlite3,
 * so Schild keeps serving while it runs and the copy is a consistent snapshot even in WAL mode. The copy is written
 * next to its target and renamed into place only after `PRAGMA integrity_check` says "ok", so a half-written file is
 * never left where a restore would find it. PostgreSQL has its own tools (pg_dump / pg_restore, docs/operations.md).
 */
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.ts';

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Applied migrations in the copy: tells which Schild version can open it. */
  migrations: number;
  users: number;
  companies: number;
}

export class BackupError extends Error {}

/** Opens a copy read-only and checks it is a whole, readable Schild database. */
export function verifyBackup(file: string): BackupSummary {
  if (!existsSync(file)) throw new BackupError(`No backup at ${file}.`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupError(`${file} is not an SQLite database (${(e as Error).message}).`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`${file} failed the integrity check: ${String(check)}`);
    const count = (table: string): number => {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
      if (!exists) throw new BackupError(`${file} is not a Schild database (no table ${table}).`);
      return (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    };
    return { file, bytes: statSync(file).size, migrations: count('kysely_migration'), users: count('users'), companies: count('companies') };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${file} could not be read: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

/** Online backup of `source` (which may be in use by a running Schild) to `target`. */
export async function backupSqlite(source: string, target: string, opts: { force?: boolean } = {}): Promise<BackupSummary> {
  if (!existsSync(source)) throw new BackupError(`No database at ${source}.`);
  if (path.resolve(source) === path.resolve(target)) throw new BackupError('The backup must go to another file than the database.');
  if (existsSync(target) && !opts.force) throw new BackupError(`${target} already exists; give --force to replace it.`);
  const partial = `${target}.partial-${process.pid}`;
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    // Pages are copied in steps; writes by the running server in between restart the copy of what changed.
    await db.backup(partial);
  } finally {
    db.close();
  }
  try {
    const summary = verifyBackup(partial);
    renameSync(partial, target);
    return { ...summary, file: target };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

/**
 * Puts a verified backup in place of the database. Schild must be stopped: a running process keeps the old file
 * open. The current database is kept beside it as `<file>.before-restore` rather than deleted.
 */
export function restoreSqlite(backup: string, target: string): BackupSummary {
  const summary = verifyBackup(backup);
  const partial = `${target}.restore-${process.pid}`;
  copyFileSync(backup, partial);
  if (existsSync(target)) renameSync(target, `${target}.before-restore`);
  // The old database's write-ahead log belongs to the old file: left in place it would be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(partial, target);
  return { ...summary, file: target };
}

function describe(s: BackupSummary): string {
  return `${s.file}: ${(s.bytes / 1024 / 1024).toFixed(1)} MB, ${s.migrations} migrations, ${s.users} users, ${s.companies} companies, integrity ok`;
}

export async function runBackupCli(command: 'backup' | 'restore', args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' }, from: { type: 'string' }, force: { type: 'boolean' } } });
  if (config.database.kind !== 'sqlite') {
    console.error('Schild uses PostgreSQL here: back up with pg_dump and restore with pg_restore (docs/operations.md, "Backups").');
    return 2;
  }
  const file = config.database.file;
  try {
    if (command === 'backup') {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const target = values.to ?? path.join(path.dirname(file), 'backups', `schild-${stamp}.db`);
      const { mkdirSync } = await import('node:fs');
      mkdirSync(path.dirname(target), { recursive: true });
      console.log(`Backed up ${describe(await backupSqlite(file, target, { force: values.force }))}`);
      console.log('Keep DATA_DIR/secrets.json (or your SESSION_SECRET) with it: without it two-step log-in secrets cannot be read.');
      return 0;
    }
    if (!values.from) {
      console.error('Usage: schild restore --from <backup file>   (stop Schild first)');
      return 2;
    }
    console.log(`Restored ${describe(restoreSqlite(values.from, file))}`);
    console.log(`The database it replaced is kept as ${file}.before-restore.`);
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
}
