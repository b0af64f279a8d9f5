/**
 * A start while PostgreSQL is unreachable waits for it, up to DATABASE_WAIT_SECONDS, with a warning per attempt that
 * never shows the connection URL (it may hold the password); a configuration error (a database that does not exist,
 * SQLSTATE 3D000) stops the start at once. The process-level case, a worker and a web process started during an
 * outage that then ends, is in faults-postgres.test.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { bootstrap } from '../../src/entrypoints/bootstrap.ts';
import { LogCapture } from '../support/phishing.ts';
import { freePort } from '../support/postgres.ts';

const env = (url: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'test',
  SESSION_SECRET: 'x'.repeat(40),
  DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-wait-')),
  DATABASE_URL: url,
  ...extra,
});

describe('waiting for PostgreSQL at start', () => {
  it('waits up to DATABASE_WAIT_SECONDS for a server that does not answer, then stops with a clear message', async () => {
    const port = await freePort(); // nothing listens there
    const url = `postgres://schild:s3cret-in-url@127.0.0.1:${port}/schild`;
    const capture = new LogCapture();
    const started = Date.now();
    const start = bootstrap({ config: loadConfig(env(url, { DATABASE_WAIT_SECONDS: '2' })), log: pino({ level: 'warn' }, capture) });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/PostgreSQL was not reachable for 2 s \(ECONNREFUSED/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const warnings = capture.lines.map((l) => JSON.parse(l) as { msg: string; code: string });
    expect(warnings.length).toBeGreaterThanOrEqual(3); // 0.25 s, 0.5 s, 1 s, …
    expect(warnings.every((w) => w.msg === 'PostgreSQL is not reachable yet; waiting for it' && w.code === 'ECONNREFUSED')).toBe(true);
    expect(capture.text).not.toContain('s3cret-in-url');
  });

  it('stops at once, without waiting, when the database does not exist (a configuration to fix)', async () => {
    const admin = new URL(inject('pgUrl'));
    admin.pathname = '/no_such_database_here';
    const capture = new LogCapture();
    const start = bootstrap({ config: loadConfig(env(admin.toString(), { DATABASE_WAIT_SECONDS: '60' })), log: pino({ level: 'warn' }, capture) });
    await expect(start).rejects.toThrow(/PostgreSQL refused the connection \(3D000\).*Check DATABASE_URL/);
    expect(capture.lines).toEqual([]); // not one "waiting" warning: no retry
  });

  it('stops at once on a malformed DATABASE_URL (a port out of range), and does not echo it', async () => {
    const capture = new LogCapture();
    const start = bootstrap({ config: loadConfig(env('postgres://schild:s3cret-in-url@127.0.0.1:99999/schild', { DATABASE_WAIT_SECONDS: '60' })), log: pino({ level: 'warn' }, capture) });
    await expect(start).rejects.toThrow(/PostgreSQL refused the connection \(ERR_INVALID_URL\).*Check DATABASE_URL/);
    await expect(start).rejects.not.toThrow(/s3cret-in-url/);
    expect(capture.lines).toEqual([]);
  });

  it('refuses a DATABASE_WAIT_SECONDS that is not a whole number of seconds up to a day', () => {
    for (const bad of ['-1', '1.5', 'soon', '86401']) {
      expect(() => loadConfig(env('postgres://a@127.0.0.1:5432/b', { DATABASE_WAIT_SECONDS: bad }))).toThrow(/DATABASE_WAIT_SECONDS must be a whole number of seconds between 0 and 86400/);
    }
    expect(loadConfig(env('postgres://a@127.0.0.1:5432/b')).databaseWaitMs).toBe(300_000);
  });
});
