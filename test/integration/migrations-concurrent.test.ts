/**
 * Migrations with many processes on one PostgreSQL database (docs/operations.md "Many processes"):
 *
 * - processes that start at the same moment each migrate first; Kysely's Migrator takes a PostgreSQL advisory lock
 *   (pg_advisory_lock in its PostgresAdapter) around the run, so one applies the migrations and the others find
 *   nothing left to do, and all of them start;
 * - a process that is already serving keeps answering while another one runs `schild migrate` and `schild start`
 *   on the same database (the expand-only rule, src/db/migrations-expand-only.test.ts, keeps the schema readable
 *   for the code that runs there).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/entrypoints/server.ts';
import { freshDatabaseUrl } from '../support/dialects.ts';
import { freePort } from '../support/postgres.ts';
import pg from 'pg';

const SCHILD = path.resolve(import.meta.dirname, '../../bin/schild.mjs');
const SESSION_SECRET = 'a'.repeat(43);
const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours

function schildEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...parentEnv, NODE_ENV: 'production', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, SESSION_SECRET, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-migrate-')), LOG_LEVEL: 'warn', ...extra };
}

/** Runs a `schild` command to its end; resolves with its exit code and what it wrote to stderr. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCHILD, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

async function appliedMigrations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('migrations with several processes on one PostgreSQL database', () => {
  let serving: RunningServer | undefined;
  afterAll(async () => {
    await serving?.stop();
  });

  it('two `schild migrate` started at once on a fresh database both succeed and apply each migration once', async () => {
    const { url } = await freshDatabaseUrl('postgres');
    const results = await Promise.all([run(['migrate'], schildEnv(url)), run(['migrate'], schildEnv(url))]);
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0 });
    const names = await appliedMigrations(url);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('001_foundation');
    expect(names).toContain('026_software_testimonies');
  }, 150_000);

  it('a serving process keeps answering while another runs `schild migrate` and `schild start` on its database', async () => {
    const { url } = await freshDatabaseUrl('postgres');
    serving = await startServer({ config: loadConfig({ ...schildEnv(url), NODE_ENV: 'test', PORT: '0', IN_PROCESS_WORKER: '0', LOG_LEVEL: 'silent' }) });
    const port = await freePort();
    const second = spawn(process.execPath, [SCHILD, 'start'], { env: schildEnv(url, { PORT: String(port) }), stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      const migrate = run(['migrate'], schildEnv(url));
      // Requests to the first process go on the whole time the second one migrates and starts.
      const statuses: number[] = [];
      let secondReady = false;
      let migrated: { code: number | null; stderr: string } | undefined;
      void migrate.then((r) => (migrated = r));
      const deadline = Date.now() + 45_000;
      while ((!secondReady || !migrated) && Date.now() < deadline) {
        for (const p of ['/readyz', '/en/', '/en/login']) statuses.push((await fetch(`${serving.url}${p}`)).status);
        secondReady ||= await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      }
      expect(migrated?.code, migrated?.stderr).toBe(0);
      expect(secondReady).toBe(true);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s !== 200)).toEqual([]);
      // Both serve the same pages from the same database.
      expect((await fetch(`http://127.0.0.1:${port}/en/login`)).status).toBe(200);
    } finally {
      const exited = new Promise((r) => second.once('exit', r));
      second.kill('SIGTERM');
      await exited;
    }
  }, 150_000);
});
