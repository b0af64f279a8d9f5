/**
 * PostgreSQL mode: `schild worker` processes, separate from the web process, take the queued mail and deliver it
 * through SMTP. Two worker processes share the queue without sending a message twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';
import { freePort } from '../support/postgres.ts';

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('schild worker processes on PostgreSQL', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp('postgres', { SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGTERM');
    await t?.close();
    await smtp?.stop();
  });

  it('delivers mail queued by the web process, each message once', async () => {
    const b = new Browser(t.app);
    await b.get('/en/signup');
    for (let i = 0; i < 6; i++) {
      await b.post('/en/signup', { displayName: `User ${i}`, email: `user${i}@example.be`, password: 'a-long-enough-passphrase' });
    }
    const url = t.config.database.kind === 'postgres' ? t.config.database.url : '';
    const { BASE_URL: _viteBaseUrl, ...parentEnv } = process.env; // vitest sets BASE_URL for Vite; not ours
    const env = { ...parentEnv, NODE_ENV: 'production', DATABASE_URL: url, SMTP_URL: smtp.url, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'schild-worker-')), SESSION_SECRET: t.config.sessionSecret, LOG_LEVEL: 'warn' };
    // Each worker serves its own metrics (docs/observability.md): together they must count each mail exactly once.
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      workers.push(spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/schild.mjs'), 'worker'], { env: { ...env, HOST: '127.0.0.1', METRICS_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    for (let i = 0; i < 6; i++) await smtp.waitFor((m) => m.to.includes(`user${i}@example.be`), 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(6);
    const statuses = await t.runtime.deps.db.selectFrom('outbox').select('status').execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
    const scraped = await Promise.all(ports.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()));
    const done = scraped.map((text) => sample(text, 'schild_jobs_total{type="send-email",outcome="done"}'));
    expect(done.reduce((a, b) => a + b, 0)).toBe(6);
    // The mails themselves are counted by the process that sent them (schild_mail_total, src/app/work-counts.ts).
    expect(scraped.map((text) => sample(text, 'schild_mail_total{outcome="sent"}')).reduce((a, b) => a + b, 0)).toBe(6);
    for (const text of scraped) {
      expect(text).toContain('# TYPE schild_job_start_delay_seconds histogram');
      // The queue is shared: both workers see it empty now.
      expect(sample(text, 'schild_jobs_due{type="send-email"}')).toBe(0);
      expect(text).toContain('process_resident_memory_bytes');
    }
  }, 120_000);
});
