/**
 * Insurance readiness (issue 12, docs/insurance.md): the page and the PDF for a company with answers, a stored scan of
 * its verified domain and training completions. Statuses and evidence follow src/core/insurance/readiness.ts; the
 * question areas are the common ones of broker and IT-firm guides (reference note section 4). Member can view;
 * outsiders get 404 (the company's existence stays hidden).
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const decode = (s: string) => s.replace(/&#x27;|&#39;/g, '’').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe.each(DIALECTS)('insurance readiness on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let companyId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t, `ins-owner-${dialect}@example.be`));
    const answer = async (theme: string, answers: Record<string, string>) => {
      await owner.get(`/en/companies/${companyId}/assessment/${theme}`);
      const res = await owner.post(`/en/companies/${companyId}/assessment/${theme}`, { ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`a_${k}`, v])), go: 'stay' });
      expect(res.statusCode).toBe(303);
    };
    await answer('accounts', { 'pr-mfa-email': 'yes', 'pr-mfa-critical': 'yes' });
    await answer('network', { 'pr-remote-access': 'no' });
    await answer('email', { 'pr-email-filter': 'yes', 'pr-email-domain-auth': 'yes' });
    await answer('people', { 'pr-awareness': 'yes', 'de-report-suspicious': 'yes', 'pr-invoice-check': 'yes' });
    await answer('incidents', { 'rs-incident-plan': 'unknown' });

    const db = t.runtime.deps.db;
    const now = new Date().toISOString();
    // The latest scan of the verified domain saw SPF fail (stored result; no network traffic in this test).
    const scanId = randomUUID();
    const check = (id: string, status: string) => ({ id, status, severity: 'high', messageKey: `${id}.${status}`, params: {}, who: 'it_provider' });
    await db
      .insertInto('scans')
      .values({
        id: scanId,
        domain: 'peeters.test',
        company_id: companyId,
        requested_by: null,
        status: 'done',
        progress: 100,
        step: null,
        algorithm_version: 'test',
        grade: 'C',
        result: JSON.stringify({ checks: [check('mail.spf', 'fail'), check('mail.dmarc', 'pass'), check('mail.dkim', 'pass')] }),
        error: null,
        created_at: '2026-12-01T09:00:00.000Z',
        started_at: '2026-12-01T09:00:00.000Z',
        finished_at: '2026-12-01T09:01:00.000Z',
        fingerprint: null,
      })
      .execute();
    await db
      .insertInto('company_domains')
      .values({ id: randomUUID(), company_id: companyId, domain: 'peeters.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: scanId, fingerprint: null })
      .execute();
    // 9 people on the staff list; 7 finished a lesson this year; no practice phishing yet.
    for (let i = 0; i < 9; i++) {
      const personId = randomUUID();
      await db.insertInto('people').values({ id: personId, company_id: companyId, email: `p${i}@peeters.test`, display_name: null, language: 'nl', group_name: '', pseudonym: `P-${i}${dialect}`, created_at: now }).execute();
      if (i >= 7) continue;
      const learnerId = randomUUID();
      await db
        .insertInto('training_learners')
        .values({ id: learnerId, company_id: companyId, person_id: personId, token_hash: `t${learnerId}`, unsubscribe_hash: `u${learnerId}`, invited_at: now, joined_at: now, revoked_at: null, unsubscribed_at: null })
        .execute();
      await db.insertInto('training_progress').values({ learner_id: learnerId, lesson_id: 'passphrases', started_at: now, completed_at: now, perfect: 0 }).execute();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const areaHtml = (body: string, area: string) => {
    const m = new RegExp(`<li data-area="${area}" data-status="([a-z_]+)"[^>]*>([\\s\\S]*?)</li>\\s*(?=<li data-area|</ol>)`).exec(body);
    expect(m, area).not.toBeNull();
    return { status: m![1], html: decode(m![2]!) };
  };

  it('shows each question area with the status computed from answers, scan and training, the evidence and the gaps', async () => {
    const res = await owner.get(`/en/companies/${companyId}/insurance`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(decode(body)).toContain('We found no published question form of a Belgian insurer.');
    expect(decode(body)).toContain('the insurer can dispute a claim');
    // Only the payment check is fully in place (answered yes, nothing measured against it).
    expect(body).toContain('1 of 9 topics in place.');
    expect(body.match(/data-status="in_place"/g)?.length).toBe(1);

    const mfa = areaHtml(body, 'mfa');
    expect(mfa.status).toBe('partly');
    expect(mfa.html).toContain('You answered “Yes” to:');
    expect(mfa.html).toContain('You answered “No” to:');
    expect(mfa.html).toContain(`data-gap="pr-remote-access"`);
    expect(mfa.html).toContain(`href="/en/companies/${companyId}/results#action-pr-remote-access"`);

    const mail = areaHtml(body, 'email_security');
    expect(mail.status).toBe('partly');
    expect(mail.html).toContain('The scan of peeters.test on 1 December 2026 found: not in order.');
    expect(mail.html).toContain('The measurement counts here');
    expect(mail.html).toContain('data-gap="pr-email-domain-auth"');

    const training = areaHtml(body, 'training');
    expect(training.status).toBe('partly');
    expect(training.html).toContain('7 of your 9 staff finished a lesson in the last 12 months.');
    expect(training.html).toContain('No practice phishing mail was sent in the last 12 months.');

    expect(areaHtml(body, 'payments').status).toBe('in_place');
    expect(areaHtml(body, 'payments').html).toContain('Nothing to do: keep it that way.');
    const plan = areaHtml(body, 'incident_plan');
    expect(plan.status).toBe('unknown');
    expect(plan.html).toContain('You answered “I don’t know” to:');
    expect(plan.html).toContain(`href="/en/companies/${companyId}/assessment/incidents#q-rs-incident-plan"`);
    expect(areaHtml(body, 'updates').status).toBe('unknown');
    // the navigation of the company links the page
    expect(body).toContain(`href="/en/companies/${companyId}/insurance" aria-current="page"`);
  });

  it('the PDF in each of the four languages carries the areas, statuses and evidence', async () => {
    const expected = {
      nl: ['Klaar voor een cyberverzekering', 'Stand: gedeeltelijk', '7 van de 9 mensen van je personeel'],
      fr: ['Prêt pour une cyberassurance', 'État : en partie', '7 personnes sur 9 de votre personnel'],
      de: ['Bereit für eine Cyberversicherung', 'Stand: teilweise', '7 von 9 Personen Ihres Personals'],
      en: ['Ready for cyber insurance', 'Status: partly', '7 of your 9 staff finished a lesson'],
    };
    for (const [lang, texts] of Object.entries(expected)) {
      const res = await owner.get(`/${lang}/companies/${companyId}/insurance.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = flat((await pdfParse(res.rawPayload)).text);
      for (const x of texts) expect(text, `${lang}: ${x}`).toContain(flat(x));
    }
  });

  it('a member can view the page and the PDF; an outsider gets 404 for both; anonymous is sent to log in', async () => {
    const member = await inviteAndJoin(t, owner, companyId, `ins-member-${dialect}@example.be`);
    expect((await member.get(`/en/companies/${companyId}/insurance`)).statusCode).toBe(200);
    expect((await member.get(`/en/companies/${companyId}/insurance.pdf`)).statusCode).toBe(200);
    const outsider = new Browser(t.app);
    await signUpAndVerify(t, outsider, `ins-outsider-${dialect}@example.be`);
    await logIn(outsider, `ins-outsider-${dialect}@example.be`);
    expect((await outsider.get(`/en/companies/${companyId}/insurance`)).statusCode).toBe(404);
    expect((await outsider.get(`/en/companies/${companyId}/insurance.pdf`)).statusCode).toBe(404);
    expect((await new Browser(t.app).get(`/en/companies/${companyId}/insurance`)).statusCode).toBe(303);
  });

  it('a company without any answer: every area unknown and a notice to start the self-assessment; viewing creates nothing', async () => {
    const other = await ownerWithCompany(t, `ins-empty-${dialect}@example.be`);
    const before = await t.runtime.deps.db.selectFrom('assessments').select('id').where('company_id', '=', other.companyId).execute();
    const res = await other.b.get(`/en/companies/${other.companyId}/insurance`);
    expect(res.statusCode).toBe(200);
    expect(decode(res.body)).toContain('You have not filled in the self-assessment yet.');
    expect(res.body.match(/data-status="unknown"/g)?.length).toBe(9);
    const after = await t.runtime.deps.db.selectFrom('assessments').select('id').where('company_id', '=', other.companyId).execute();
    expect(after.length).toBe(before.length);
  });
});
