/**
 * Vitest globalSetup: one PostgreSQL cluster for the whole run, shared with tests as inject('pgUrl').
 * Set SCHILD_TEST_PG_URL (an admin URL allowed to CREATE DATABASE) to use an existing server instead.
 *
 * It also migrates one template database once (inject('pgTemplate')): createTestApp copies it instead of running
 * every migration on each new PostgreSQL database (about two seconds each on the 2-core CI machine, many times per
 * run). Building it is also a first check that the migrations run; when it fails, pgTemplate is empty and each
 * test migrates its own database, so the failure shows up in the tests that need it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { bootstrap } from '../../src/entrypoints/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { createDatabase, dropDatabase, sealTemplate, startPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server; use createDatabase() for an isolated database. */
    pgUrl: string;
    /** A database at the latest migration to copy (createDatabase's template), or '' when none could be built. */
    pgTemplate: string;
  }
}

/** Migrates a new database the way `schild start` does (bootstrap: migrations and the article index), then seals it. */
async function buildTemplate(adminUrl: string): Promise<string> {
  const name = `tpl_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(adminUrl, name);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schild-template-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'template-secret-template-secret-0123456789', LOG_LEVEL: 'silent' });
  const runtime = await bootstrap({ config: { ...config, database: { kind: 'postgres', url }, inProcessWorker: false }, log: pino({ level: 'silent' }) });
  await runtime.close();
  await sealTemplate(adminUrl, name);
  return name;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.SCHILD_TEST_PG_URL;
  const started = Date.now();
  const pg = external ? null : await startPostgres();
  const adminUrl = external ?? pg!.url;
  if (process.env.SCHILD_TEST_VERBOSE && pg) console.log(`PostgreSQL for tests at ${pg.url} (${Date.now() - started} ms)`);
  let template = '';
  try {
    template = await buildTemplate(adminUrl);
  } catch (err) {
    console.error(`No migrated template database; every PostgreSQL test database is migrated on its own: ${String(err)}`);
  }
  project.provide('pgUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    if (external && template) await dropDatabase(adminUrl, template);
    await pg?.stop();
  };
}
