/**
 * The SQLite file holds password hashes, sealed TOTP secrets and incident reports: only the service's own user may
 * read it (mode 0600, like secrets.json; GDPR Art. 32 "security of processing"). SQLite gives its -wal and -shm
 * files the mode of the database file, so they follow.
 */
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './connection.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('SQLite file permissions', () => {
  let db: Db | undefined;
  const oldUmask = process.umask();
  afterEach(async () => {
    process.umask(oldUmask);
    await db?.close();
    db = undefined;
  });

  it('creates the database and its WAL file readable by the owner only, whatever the umask', async () => {
    process.umask(0o022);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'schild-db-')), 'nested', 'schild.db');
    db = openDatabase({ kind: 'sqlite', file });
    await sql`create table t (x integer)`.execute(db.db);
    await sql`insert into t values (1)`.execute(db.db);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
  });

  it('tightens a database file that an older version left readable by others', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'schild-db-')), 'schild.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    db = openDatabase({ kind: 'sqlite', file });
    await sql`create table t (x integer)`.execute(db.db);
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
  });
});
