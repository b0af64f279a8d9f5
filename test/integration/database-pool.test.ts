/**
 * Every process holds its own pool of PostgreSQL connections, so the server's max_connections must cover the sum over
 * all web and worker processes (docs/operations.md "Many processes"). DATABASE_POOL_MAX sets one process's share;
 * a wrong value stops the start with a clear message instead of falling back silently.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_POOL_MAX, loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connection.ts';
import { freshDatabaseUrl } from '../support/dialects.ts';

const base = (): Record<string, string> => ({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-pool-')) });

describe('DATABASE_POOL_MAX', () => {
  it('is the pool size of the process on PostgreSQL, 10 when not given', () => {
    const url = 'postgres://schild@127.0.0.1:5432/schild';
    expect(loadConfig({ ...base(), DATABASE_URL: url }).database).toEqual({ kind: 'postgres', url, max: DEFAULT_POOL_MAX });
    expect(loadConfig({ ...base(), DATABASE_URL: url, DATABASE_POOL_MAX: '4' }).database).toEqual({ kind: 'postgres', url, max: 4 });
  });

  it.each(['0', '-1', '2.5', 'ten', '501'])('refuses %j with a message that names the setting', (value) => {
    const load = () => loadConfig({ ...base(), DATABASE_URL: 'postgres://schild@127.0.0.1:5432/schild', DATABASE_POOL_MAX: value });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DATABASE_POOL_MAX must be a whole number of connections between 1 and 500/);
  });

  it('keeps the process at or under that many connections however many queries run at once', async () => {
    const { url } = await freshDatabaseUrl('postgres');
    const config = loadConfig({ ...base(), DATABASE_URL: url, DATABASE_POOL_MAX: '2' });
    const { db, close } = openDatabase(config.database);
    try {
      // Eight queries at once, each holding its connection for 50 ms and reporting which server process serves it and
      // how many client connections this database has. Only client backends are counted: the server's own
      // autovacuum worker also shows this database's name in pg_stat_activity (it made one CI run count 3).
      const seen = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const r = await sql<{ pid: number; n: string }>`select pg_backend_pid() as pid, (select count(*) from pg_stat_activity where datname = current_database() and backend_type = 'client backend') as n, pg_sleep(0.05)`.execute(db);
          return { pid: r.rows[0]!.pid, n: Number(r.rows[0]!.n) };
        }),
      );
      expect(new Set(seen.map((s) => s.pid)).size).toBeLessThanOrEqual(2);
      expect(Math.max(...seen.map((s) => s.n))).toBeLessThanOrEqual(2);
    } finally {
      await close();
    }
  });
});
