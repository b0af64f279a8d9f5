/**
 * Integration tests that must pass on both engines:
 *
 *   describe.each(DIALECTS)('%s', (dialect) => {
 *     let db: Db;
 *     beforeEach(async () => { db = openDatabase(await freshDatabaseUrl(dialect)); });
 *     afterEach(() => db.close());
 *   });
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { DatabaseTarget } from '../../src/db/connection.ts';
import { createDatabase } from './postgres.ts';

export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export type SqliteTarget = Extract<DatabaseTarget, { kind: 'sqlite' }> & { file: ':memory:' };
export type PostgresTarget = Extract<DatabaseTarget, { kind: 'postgres' }>;

/** A new, empty database: in-memory SQLite, or a freshly created uniquely named PostgreSQL database. */
export async function freshDatabaseUrl(dialect: 'sqlite'): Promise<SqliteTarget>;
export async function freshDatabaseUrl(dialect: 'postgres'): Promise<PostgresTarget>;
export async function freshDatabaseUrl(dialect: TestDialect): Promise<SqliteTarget | PostgresTarget>;
export async function freshDatabaseUrl(dialect: TestDialect): Promise<SqliteTarget | PostgresTarget> {
  if (dialect === 'sqlite') return { kind: 'sqlite', file: ':memory:' };
  const adminUrl = inject('pgUrl');
  if (!adminUrl) throw new Error('pgUrl not provided: is test/support/global-setup.ts configured as vitest globalSetup?');
  const url = await createDatabase(adminUrl, `t_${randomBytes(8).toString('hex')}`);
  return { kind: 'postgres', url };
}

/**
 * A new database already at the latest migration: in-memory SQLite (migrated by whoever opens it), or on PostgreSQL a
 * copy of the template that global-setup.ts migrated once (an empty one when there is no template). Opening it still
 * runs the migrations, which then find nothing to do.
 */
export async function freshMigratedDatabase(dialect: TestDialect): Promise<SqliteTarget | PostgresTarget> {
  if (dialect === 'sqlite') return { kind: 'sqlite', file: ':memory:' };
  const template = inject('pgTemplate');
  if (!template) return freshDatabaseUrl(dialect);
  const url = await createDatabase(inject('pgUrl'), `t_${randomBytes(8).toString('hex')}`, template);
  return { kind: 'postgres', url };
}

/** Alias with a name that says what it returns. */
export const freshDatabaseTarget = freshDatabaseUrl;
