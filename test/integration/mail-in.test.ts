/**
 * `schild mail-in` end to end, on SQLite and PostgreSQL: the receiver on 127.0.0.1 (random port), mail delivered with
 * nodemailer, DNS from the loopback DNS server, answers and the Safeonweb forward caught by the loopback SMTP sink.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hmac, sha256 } from '../../src/adapters/crypto.ts';
import { reportSettings } from '../../src/app/mail-reports.ts';
import { registrationDateFromRdap } from '../../src/core/mail-report/signals.ts';
import { dnsLookup, PER_SENDER_PER_HOUR, startMailIn, type MailInServer } from '../../src/entrypoints/mail-in.ts';
import { startWorker, type Worker } from '../../src/workers/runner.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PASSWORD } from '../support/flows.ts';
import { fixture, forwardAsAttachment, MAIL_ZONES, signedLegitimateMail } from '../support/mail-in/fixtures.ts';
import { startDnsServer, type TestDnsServer } from '../support/scan/dns-server.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const SAFEONWEB = 'suspicious@safeonweb.sink.test';
const ANNA = 'anna@bakkerij-peeters.be';

describe.each(DIALECTS)('mail-in (%s)', (dialect) => {
  let t: TestApp;
  let sink: SmtpSink;
  let dns: TestDnsServer;
  let server: MailInServer;
  let worker: Worker;
  let owner: Browser;
  let companyId: string;
  let address: string;
  let recipientId: string;
  let token: string;
  let smtp: nodemailer.Transporter;

  const send = (raw: string, to = address, from = ANNA) => smtp.sendMail({ envelope: { from, to: [to] }, raw });
  const reports = () => t.runtime.deps.db.selectFrom('mail_reports').selectAll().where('company_id', '=', companyId).orderBy('received_at').execute();

  beforeAll(async () => {
    sink = await startSmtp();
    dns = await startDnsServer(MAIL_ZONES);
    t = await createTestApp(dialect, { SMTP_URL: sink.url, MAIL_IN_DOMAIN: 'report.schild.test', SAFEONWEB_REPORT_ADDRESS: SAFEONWEB, BASE_URL: 'https://schild.test' });
    ({ b: owner, companyId } = await ownerWithCompany(t));
    const db = t.runtime.deps.db;
    const now = new Date().toISOString();
    // Set-up as other parts of Schild leave it: a verified company domain, one person (French), one simulated mail sent.
    await db.insertInto('company_domains').values({ id: crypto.randomUUID(), company_id: companyId, domain: 'bakkerij-peeters.be', verify_token: 'x', verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null }).execute();
    await db.insertInto('people').values({ id: crypto.randomUUID(), company_id: companyId, email: ANNA, display_name: 'Anna', language: 'fr', group_name: '', pseudonym: 'P-01', created_at: now }).execute();
    const campaignId = crypto.randomUUID();
    await db
      .insertInto('phishing_campaigns')
      .values({ id: campaignId, company_id: companyId, name: 'Pakket', template_id: 'parcel-delivery', domain: 'bakkerij-peeters.be', starts_at: now, window_start: '09:00', window_end: '17:00', weekdays_only: 1, rate_per_minute: 10, status: 'sent', created_by: 'x', created_at: now, sent_at: now, purge_after: now, purged_at: null })
      .execute();
    recipientId = crypto.randomUUID();
    // Recipient token contract (issue 10): base64url(HMAC-SHA256(app secret, 'phishing-recipient:' + id)), first 22 characters.
    token = hmac(t.config.sessionSecret, `phishing-recipient:${recipientId}`).slice(0, 22);
    await db
      .insertInto('phishing_recipients')
      .values({ id: recipientId, campaign_id: campaignId, person_id: null, group_name: '', language: 'fr', token_hash: sha256(token), send_state: 'sent', claimed_by: null, claimed_at: null, message_id: null, sent_at: now, opened_at: null, clicked_at: null, submitted_at: null, reported_at: null })
      .execute();
    address = (await reportSettings(t.runtime.deps, companyId)).address;

    worker = startWorker(t.runtime.deps, { pollMs: 100 });
    t.runtime.setKick(() => worker.kick());
    const rdap = registrationDateFromRdap(JSON.parse(fixture('rdap-young-domain.json')));
    server = await startMailIn(t.runtime.deps, { dns: dnsLookup(dns.server), domainAge: async (d) => (d === 'bakkerij-peeterss.be' ? rdap : null) }, { host: '127.0.0.1', port: 0 });
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
  }, 120_000);

  afterAll(async () => {
    smtp?.close();
    await server?.stop();
    await worker?.stop();
    await t?.close();
    await sink?.stop();
    await dns?.stop();
  });

  it('shows the report address to the owner, with instructions', async () => {
    expect(address).toMatch(/^[a-z2-7]{16}@report\.schild\.test$/);
    const page = await owner.get(`/en/companies/${companyId}/mail-reports`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(address);
    expect(page.body).toContain('Forward as attachment');
  });

  it('answers real phishing in the person’s language with the reasons, marked Auto-Submitted (RFC 3834 §5); nothing goes to Safeonweb without consent', async () => {
    await send(forwardAsAttachment(fixture('phishing-lookalike.eml'), { from: `Anna <${ANNA}>`, to: address }));
    const answer = await sink.waitFor((m) => m.to.includes(ANNA) && m.subject.startsWith('Très probablement du phishing'));
    expect(answer.headers['auto-submitted']).toBe('auto-replied');
    expect(answer.text).toContain('ressemble à votre propre domaine');
    expect(answer.text).toContain('n’existe que depuis quelques semaines'); // young domain, from the recorded RDAP answer
    expect(answer.text).toContain('en pièce jointe');
    const [report] = await reports();
    expect(report).toMatchObject({ verdict: 'likely_phishing', original: 'attachment', sender_domain: 'bakkerij-peeterss.be', reporter_email: ANNA, forward_state: 'none', language: 'fr' });
    expect(JSON.parse(report!.reasons)).toEqual(expect.arrayContaining(['auth_dmarc_fail', 'sender_lookalike', 'attachment_html', 'sender_young_domain']));
    // Only what the owner needs: no body text anywhere in the row, no kept original.
    expect(JSON.stringify(report)).not.toContain('Beste Anna');
    expect(await t.runtime.deps.db.selectFrom('mail_report_originals').selectAll().execute()).toHaveLength(0);
    expect(sink.messages.some((m) => m.to.includes(SAFEONWEB))).toBe(false);
  });

  it('with the owner’s consent (audited), real phishing goes on to Safeonweb as an attachment and our copy is deleted', async () => {
    await owner.get(`/en/companies/${companyId}/mail-reports`);
    const res = await owner.post(`/en/companies/${companyId}/mail-reports/consent`, { consent: '1' });
    expect(res.statusCode).toBe(303);
    const audit = await t.runtime.deps.db.selectFrom('audit_events').selectAll().where('type', '=', 'company.report_forwarding_changed').execute();
    expect(audit).toHaveLength(1);
    await send(forwardAsAttachment(fixture('phishing-lookalike.eml'), { from: `Anna <${ANNA}>`, to: address }));
    const forwarded = await sink.waitFor((m) => m.to.includes(SAFEONWEB));
    expect(forwarded.headers['content-type']).toContain('multipart/mixed');
    const raw = forwarded.text;
    expect(raw).toContain('likely_phishing');
    await expect.poll(async () => (await reports()).at(-1)?.forward_state).toBe('sent');
    expect(await t.runtime.deps.db.selectFrom('mail_report_originals').selectAll().execute()).toHaveLength(0);
  });

  it('a legitimate, DKIM-signed mail gets "looks legitimate, but …" and is not passed on', async () => {
    const before = sink.messages.filter((m) => m.to.includes(SAFEONWEB)).length;
    await send(forwardAsAttachment(await signedLegitimateMail(), { from: `Anna <${ANNA}>`, to: address }));
    const answer = await sink.waitFor((m) => m.to.includes(ANNA) && m.subject.startsWith('Cet e-mail semble légitime'));
    expect(answer.text).toContain('Mais un ordinateur ne voit pas tout');
    expect((await reports()).at(-1)).toMatchObject({ verdict: 'likely_legitimate', forward_state: 'none' });
    expect(sink.messages.filter((m) => m.to.includes(SAFEONWEB)).length).toBe(before);
  });

  it('a forwarded simulation counts as reported once, with one reported event, and gets a warm thank-you', async () => {
    const raw = fixture('forwarded-simulation.eml').replaceAll('{{TOKEN}}', token).replace('{{BASE_URL}}', 'https://schild.test').replace('{{REPORT_ADDRESS}}', address);
    await send(raw);
    const answer = await sink.waitFor((m) => m.to.includes(ANNA) && m.subject.startsWith('Bien vu'));
    expect(answer.text).toContain('e-mail d’exercice de votre propre entreprise');
    await send(raw);
    const db = t.runtime.deps.db;
    const recipient = await db.selectFrom('phishing_recipients').selectAll().where('id', '=', recipientId).executeTakeFirstOrThrow();
    expect(recipient.reported_at).not.toBeNull();
    const events = await db.selectFrom('phishing_events').selectAll().where('recipient_id', '=', recipientId).where('kind', '=', 'reported').execute();
    expect(events).toHaveLength(1);
    const sims = (await reports()).filter((r) => r.verdict === 'simulation');
    expect(sims).toHaveLength(2);
    expect(sims.every((r) => r.subject === null && r.forward_state === 'none')).toBe(true);
  });

  it('refuses an unknown report address with 550 (RFC 5321 §4.2.3)', async () => {
    await expect(send('Subject: x\r\n\r\nhello', 'aaaaaaaaaaaaaaaa@report.schild.test')).rejects.toMatchObject({ responseCode: 550 });
    await expect(send('Subject: x\r\n\r\nhello', address.replace('report.schild.test', 'elsewhere.test'))).rejects.toMatchObject({ responseCode: 550 });
  });

  it('survives malformed mail and keeps working', async () => {
    const count = (await reports()).length;
    await send('\u00ff\u00fe junk without headers\r\n--broken\r\nContent-Type: message/rfc822\r\n\r\n');
    await send(`From: ${ANNA}\r\nSubject: ${'x'.repeat(200_000)}\r\nContent-Type: multipart/mixed; boundary=\r\n\r\nno boundary`);
    expect((await reports()).length).toBe(count + 2);
    const page = await owner.get(`/en/companies/${companyId}/mail-reports`);
    expect(page.statusCode).toBe(200);
  });

  it('never answers automatic mail: Auto-Submitted, bounces (RFC 3834 §2, §5)', async () => {
    const count = (await reports()).length;
    await send(forwardAsAttachment(fixture('phishing-lookalike.eml'), { from: `Anna <${ANNA}>`, to: address, headers: 'Auto-Submitted: auto-replied' }));
    await send(forwardAsAttachment(fixture('phishing-lookalike.eml'), { from: 'MAILER-DAEMON@mx.test', to: address }), address, 'MAILER-DAEMON@mx.test');
    expect((await reports()).length).toBe(count);
  });

  it('a consent form with anything but 0 or 1 changes nothing', async () => {
    await owner.get(`/en/companies/${companyId}/mail-reports`);
    const audits = async () => (await t.runtime.deps.db.selectFrom('audit_events').selectAll().where('type', '=', 'company.report_forwarding_changed').execute()).length;
    const before = await audits();
    const res = await owner.post(`/en/companies/${companyId}/mail-reports/consent`, { consent: 'maybe' });
    expect(res.statusCode).toBe(303);
    expect(await audits()).toBe(before);
    expect((await reportSettings(t.runtime.deps, companyId)).forwardConsent).toBe(true);
  });

  it(`limits mails per sender address (${PER_SENDER_PER_HOUR} an hour): then 450, try later (RFC 5321 §4.2.5)`, async () => {
    const spammer = 'flood@elsewhere.test';
    for (let i = 0; i < PER_SENDER_PER_HOUR; i++) await send(`From: ${spammer}\r\nSubject: ${i}\r\n\r\nhello`, address, spammer);
    await expect(send(`From: ${spammer}\r\nSubject: one more\r\n\r\nhello`, address, spammer)).rejects.toMatchObject({ responseCode: 450 });
    // Unknown to the company: stored for the owner, never answered (no backscatter to forged senders).
    const flood = (await reports()).filter((r) => r.reporter_email === spammer);
    expect(flood).toHaveLength(PER_SENDER_PER_HOUR);
    expect(flood.every((r) => r.answered_at === null)).toBe(true);
    expect(sink.messages.some((m) => m.to.includes(spammer))).toBe(false);
  });

  it('lists the reports with counts per month on the page and in the API', async () => {
    const page = await owner.get(`/en/companies/${companyId}/mail-reports`);
    expect(page.body).toContain('data-testid="mail-reports"');
    expect(page.body).toContain('Very likely phishing');
    expect(page.body).toContain('Practice mail (well spotted)');
    expect(page.body).not.toContain(ANNA);
    await owner.get('/en/account/tokens');
    const created = await owner.post('/en/account/tokens', { name: 'Reports', scopes: ['companies:read'], password: PASSWORD });
    const apiToken = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)?.[1];
    const res = await t.app.inject({ url: `/api/v1/companies/${companyId}/mail-reports`, headers: { authorization: `Bearer ${apiToken}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { address: string; forwardConsent: boolean; reports: { verdict: string }[]; months: { verdict: string; count: number }[] };
    expect(body.address).toBe(address);
    expect(body.forwardConsent).toBe(true);
    expect(body.reports.length).toBe((await reports()).length);
    expect(body.months.find((m) => m.verdict === 'simulation')?.count).toBe(2);
  });
});
