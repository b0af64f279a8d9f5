/**
 * Vitest globalSetup: one PostgreSQL cluster for the whole run, shared with tests as inject('pgUrl').
 * Set SCHILD_TEST_PG_URL (an admin URL allowed to CREATE DATABASE) to use an existing server instead.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the test PostgreSQL server; use createDatabase() for an isolated database. */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.SCHILD_TEST_PG_URL;
  if (external) {
    project.provide('pgUrl', external);
    return async () => {};
  }
  const started = Date.now();
  const pg = await startPostgres();
  if (process.env.SCHILD_TEST_VERBOSE) console.log(`PostgreSQL for tests at ${pg.url} (${Date.now() - started} ms)`);
  project.provide('pgUrl', pg.url);
  return () => pg.stop();
}
