import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrations.ts';
import { freshDatabaseUrl, freshMigratedDatabase } from './dialects.ts';
import { createDatabase } from './postgres.ts';

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query(`select to_regclass('public.kysely_migration') as t`);
    if (!exists.rows[0]?.t) return [];
    return (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('test PostgreSQL', () => {
  it('is provided by globalSetup and can create an isolated database', async () => {
    const adminUrl = inject('pgUrl');
    expect(adminUrl).toMatch(/^postgres:\/\//);
    const name = `t_support_${process.pid}_${Date.now()}`;
    const url = await createDatabase(adminUrl, name);
    expect(new URL(url).pathname).toBe(`/${name}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string; db: string }>('select version() as version, current_database() as db');
      expect(rows[0]?.version.startsWith('PostgreSQL')).toBe(true);
      expect(rows[0]?.db).toBe(name);
    } finally {
      await client.end();
    }
  });

  it('rejects database names that would need quoting', async () => {
    const adminUrl = inject('pgUrl');
    await expect(createDatabase(adminUrl, 'Bad-Name')).rejects.toThrow(/invalid database name/);
    await expect(createDatabase(adminUrl, 'x"; drop')).rejects.toThrow(/invalid database name/);
    await expect(createDatabase(adminUrl, 'ok_name', 'Bad-Template')).rejects.toThrow(/invalid database name/);
  });

  it('copies the migrated template for createTestApp (every migration applied), and freshDatabaseUrl stays empty', async () => {
    expect(inject('pgTemplate')).toMatch(/^tpl_[0-9a-f]+$/);
    const migrated = await freshMigratedDatabase('postgres');
    if (migrated.kind !== 'postgres') throw new Error('expected PostgreSQL');
    const empty = await freshDatabaseUrl('postgres');
    expect(await appliedMigrations(empty.url)).toEqual([]);
    // What migrating from scratch applies now is what the copy already has.
    const db = openDatabase(empty);
    const applied = await migrateToLatest(db.db, 'postgres').finally(() => db.close());
    expect(applied.length).toBeGreaterThan(20);
    expect(await appliedMigrations(migrated.url)).toEqual([...applied].sort());
  });
});
