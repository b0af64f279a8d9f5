/** Monitoring of a verified company domain: verification by DNS TXT, daily re-scan, an e-mail when it gets worse. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

describe.each(DIALECTS)('domain monitoring on %s', (dialect) => {
  let lab: ScanLab;
  let smtp: SmtpSink;
  let t: TestApp;
  beforeAll(async () => {
    lab = await startScanLab();
    smtp = await startSmtp();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url, ...lab.env('good.test') });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await lab?.stop();
  });

  it('verifies ownership by DNS TXT, scans daily, and e-mails the owner when DMARC gets weaker', async () => {
    const { b, companyId } = await ownerWithCompany(t, `mon-${dialect}@example.be`);
    const base = `/en/companies/${companyId}/domains`;
    await b.get(base);
    expect((await b.post(base, { domain: 'good.test' })).headers.location).toBe(`${base}?done=added`);
    const page = await b.get(base);
    const token = /schild-verification=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
    // Not yet published: refused with a clear message.
    const id = /domains\/([0-9a-f-]{36})\/verify/.exec(page.body)![1]!;
    const early = await b.post(`${base}/${id}/verify`, {});
    expect(early.statusCode).toBe(400);
    lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: `schild-verification=${token}` });
    expect((await b.post(`${base}/${id}/verify`, {})).headers.location).toBe(`${base}?done=verified`);

    // First monitoring scan: baseline, no alert.
    await t.drainJobs();
    const before = smtp.messages.length;
    const history = await b.get(base);
    expect(history.body).toContain('data-testid="verified"');
    expect(history.body).toMatch(/<td[^>]*>[AB][+-]?<\/td>/);

    // The scan answers the self-assessment control on mail authentication, and shows a contradicting answer.
    await b.get(`/en/companies/${companyId}/assessment/email`);
    await b.post(`/en/companies/${companyId}/assessment/email`, { 'a_pr-email-domain-auth': 'no', go: 'stay' });
    const email = await b.get(`/en/companies/${companyId}/assessment/email`);
    expect(email.body).toContain('data-evidence="yes"');
    expect(email.body).toContain('notice warn');

    // The domain gets worse; a day later the worker scans again and e-mails the owner.
    lab.setRecord('good.test', { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' });
    t.clock.advance(25 * 3_600_000);
    await t.drainJobs();
    await t.drainJobs();
    const alert = await smtp.waitFor((m) => m.to.includes(`mon-${dialect}@example.be`) && /good\.test/.test(m.subject), 10_000);
    expect(smtp.messages.length).toBeGreaterThan(before);
    expect(alert.text).toMatch(/DMARC/);
    expect(alert.text).toContain('/scan/');
    lab.setRecord('good.test', { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=reject; rua=mailto:dmarc@good.test' });
  }, 60_000);

  it('"scan now" adds one scan and never a second daily chain: one next monitoring scan per domain stays planned', async () => {
    const { b, companyId } = await ownerWithCompany(t, `chain-${dialect}@example.be`);
    const base = `/en/companies/${companyId}/domains`;
    await b.get(base);
    await b.post(base, { domain: 'good.test' });
    const page = await b.get(base);
    const token = /schild-verification=([A-Za-z0-9_-]+)/.exec(page.body)![1]!;
    const id = /domains\/([0-9a-f-]{36})\/verify/.exec(page.body)![1]!;
    lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: `schild-verification=${token}` });
    await b.post(`${base}/${id}/verify`, {});
    await t.drainJobs();
    const planned = () =>
      t.runtime.deps.db.selectFrom('scans').select(['id', 'created_at']).where('company_id', '=', companyId).where('domain', '=', 'good.test').where('status', '=', 'queued').execute();
    expect(await planned()).toHaveLength(1);
    // The owner asks for three scans now; each runs, and the daily plan stays one scan.
    for (let i = 0; i < 3; i++) expect((await b.post(`${base}/${id}/scan`, {})).statusCode).toBe(303);
    await t.drainJobs();
    expect(await planned()).toHaveLength(1);
    // A day later the planned scan runs and plans exactly one next.
    t.clock.advance(25 * 3_600_000);
    await t.drainJobs();
    expect(await planned()).toHaveLength(1);
  }, 60_000);
});
