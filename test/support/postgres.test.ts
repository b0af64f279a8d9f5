import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createDatabase } from './postgres.ts';

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
  });
});
