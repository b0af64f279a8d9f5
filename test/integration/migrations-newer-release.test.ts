/**
 * A rolling update from this release to the next (docs/operations.md, "Migrations while old processes serve"): the
 * next release migrates the database while processes of this one still serve, and a process of this one may restart
 * afterwards (a crash, a node drained, a release rolled back). Its migration here is the kind the expand-only rule
 * allows (src/db/migrations-expand-only.test.ts): a new table, a nullable column and a column with a default on tables
 * this release writes to, and its row in Kysely's migration table.
 *
 * Until 2026-12-07 a process of this release could not start on such a database: Kysely's Migrator refused it
 * ("corrupted migrations: previously executed migration 030_next_release is missing"), so a restarted old process or a
 * rollback stopped, during the very update the rule is meant to make safe.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../src/db/connection.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS, freshDatabaseUrl } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

const NEXT = '030_next_release';

/** What the next release's migration does, by hand: expand only, and its name recorded as Kysely records it. */
async function nextReleaseMigrates(t: TestApp): Promise<void> {
  const db = t.runtime.deps.db;
  await db.schema.createTable('next_release_things').addColumn('id', 'text', (c) => c.primaryKey()).execute();
  await db.schema.alterTable('companies').addColumn('next_release_note', 'text').execute();
  await db.schema.alterTable('users').addColumn('next_release_flag', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`insert into kysely_migration (name, timestamp) values (${NEXT}, ${new Date().toISOString()})`.execute(db);
}

/** The log lines of a start, to see what it said about the database. */
function capturingLog(lines: string[]) {
  return pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
}

describe.each(DIALECTS)('this release on a database the next release migrated (%s)', (dialect) => {
  const apps: TestApp[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });
  const target = async (): Promise<DatabaseTarget> =>
    dialect === 'sqlite' ? { kind: 'sqlite', file: path.join(mkdtempSync(path.join(tmpdir(), 'schild-next-')), 'schild.db') } : freshDatabaseUrl('postgres');

  it('keeps serving while it migrates, and starts again on it afterwards without migrating', async () => {
    const database = await target();
    const serving = await createTestApp(dialect, {}, { database });
    apps.push(serving);
    await ownerWithCompany(serving, `before-${dialect}@example.be`);
    await nextReleaseMigrates(serving);
    // Still serving: sign-up, a company, its pages, all writing to the tables the next release changed.
    const after = await ownerWithCompany(serving, `during-${dialect}@example.be`);
    expect((await after.b.get(`/en/companies/${after.companyId}`)).statusCode).toBe(200);

    // A process of this release starts on the migrated database (a restart, or a rollback).
    const lines: string[] = [];
    const restarted = await createTestApp(dialect, {}, { database, log: capturingLog(lines) });
    apps.push(restarted);
    expect(lines.some((l) => l.includes('migrated by a newer release') && l.includes(NEXT))).toBe(true);
    const again = await ownerWithCompany(restarted, `after-${dialect}@example.be`);
    expect((await again.b.get(`/en/companies/${again.companyId}`)).statusCode).toBe(200);
    const names = (await sql<{ name: string }>`select name from kysely_migration`.execute(restarted.runtime.deps.db)).rows.map((r) => r.name);
    expect(names).toContain(NEXT);
  }, 120_000);

  it('a database that is ahead and also lacks one of this release’s migrations stops the start with what to do', async () => {
    const database = await target();
    const first = await createTestApp(dialect, {}, { database });
    apps.push(first);
    await nextReleaseMigrates(first);
    await sql`delete from kysely_migration where name = ${'029_user_view_versions'}`.execute(first.runtime.deps.db);
    await expect(createTestApp(dialect, {}, { database })).rejects.toThrow(/does not know \(030_next_release\).*lacks migrations this release needs \(029_user_view_versions\).*schild migrate/);
  }, 120_000);
});
