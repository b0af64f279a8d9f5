/**
 * What scans, mail and phishing campaigns achieved, as Prometheus counters (issue 13: "metrics for scans, mail and
 * campaigns"; docs/observability.md). A job's outcome alone cannot tell: a scan that fails is stored as failed and its
 * job ends done. Everything here is real: the scan lab's DNS, a loopback SMTP server that refuses some addresses with a
 * real reply code, and a database trigger that refuses to store a scan's result. The counters live in the process, so
 * each check compares a scrape before and after.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { queueMail } from '../../src/app/mail.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { createMetrics } from '../../src/http/ops.routes.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Scrapes a fresh registry (as /metrics does) and returns a reader of samples. */
async function scrape(): Promise<(series: string) => number> {
  const text = await createMetrics().registry.metrics();
  return (series) => sample(text, series);
}

const GRADES = ['A', 'B', 'C', 'D', 'F', 'none'];

describe.each(DIALECTS)('scan, mail and campaign counters on %s', (dialect) => {
  let lab: ScanLab;
  let smtp: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    lab = await startScanLab();
    // 550: refused for good; 451: refused for now (RFC 5321 §4.2.2).
    smtp = await startSmtp({ refuse: (address) => (address.startsWith('refused') ? 550 : address.startsWith('later') ? 451 : undefined) });
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, PHISHING_FROM_DOMAIN: 'sim.schild.test', ...lab.env('good.test') });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await lab?.stop();
  });

  const scanOf = (id: string) => t.runtime.deps.db.selectFrom('scans').select(['status', 'grade', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
  async function scan(): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: 'good.test' } });
    expect(res.statusCode, res.body).toBe(202);
    await t.drainJobs();
    return (res.json() as { id: string }).id;
  }

  it('a scan stored counts done with its grade letter; a scan whose result cannot be stored counts failed (its job still done)', async () => {
    let before = await scrape();
    const doneId = await scan();
    const done = await scanOf(doneId);
    expect(done.status).toBe('done');
    let after = await scrape();
    const letter = done.grade!.charAt(0);
    expect(after(`schild_scans_total{outcome="done",grade="${letter}"}`) - before(`schild_scans_total{outcome="done",grade="${letter}"}`)).toBe(1);
    expect(after('schild_scans_total{outcome="failed",grade="none"}')).toBe(before('schild_scans_total{outcome="failed",grade="none"}'));

    // Storage refuses the finished result (a full disk, say): the scan job marks the scan failed and ends done.
    const db = t.runtime.deps.db;
    if (dialect === 'sqlite') await sql`create trigger scans_refused before update on scans when new.status = 'done' begin select raise(abort, 'storage refused the write'); end`.execute(db);
    else {
      await sql`create function scans_refused() returns trigger language plpgsql as $$ begin raise exception 'storage refused the write'; end $$`.execute(db);
      await sql`create trigger scans_refused before update on scans for each row when (new.status = 'done') execute function scans_refused()`.execute(db);
    }
    t.clock.advance(10 * 60_000); // past the five minutes in which a scan of the same domain is reused
    before = await scrape();
    let failedId: string;
    try {
      failedId = await scan();
    } finally {
      if (dialect === 'sqlite') await sql`drop trigger scans_refused`.execute(db);
      else {
        await sql`drop trigger scans_refused on scans`.execute(db);
        await sql`drop function scans_refused()`.execute(db);
      }
    }
    const failed = await scanOf(failedId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('storage refused the write');
    after = await scrape();
    expect(after('schild_scans_total{outcome="failed",grade="none"}') - before('schild_scans_total{outcome="failed",grade="none"}')).toBe(1);
    for (const g of GRADES) expect(after(`schild_scans_total{outcome="done",grade="${g}"}`), g).toBe(before(`schild_scans_total{outcome="done",grade="${g}"}`));
    // The job ran to its end: only the scan counter tells this scan failed.
    const jobs = await t.runtime.deps.db.selectFrom('jobs').select(['status', 'payload']).where('type', '=', 'scan').execute();
    const job = jobs.find((j) => (JSON.parse(j.payload) as { scanId: string }).scanId === failedId);
    expect(job?.status).toBe('done');
  }, 60_000);

  it('mail: accepted counts sent; refused counts retry while attempts remain, failed at the last one', async () => {
    const deps = t.runtime.deps;
    const tpl = { subject: 'mail.signature', intro: 'mail.signature' } as const;
    const jobOf = (outboxId: string) => deps.db.selectFrom('jobs').select(['id', 'status']).where('payload', '=', JSON.stringify({ outboxId })).executeTakeFirstOrThrow();

    let before = await scrape();
    await queueMail(deps, deps.db, `accepted-${dialect}@example.be`, 'en', tpl);
    await t.drainJobs();
    await smtp.waitFor((m) => m.to.includes(`accepted-${dialect}@example.be`));
    let after = await scrape();
    expect(after('schild_mail_total{outcome="sent"}') - before('schild_mail_total{outcome="sent"}')).toBe(1);

    before = await scrape();
    const refused = await queueMail(deps, deps.db, `refused-${dialect}@example.be`, 'en', tpl);
    await t.drainJobs();
    expect((await deps.db.selectFrom('outbox').select('status').where('id', '=', refused).executeTakeFirstOrThrow()).status).toBe('queued');
    expect((await jobOf(refused)).status).toBe('queued'); // tried again later
    after = await scrape();
    expect(after('schild_mail_total{outcome="retry"}') - before('schild_mail_total{outcome="retry"}')).toBe(1);
    expect(after('schild_mail_total{outcome="sent"}')).toBe(before('schild_mail_total{outcome="sent"}'));
    expect(after('schild_mail_total{outcome="failed"}')).toBe(before('schild_mail_total{outcome="failed"}'));

    // The last attempt: refused again, the job gives up.
    before = await scrape();
    const last = await queueMail(deps, deps.db, `refused-last-${dialect}@example.be`, 'en', tpl);
    await deps.db.updateTable('jobs').set({ max_attempts: 1 }).where('id', '=', (await jobOf(last)).id).execute();
    await t.drainJobs();
    expect((await jobOf(last)).status).toBe('failed');
    after = await scrape();
    expect(after('schild_mail_total{outcome="failed"}') - before('schild_mail_total{outcome="failed"}')).toBe(1);
    expect(after('schild_mail_total{outcome="retry"}')).toBe(before('schild_mail_total{outcome="retry"}'));
  }, 60_000);

  it('a campaign counts each simulated mail: sent, refused for good (failed), refused for now (retry)', async () => {
    const { companyId } = await ownerWithCompany(t, `owner-${dialect}@bakkerij.test`);
    const db = t.runtime.deps.db;
    const now = new Date().toISOString();
    await db.insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'bakkerij.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null }).execute();
    const owner = await db.selectFrom('users').select('id').where('email', '=', `owner-${dialect}@bakkerij.test`).executeTakeFirstOrThrow();
    const token = `sch_${'m'.repeat(40)}${dialect === 'sqlite' ? 'sql' : 'pgs'}`;
    await insertApiToken(db, { id: randomUUID(), userId: owner.id, name: 'test', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now });
    const api = (method: 'POST', url: string, payload: unknown) => t.app.inject({ method, url: `/api/v1/companies/${companyId}${url}`, headers: { authorization: `Bearer ${token}` }, payload: payload as never });
    const people = [
      { email: 'anna@bakkerij.test', language: 'en', group: 'Shop' },
      { email: 'bert@bakkerij.test', language: 'nl', group: 'Shop' },
      { email: 'refused@bakkerij.test', language: 'en', group: 'Shop' },
      { email: 'later@bakkerij.test', language: 'en', group: 'Office' },
    ];
    expect((await api('POST', '/people/import', { people })).statusCode).toBe(200);
    async function campaign(name: string, group: string): Promise<string> {
      const res = await api('POST', '/phishing/campaigns', { name, templateId: 'parcel-delivery', groups: [group] });
      expect(res.statusCode, res.body).toBe(201);
      const id = (res.json() as { id: string }).id;
      // Open the window whatever the time of day the suite runs, and make its first run due now.
      await db.updateTable('phishing_campaigns').set({ window_start: '00:00', window_end: '23:59', weekdays_only: 0 }).where('id', '=', id).execute();
      await db.updateTable('jobs').set({ run_at: new Date(Date.now() - 1000).toISOString() }).where('payload', '=', JSON.stringify({ campaignId: id })).where('status', '=', 'queued').execute();
      return id;
    }

    let before = await scrape();
    await campaign('Shop', 'Shop');
    await t.drainJobs();
    let after = await scrape();
    const delta = (outcome: string) => after(`schild_phishing_messages_total{outcome="${outcome}"}`) - before(`schild_phishing_messages_total{outcome="${outcome}"}`);
    expect(delta('sent')).toBe(2);
    expect(delta('failed')).toBe(1);
    expect(delta('retry')).toBe(0);

    before = await scrape();
    const office = await campaign('Office', 'Office');
    await t.drainJobs();
    after = await scrape();
    expect(delta('retry')).toBe(1);
    expect(delta('sent')).toBe(0);
    const r = await db.selectFrom('phishing_recipients').select('send_state').where('campaign_id', '=', office).executeTakeFirstOrThrow();
    expect(r.send_state).toBe('pending'); // back with its batch for a later run
  }, 60_000);
});
