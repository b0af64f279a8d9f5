/**
 * `schild backup` / `schild restore` on SQLite (issue 13: "an online SQLite backup command with a restore test").
 * The backup is taken while the app keeps writing, through SQLite's online backup API (sqlite.org/backup.html);
 * the restored copy must open in Schild and let the same person log in.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupSqlite, BackupError, restoreSqlite, verifyBackup } from '../../src/entrypoints/backup.ts';
import { Browser, createTestApp } from '../support/app.ts';
import { freshDatabaseUrl } from '../support/dialects.ts';
import { logIn, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';
import { findPgBinDir } from '../support/postgres.ts';

describe('SQLite backup and restore', () => {
  it('copies a running database while it is written to, and the restored copy serves the same accounts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-backup-'));
    const live = path.join(dir, 'schild.db');
    const t = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file: live } });
    await ownerWithCompany(t, 'owner@example.be');
    // Writes keep arriving while the copy runs: sign-ups of other people.
    const writing = (async () => {
      for (let i = 0; i < 5; i++) await signUpAndVerify(t, new Browser(t.app), `late-${i}@example.be`);
    })();
    const copy = await backupSqlite(live, path.join(dir, 'copy.db'));
    await writing;
    expect(copy.companies).toBe(1);
    expect(copy.users).toBeGreaterThanOrEqual(1);
    expect(copy.migrations).toBeGreaterThan(20);
    await t.close();

    const restoredFile = path.join(dir, 'restored.db');
    writeFileSync(restoredFile, 'the database that was there before');
    const restored = restoreSqlite(copy.file, restoredFile);
    expect(restored.companies).toBe(1);
    // The file it replaced is kept, not deleted.
    expect(readFileSync(`${restoredFile}.before-restore`, 'utf8')).toBe('the database that was there before');
    const again = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file: restoredFile } });
    try {
      const b = new Browser(again.app);
      const res = await logIn(b, 'owner@example.be');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).not.toMatch(/login/);
    } finally {
      await again.close();
    }
  }, 60_000);

  it('refuses a file that is not a Schild database and leaves the target untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-backup-'));
    const junk = path.join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all, just text that is long enough to look like a header');
    expect(() => verifyBackup(junk)).toThrow(BackupError);
    const target = path.join(dir, 'schild.db');
    writeFileSync(target, 'keep me');
    expect(() => restoreSqlite(junk, target)).toThrow(BackupError);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect(existsSync(`${target}.before-restore`)).toBe(false);
  });

  it('never overwrites an earlier backup without --force, and never backs up onto the database itself', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-backup-'));
    const live = path.join(dir, 'schild.db');
    const t = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file: live } });
    try {
      const first = await backupSqlite(live, path.join(dir, 'b.db'));
      await expect(backupSqlite(live, first.file)).rejects.toThrow(/already exists/);
      await expect(backupSqlite(live, live)).rejects.toThrow(/another file/);
      expect((await backupSqlite(live, first.file, { force: true })).file).toBe(first.file);
    } finally {
      await t.close();
    }
  });

  it('the CLI backs up the configured database and explains what to keep with it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-backup-cli-'));
    const live = path.join(dir, 'schild.db');
    const t = await createTestApp('sqlite', {}, { database: { kind: 'sqlite', file: live } });
    await t.close();
    const { BASE_URL: _vite, ...env } = process.env;
    const run = promisify(execFile);
    const bin = path.resolve(import.meta.dirname, '../../bin/schild.mjs');
    const out = await run(process.execPath, [bin, 'backup', '--to', path.join(dir, 'cli.db')], { env: { ...env, NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: live, LOG_LEVEL: 'warn' } });
    expect(out.stdout).toMatch(/Backed up .*cli\.db: [\d.]+ MB, \d+ migrations, 0 users, 0 companies, integrity ok/);
    expect(out.stdout).toContain('secrets.json');
    const pg = await run(process.execPath, [bin, 'backup'], { env: { ...env, NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: 'postgres://127.0.0.1:1/none', LOG_LEVEL: 'warn' } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('pg_dump');
  }, 60_000);
});

describe('PostgreSQL backup and restore as docs/operations.md says (pg_dump --format=custom, pg_restore)', () => {
  it('a dump of a running database restores into an empty one that serves the same accounts', async () => {
    // initdb may be a lone symlink (e.g. in /usr/local/bin): pg_dump sits beside the real file.
    const found = findPgBinDir();
    expect(found, 'PostgreSQL binaries are found by the test harness').toBeTruthy();
    const bin = path.dirname(realpathSync(path.join(found!, 'initdb')));
    const run = promisify(execFile);
    const t = await createTestApp('postgres');
    const source = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    await ownerWithCompany(t, 'owner@example.be');
    const dir = mkdtempSync(path.join(tmpdir(), 'schild-pgdump-'));
    const dump = path.join(dir, 'schild.dump');
    await run(path.join(bin, 'pg_dump'), ['--format=custom', `--file=${dump}`, source]);
    await t.close();
    const target = await freshDatabaseUrl('postgres');
    await run(path.join(bin, 'pg_restore'), ['--clean', '--if-exists', '--no-owner', '--dbname', target.url, dump]);
    const again = await createTestApp('postgres', {}, { database: target });
    try {
      expect(await again.runtime.deps.db.selectFrom('companies').select('id').execute()).toHaveLength(1);
      const res = await logIn(new Browser(again.app), 'owner@example.be');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).not.toMatch(/login/);
    } finally {
      await again.close();
    }
  }, 60_000);
});
