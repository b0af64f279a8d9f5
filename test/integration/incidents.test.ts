/** Incident reporting over HTTP on both databases: wizard, triage, anonymous follow-up, company incidents, reminders. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, ownerWithCompany } from '../support/flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;

const FACTS = {
  category: 'invoice_fraud',
  awareAt: '2026-11-20T09:00:00+01:00',
  ongoing: false,
  personalData: 'no',
  specialCategoryData: false,
  dataEncrypted: false,
  gdprRole: 'controller',
  nis2: 'out_of_scope',
  moneyLost: true,
  cardDataExposed: false,
  extortion: false,
  insured: false,
};

function wizardQuery(q: Record<string, string>): string {
  return new URLSearchParams(q).toString();
}

describe('incident triage API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers with RSIT, first aid, obligations and contacts, storing nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/incidents/triage', payload: { lang: 'nl', facts: FACTS } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rsit).toEqual([{ class: 'fraud', type: 'masquerade' }]);
    expect(body.obligations.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining(['bank_recall', 'police_complaint', 'certbe_voluntary']));
    // Urgent advice, not a legal duty: a recall after an authorised transfer (issue 8).
    expect(body.obligations[0]).toMatchObject({ id: 'bank_recall', due: 'immediately', mandatory: false });
    expect(body.firstAid.length).toBeGreaterThan(1);
    expect(body.contacts.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['bank', 'police']));
    const n = await t.runtime.deps.db.selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('refuses malformed facts with a 400', async () => {
    for (const facts of [{ ...FACTS, category: 'alien_attack' }, { ...FACTS, awareAt: 'yesterday' }, { ...FACTS, moneyLost: 'yes' }, { ...FACTS, extra: 1 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/incidents/triage', payload: { lang: 'en', facts } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe.each(DIALECTS)('incident reporting on %s', (dialect) => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('walks the wizard one question per screen, then shows the bank and police steps; saves anonymously with a follow-up link', async () => {
    const b = new Browser(t.app);
    let q: Record<string, string> = {};
    const answers: Record<string, string> = { category: 'invoice_fraud', ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'yes', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' };
    let screens = 0;
    for (;;) {
      const page = await b.get(`/en/incident/report?${wizardQuery(q)}`);
      expect(page.statusCode).toBe(200);
      const name = /<fieldset class="field" id="f-([a-zA-Z0-9]+)"/.exec(page.body)?.[1];
      if (!name) {
        expect(page.body).toContain('data-obligation="bank_recall"');
        expect(page.body).toContain('data-obligation="police_complaint"');
        expect(page.body).toContain('data-contact="bank"');
        break;
      }
      screens++;
      expect((page.body.match(/<fieldset class="field"/g) ?? []).length).toBe(1); // one question per screen
      if (name === 'awareAt') q = { ...q, awareDate: '2026-11-20', awareTime: '09:00', awareAtCombined: '1' };
      else q = { ...q, [name]: answers[name]! };
      // Carry the answers as the form's hidden fields would.
      const hidden = [...page.body.matchAll(/<input type="hidden" name="([a-zA-Z0-9]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]);
      q = { ...Object.fromEntries(hidden), ...q };
      delete q.awareAtCombined;
      if (name === 'awareAt') q.awareAtCombined = '1';
    }
    expect(screens).toBe(10); // the three personal-data follow-ups and the NIS2 significance question are skipped
    const saved = await b.post('/en/incident/save', { ...q, awareAt: '2026-11-20T09:00' });
    expect(saved.statusCode).toBe(303);
    const follow = String(saved.headers.location);
    expect(follow).toMatch(/^\/en\/incidents\/follow\/[A-Za-z0-9_-]{40,}\?done=created$/);
    const page = await b.get(follow);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="follow-link"');
    const base = follow.split('?')[0]!;
    expect((await b.post(`${base}/tick`, { kind: 'obligation', item: 'bank_recall', done: 'yes', reference: 'call ref 123' })).statusCode).toBe(303);
    await b.post(`${base}/update`, { text: 'Bank froze the transfer', kind: 'update' });
    await b.post(`${base}/status`, { status: 'closed', lessons: 'Call suppliers on a known number' });
    const after = await b.get(base);
    expect(after.body).toContain('call ref 123');
    expect(after.body).toContain('Bank froze the transfer');
    expect(after.body).toContain('Call suppliers on a known number');
    expect(after.body).toContain('data-status="closed"');
    // A wrong token shows nothing.
    expect((await b.get(`/en/incidents/follow/${'x'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('a ransomware report for a NIS2 important entity with personal data: 24 h, 72 h, one month; reminders by e-mail; drafts; register; export', async () => {
    const { b, companyId } = await ownerWithCompany(t, `ransom-${dialect}@example.be`);
    const member = await inviteAndJoin(t, b, companyId, `member-${dialect}@example.be`);
    const aware = t.clock.now();
    const facts = { ...FACTS, category: 'ransomware', awareAt: aware.toISOString(), personalData: 'yes', nis2: 'important', moneyLost: false, insured: true };
    // Any member may report.
    const q = { category: 'ransomware', awareAt: '', ongoing: 'yes', personalData: 'yes', specialCategoryData: 'no', dataEncrypted: 'no', gdprRole: 'controller', nis2: 'important', moneyLost: 'no', cardDataExposed: 'no', extortion: 'yes', insured: 'yes' };
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(aware).replace(' ', 'T');
    q.awareAt = wall;
    await member.get(`/en/incident/report?${wizardQuery(q)}`);
    const created = await member.post(`/en/companies/${companyId}/incidents`, q);
    expect(created.statusCode).toBe(303);
    const url = String(created.headers.location).split('?')[0]!;
    const page = await b.get(url);
    for (const id of ['nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'gdpr_dpa_notification', 'insurer', 'police_complaint']) expect(page.body, id).toContain(`data-obligation="${id}"`);
    void facts;

    // Reminders are jobs at deadline − 12 h and − 2 h; move the clock to 13 h after awareness: the 24 h reminder (at 12 h) is due.
    const jobs = await t.runtime.deps.db.selectFrom('jobs').select(['type', 'run_at']).where('type', '=', 'incident-reminder').execute();
    expect(jobs.length).toBe(8); // 24 h, 72 h, one month (NIS2) and 72 h (GDPR): two reminders each
    t.clock.advance(13 * 3_600_000);
    await t.drainJobs();
    await t.drainJobs();
    const mail = await smtp.waitFor((m) => m.to.includes(`ransom-${dialect}@example.be`) && /Herinnering|Reminder/.test(m.subject));
    expect(mail.text).toContain('/incidents/');
    // Ticking the duty off stops its later reminder.
    await b.get(url);
    await b.post(`${url}/tick`, { kind: 'obligation', item: 'nis2_early_warning', done: 'yes', reference: 'CCB-42' });
    const before = smtp.messages.length;
    t.clock.advance(10 * 3_600_000); // 23 h: only the early warning's 2-hour reminder would be due, and it is done
    await t.drainJobs();
    await t.drainJobs();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBe(before);

    // Drafts: text and PDF with the incident's data.
    await b.post(`${url}/details`, { description: 'Files encrypted on the office PC', peopleAffected: 'about 300 customers', dataTypes: 'names, addresses', measures: 'PC disconnected; backups checked', contact: 'An Peeters, 0470 00 00 00' });
    const draft = await b.get(`${url}/drafts/gdpr_dpa_notification`);
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('about 300 customers');
    const pdf = await b.get(`${url}/drafts/nis2_early_warning.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await pdfParse(pdf.rawPayload)).text).toContain('Files encrypted on the office PC');
    expect((await b.get(`${url}/drafts/bank_recall`)).statusCode).toBe(404); // not a duty of this incident

    // Breach register.
    const reg = await b.get(`/en/companies/${companyId}/breach-register`);
    expect(reg.body).toContain('names, addresses');
    const csv = await b.get(`/en/companies/${companyId}/breach-register.csv`);
    expect(csv.body).toContain('about 300 customers');

    // Consents are separate; the MISP export is the owner's choice and carries rsit tags.
    await b.post(`${url}/consents`, { stats: 'yes' });
    const row = await t.runtime.deps.db.selectFrom('incidents').select(['stats_consent', 'story_consent', 'story']).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    expect([row.stats_consent, row.story_consent, row.story]).toEqual([1, 0, null]);
    await member.get(url);
    expect((await member.post(`${url}/misp`, {})).statusCode).toBe(403);
    const misp = await b.post(`${url}/misp`, {});
    const event = JSON.parse(misp.body).Event;
    expect(event.Tag.map((x: { name: string }) => x.name)).toContain('rsit:malicious-code="infected-system"');
    expect(JSON.stringify(event)).not.toContain('Files encrypted on the office PC');

    // Close with lessons learned.
    await b.post(`${url}/status`, { status: 'confirmed' });
    await b.post(`${url}/status`, { status: 'closed', lessons: 'Offline backup every Friday' });
    expect((await b.get(url)).body).toContain('Offline backup every Friday');
  });
});
