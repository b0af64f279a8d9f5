/**
 * Builds the real application on a fresh database of the chosen dialect, for in-process tests with inject().
 * Nothing is mocked: the same composition as `schild start`, only the clock can be moved.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Clock } from '../../src/adapters/clock.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { bootstrap, type Runtime } from '../../src/entrypoints/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import { startWorker } from '../../src/workers/runner.ts';
import { freshMigratedDatabase, type TestDialect } from './dialects.ts';
import type { DatabaseTarget } from '../../src/db/connection.ts';

export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  clock: TestClock;
  config: Config;
  /** Runs every due background job now (mail delivery etc.). */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
}

export async function testConfig(overrides: Record<string, string> = {}): Promise<Config> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'schild-test-'));
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, SESSION_SECRET: 'test-secret-test-secret-test-secret-0123456789', LOG_LEVEL: 'silent', ...overrides });
}

export async function createTestApp(dialect: TestDialect, env: Record<string, string> = {}, opts: { log?: Logger; database?: DatabaseTarget } = {}): Promise<TestApp> {
  // A file database when another process (a `schild worker`) must share it; otherwise in-memory SQLite or a fresh
  // PostgreSQL database copied from the migrated template (global-setup.ts).
  const target = opts.database ?? (await freshMigratedDatabase(dialect));
  const base = await testConfig(env);
  const config: Config = { ...base, database: target, inProcessWorker: false };
  const clock = new TestClock();
  const runtime = await bootstrap({ config, clock, log: opts.log ?? pino({ level: process.env.TEST_LOG ?? 'silent' }) });
  const app = await buildApp(runtime.deps, { nace: runtime.content.nace, assessment: runtime.content.assessment, incidents: runtime.content.incidents, scanMessages: runtime.content.scanMessages });
  return {
    app,
    runtime,
    clock,
    config,
    drainJobs: async () => {
      const w = startWorker(runtime.deps, { autoStart: false, pollMs: 3_600_000 });
      const n = await w.drain();
      await w.stop();
      return n;
    },
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}

/**
 * A tiny cookie-keeping client over inject(): follows the app's own CSRF scheme by reading the hidden
 * `_csrf` field from the last page it fetched, as a browser submitting a form would.
 */
export class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(private readonly app: FastifyInstance, private readonly ip = '127.0.0.1') {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers }, remoteAddress: this.ip });
    this.remember(res);
    return res;
  }

  /**
   * `csrfFirst` sends the _csrf field before the form's fields, as the app's forms have it (a browser sends fields in
   * page order): the form parser keeps only the first 200 fields, so a token after as many is dropped.
   */
  async post(url: string, form: Record<string, string | string[]>, opts: { csrf?: string | null; csrfFirst?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    if (!this.csrf && opts.csrf === undefined) await this.get('/en/');
    const params = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null && opts.csrfFirst) params.append('_csrf', csrf);
    for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
    if (csrf !== null && !opts.csrfFirst) params.append('_csrf', csrf);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: params.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...(opts.headers ?? {}) },
      remoteAddress: this.ip,
    });
    this.remember(res);
    return res;
  }
}

/** Extracts the first link with the given path fragment from a text mail body. */
export function linkFrom(text: string, fragment: string): string {
  const m = new RegExp(`https?://[^\\s]*${fragment}[^\\s]*`).exec(text);
  if (!m) throw new Error(`No link containing ${fragment} in:\n${text}`);
  const u = new URL(m[0]);
  return u.pathname + u.search;
}
