/**
 * Fault: PostgreSQL stops (`pg_ctl stop -m fast`, which disconnects every client) and starts again under load, with a
 * `schild start` web process and a `schild worker` connected. It runs on a throwaway cluster of its own: the shared
 * test server must never be restarted. Rules under test (docs/operations.md, "Faults and what users see"):
 * - during the outage every request gets an answer, a 503 with a translated message (JSON code `unavailable` for
 *   the API, a page for people) and Retry-After (RFC 9110 §10.2.3): not a 500 stack, not a hang, no crash;
 * - afterwards the same processes serve again, the worker and its LISTEN connection reconnect by themselves, and a
 *   mail queued after the restart is delivered.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/connection.ts';
import { enqueueJob } from '../../src/db/repositories/job.repository.ts';
import { insertOutbox } from '../../src/db/repositories/outbox.repository.ts';
import { spawnSchild, until, waitForHttp, type SchildProcess } from '../support/faults-processes.ts';
import { createDatabase, freePort, startPostgres, type RunningPostgres } from '../support/postgres.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

describe('PostgreSQL restart under load (own throwaway cluster)', () => {
  let pgServer: RunningPostgres;
  let smtp: SmtpSink;
  let web: SchildProcess;
  let worker: SchildProcess;
  let url: string;

  beforeAll(async () => {
    pgServer = await startPostgres();
    url = await createDatabase(pgServer.url, 'faults_restart');
    smtp = await startSmtp();
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SESSION_SECRET: 'fault-secret-fault-secret-fault-secret-0123', IN_PROCESS_WORKER: '0' };
    web = spawnSchild('start', env, await freePort());
    await waitForHttp(web.url, 60_000); // migrates the new database
    // Ready once its metrics port answers (after start-up has read the database): the outage must hit a running
    // worker, not one still starting (a start during the outage is the second test).
    const metricsPort = await freePort();
    worker = spawnSchild('worker', { ...env, METRICS_PORT: String(metricsPort) });
    await waitForHttp(`http://127.0.0.1:${metricsPort}`, 60_000);
  }, 120_000);
  afterAll(async () => {
    await web?.stop();
    await worker?.stop();
    await smtp?.stop();
    await pgServer?.stop();
  });

  async function queueMail(db: Db, to: string): Promise<void> {
    const now = new Date();
    const id = randomUUID();
    await insertOutbox(db.db, { id, to_address: to, subject: 'after the restart', text_body: 'hello', html_body: null, status: 'queued', created_at: now.toISOString(), sent_at: null, error: null });
    await enqueueJob(db.db, { type: 'send-email', payload: { outboxId: id }, runAt: now }, now);
  }

  it('answers 503 (translated, Retry-After) during the outage, and serves and sends again after it without a restart of Schild', async () => {
    const api = `${web.url}/api/v1/scans/${randomUUID()}`; // reads the database: 404 when it is up
    const page = `${web.url}/fr/scan/${randomUUID()}`;
    expect((await fetch(api)).status).toBe(404);
    expect((await fetch(`${web.url}/readyz`)).status).toBe(200);

    // Load during the whole fault: a steady stream of database-reading requests, each with a deadline.
    const seen = new Map<string, number>();
    let loading = true;
    const loaders = Array.from({ length: 4 }, async () => {
      while (loading) {
        const outcome = await fetch(api, { signal: AbortSignal.timeout(15_000) }).then(
          (r) => String(r.status),
          (e: Error) => `error ${e.name}`,
        );
        seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    await new Promise((r) => setTimeout(r, 500));
    await pgServer.halt();
    // Down: the API answers 503 with its code, a person gets a 503 page in their language.
    const down = await fetch(api, { headers: { 'accept-language': 'en' }, signal: AbortSignal.timeout(15_000) });
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    const body = (await down.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/not available/);
    const downPage = await fetch(page, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(15_000) });
    expect(downPage.status).toBe(503);
    expect(await downPage.text()).toContain('momentanément indisponible');
    expect((await fetch(`${web.url}/readyz`, { signal: AbortSignal.timeout(15_000) })).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1000));

    await pgServer.resume();
    await until(async () => (await fetch(`${web.url}/readyz`)).status === 200, 'readiness after the restart', 30_000);
    await new Promise((r) => setTimeout(r, 500));
    loading = false;
    await Promise.all(loaders);

    // Every request during the fault was answered: 404 (up) or 503 (down), nothing else.
    expect([...seen.keys()].sort()).toEqual(['404', '503']);
    expect(web.child.exitCode).toBeNull(); // the same processes, never restarted
    expect(worker.child.exitCode).toBeNull();
    expect((await fetch(api)).status).toBe(404);
    expect((await fetch(page, { headers: { accept: 'text/html' } })).status).toBe(404);

    // The worker reconnected by itself: its LISTEN connection is back, and a mail queued now is delivered.
    const db = openDatabase({ kind: 'postgres', url });
    try {
      await until(async () => {
        const listening = await sql<{ n: string }>`select count(*)::text as n from pg_stat_activity where query ilike 'LISTEN %'`.execute(db.db);
        return Number(listening.rows[0]?.n ?? 0) >= 1;
      }, 'the LISTEN connection to be back', 30_000);
      await queueMail(db, 'after@restart.test');
      await smtp.waitFor((m) => m.to.includes('after@restart.test'), 30_000);
    } finally {
      await db.close();
    }
  }, 120_000);

  // A process started while PostgreSQL is down waits for it (src/db/wait.ts) and starts by itself when it is back:
  // issue 13, "recovery by itself". Before, `schild worker` and `schild start` exited at once with the connect error.
  it('a worker and a web process started during the outage wait for the database and start by themselves', async () => {
    await worker.stop(); // only the new worker may deliver the mail below
    await pgServer.halt();
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SESSION_SECRET: 'fault-secret-fault-secret-fault-secret-0123', IN_PROCESS_WORKER: '0' };
    const lateWorker = spawnSchild('worker', env);
    const lateWeb = spawnSchild('start', env, await freePort());
    try {
      await new Promise((r) => setTimeout(r, 3000));
      expect(lateWorker.child.exitCode).toBeNull();
      expect(lateWeb.child.exitCode).toBeNull();
      // Not serving yet: it listens only once start-up has read the database.
      expect(await fetch(`${lateWeb.url}/readyz`).then((r) => r.status, () => 'not listening')).toBe('not listening');

      await pgServer.resume();
      await waitForHttp(lateWeb.url, 60_000);
      expect((await fetch(`${lateWeb.url}/readyz`)).status).toBe(200);
      const db = openDatabase({ kind: 'postgres', url });
      try {
        await queueMail(db, 'late@start.test');
        await smtp.waitFor((m) => m.to.includes('late@start.test'), 30_000);
      } finally {
        await db.close();
      }
      expect(lateWorker.child.exitCode).toBeNull();
    } finally {
      await lateWeb.stop();
      await lateWorker.stop();
    }
  }, 120_000);

  // Issue 13, faults: "a PostgreSQL restart under load ... no duplicate mail, recovery by itself", with the worker in the
  // middle of sending. Writes fail while the database is down: a job that cannot record its end stays claimed until
  // its lease runs out, a message whose 250 could not be recorded stays 'sending' and is then settled 'unknown', never
  // sent again (docs/operations.md, "Crashes and duplicates"). Mail goes one message at a time per process, so at most
  // one message can be caught between the server's 250 and its record.
  it('a restart while a worker sends 150 mails: none twice, none stuck, at most one unconfirmed, the worker goes on by itself', async () => {
    const env = { DATABASE_URL: url, SMTP_URL: smtp.url, SESSION_SECRET: 'fault-secret-fault-secret-fault-secret-0123', IN_PROCESS_WORKER: '0', JOB_LEASE_SECONDS: '2', WORKER_CONCURRENCY: '4' };
    // One sending process, so "at most one unconfirmed" is exact (the first test's worker is still up when this one runs alone).
    if (worker.child.exitCode === null && worker.child.signalCode === null) await worker.stop();
    const metricsPort = await freePort();
    const sender = spawnSchild('worker', { ...env, METRICS_PORT: String(metricsPort) });
    const db = openDatabase({ kind: 'postgres', url });
    try {
      await waitForHttp(`http://127.0.0.1:${metricsPort}`, 60_000);
      const before = smtp.messages.length;
      const to = Array.from({ length: 150 }, (_, i) => `inflight${i}@restart.test`);
      for (const address of to) await queueMail(db, address);
      await sql`notify schild_jobs`.execute(db.db).catch(() => undefined);
      await until(async () => smtp.messages.length - before >= 5, 'sending to be under way', 30_000);
      await pgServer.halt();
      await new Promise((r) => setTimeout(r, 1500));
      await pgServer.resume();
      const settled = async () => {
        const rows = await db.db.selectFrom('outbox').select('status').where('to_address', 'like', 'inflight%').execute();
        return rows.length === to.length && rows.every((r) => r.status === 'sent' || r.status === 'unknown');
      };
      // The retry after a failed attempt waits 10 s (backoffMs), the takeover of a stuck job the 2 s lease.
      await until(settled, 'every in-flight mail settled', 90_000);
      const got = new Map<string, number>();
      for (const m of smtp.messages.slice(before)) for (const a of m.to) got.set(a, (got.get(a) ?? 0) + 1);
      for (const address of to) expect(got.get(address) ?? 0, address).toBeLessThanOrEqual(1);
      const rows = await db.db.selectFrom('outbox').select(['to_address', 'status']).where('to_address', 'like', 'inflight%').execute();
      const unknown = rows.filter((r) => r.status === 'unknown');
      expect(unknown.length).toBeLessThanOrEqual(1);
      // Every message recorded as sent was received, exactly once.
      for (const r of rows.filter((x) => x.status === 'sent')) expect(got.get(r.to_address), r.to_address).toBe(1);
      const open = await db.db.selectFrom('jobs').select('status').where('type', '=', 'send-email').where('status', 'in', ['queued', 'running']).execute();
      expect(open).toEqual([]);
      // The outage did hit the sending: some jobs had to run again (a check that the fault was not missed).
      const again = await db.db.selectFrom('jobs').select('id').where('type', '=', 'send-email').where('attempts', '>', 1).execute();
      expect(again.length).toBeGreaterThan(0);
      expect(sender.child.exitCode).toBeNull();
    } finally {
      await db.close();
      await sender.stop();
    }
  }, 150_000);
});
