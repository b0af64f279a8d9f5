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

/** Alias with a name that says what it returns. */
export const freshDatabaseTarget = freshDatabaseUrl;
