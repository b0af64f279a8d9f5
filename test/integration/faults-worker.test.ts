/**
 * Fault: a `schild worker` is killed with SIGKILL in the middle of sending, exactly in the window where the SMTP
 * server already has a message and the worker has not yet recorded its 250 (RFC 5321 §4.1.1.4). A fresh worker takes
 * over after the job lease (JOB_LEASE_SECONDS). Rule under test (docs/operations.md, "Crashes and duplicates"): mail
 * is sent at most once — no recipient ever gets a second copy — every other mail is still delivered, the jobs end
 * done. Before the 'sending' mark existed the fresh worker sent the held message again (a duplicate).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { incidentReminderJob } from '../../src/workers/incident-reminder.job.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { spawnSchild, until, type SchildProcess } from '../support/faults-processes.ts';
import { startHoldingSink, type HoldingSink } from '../support/faults-smtp.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { expectEachReminderOnce, reminderScenario } from '../support/faults-reminders.ts';

const LEASE_SECONDS = 2;

describe('kill -9 of a worker while it sends mail (PostgreSQL, real worker processes)', () => {
  let t: TestApp;
  const workers: SchildProcess[] = [];
  const sinks: HoldingSink[] = [];

  beforeAll(async () => {
    t = await createTestApp('postgres');
  }, 60_000);
  // Each test stops its worker processes: a worker left over from an earlier test still points at that test's SMTP
  // sink and would claim the next test's jobs (a phishing mail delivered to the wrong sink looked like a lost mail).
  async function stopWorkers(): Promise<void> {
    for (const w of workers.splice(0)) await w.kill9();
  }
  afterEach(stopWorkers);
  afterAll(async () => {
    await stopWorkers();
    for (const s of sinks) await s.stop();
    await t?.close();
  });

  function startWorkerProcess(smtpUrl: string): SchildProcess {
    const db = t.config.database;
    const w = spawnSchild('worker', {
      DATABASE_URL: db.kind === 'postgres' ? db.url : db.file,
      SMTP_URL: smtpUrl,
      PHISHING_FROM_DOMAIN: 'sim.schild.test',
      BASE_URL: t.config.baseUrl,
      SESSION_SECRET: t.config.sessionSecret,
      JOB_LEASE_SECONDS: String(LEASE_SECONDS),
    });
    workers.push(w);
    return w;
  }

  const jobStatuses = async (type: string) => (await t.runtime.deps.db.selectFrom('jobs').select('status').where('type', '=', type).execute()).map((j) => j.status);

  it('incident deadline reminders: killed between the server taking a mail and the mark; no second copy, the rest delivered', async () => {
    const sink = await startHoldingSink(2);
    sinks.push(sink);
    const scenario = await reminderScenario(t, 'reminders.test');

    const w1 = startWorkerProcess(sink.url);
    await sink.held; // the 2nd reminder mail is at the server, its 250 not yet heard
    await w1.kill9();
    sink.release();
    expect(sink.received).toHaveLength(2);

    startWorkerProcess(sink.url);
    await expectEachReminderOnce(t, sink, scenario, 120_000);
    expect((await jobStatuses('send-email')).every((s) => s === 'done')).toBe(true);
  }, 150_000);

  it('a reminder job run again after a crash queues each mail once (idempotency key per reminder and person)', async () => {
    const db = t.runtime.deps.db;
    const job = await db.selectFrom('jobs').select(['payload']).where('type', '=', 'incident-reminder').orderBy('run_at').offset(1).limit(1).executeTakeFirstOrThrow();
    const before = (await db.selectFrom('outbox').select('id').execute()).length;
    // The same payload performed twice is what a takeover after the lease does when the first run died after queueing.
    await incidentReminderJob.perform(t.runtime.deps, JSON.parse(job.payload));
    const once = (await db.selectFrom('outbox').select('id').execute()).length;
    await incidentReminderJob.perform(t.runtime.deps, JSON.parse(job.payload));
    const twice = (await db.selectFrom('outbox').select('id').execute()).length;
    expect(once - before).toBe(4);
    expect(twice).toBe(once);
  });

  it('a phishing campaign: killed with a mail at the server and unconfirmed; every person gets exactly one mail, the campaign ends sent', async () => {
    const sink = await startHoldingSink(3);
    sinks.push(sink);
    const { companyId } = await ownerWithCompany(t, 'owner@phish.test');
    const db = t.runtime.deps.db;
    const now = new Date().toISOString();
    await db.insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'phish.test', verify_token: 'y'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null }).execute();
    const owner = await db.selectFrom('users').select('id').where('email', '=', 'owner@phish.test').executeTakeFirstOrThrow();
    const token = `sch_${'f'.repeat(43)}`;
    await insertApiToken(db, { id: randomUUID(), userId: owner.id, name: 'fault', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now });
    const people = Array.from({ length: 8 }, (_, i) => ({ email: `p${i}@phish.test`, language: 'nl', group: 'Shop' }));
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/people/import`, headers: auth, payload: { people } })).statusCode).toBe(200);
    const created = await t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/phishing/campaigns`, headers: auth, payload: { name: 'Fault', templateId: 'parcel-delivery' } });
    expect(created.statusCode, created.body).toBe(201);
    const campaignId = (created.json() as { id: string }).id;
    await db.updateTable('phishing_campaigns').set({ window_start: '00:00', window_end: '23:59', weekdays_only: 0, rate_per_minute: 1000 }).where('id', '=', campaignId).execute();
    await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('type', '=', 'phishing_campaign').execute();

    const w1 = startWorkerProcess(sink.url);
    await sink.held;
    await w1.kill9();
    sink.release();
    expect(sink.received).toHaveLength(3);

    startWorkerProcess(sink.url);
    await until(async () => (await db.selectFrom('phishing_campaigns').select('status').where('id', '=', campaignId).executeTakeFirstOrThrow()).status === 'sent', 'the campaign to be sent', 120_000);
    await new Promise((r) => setTimeout(r, 300));
    const counts = sink.counts();
    for (const p of people) expect(counts.get(p.email), p.email).toBe(1);
    expect(sink.received).toHaveLength(people.length);
    const states = await db.selectFrom('phishing_recipients').select('send_state').where('campaign_id', '=', campaignId).execute();
    expect(states.map((s) => s.send_state).every((s) => s === 'sent')).toBe(true);
    expect((await jobStatuses('phishing_campaign')).every((s) => s === 'done')).toBe(true);
  }, 150_000);
});
