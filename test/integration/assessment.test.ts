/** Self-assessment end to end over HTTP, on both databases: quick scan, saving it, the full assessment, downloads. */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, ownerWithCompany, PASSWORD, signUpAndVerify } from '../support/flows.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string; numpages: number }>;

const PROFILE = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'sensitive', remoteWork: true, itProvider: true };

describe('assessment API (stateless)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('serves the catalogue in each language with applicability in words', async () => {
    for (const lang of ['nl', 'fr', 'de', 'en']) {
      const res = await t.app.inject({ url: `/api/v1/catalog?lang=${lang}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.algorithmVersion).toMatch(/^schild-assessment-/);
      expect(body.controls.length).toBeGreaterThanOrEqual(45);
      const shop = body.controls.find((c: { id: string }) => c.id === 'pr-webshop-security');
      expect(shop.applicability.length).toBeGreaterThan(5);
      expect(body.threats).toHaveLength(8);
      expect(body.sectors.length).toBeGreaterThanOrEqual(10);
    }
    const nl = (await t.app.inject({ url: '/api/v1/catalog?lang=nl' })).json();
    const en = (await t.app.inject({ url: '/api/v1/catalog?lang=en' })).json();
    expect(nl.controls[0].question).not.toBe(en.controls[0].question);
  });

  it('scores a quick scan without storing anything, and gives the plan as PDF on request', async () => {
    const body = { lang: 'fr', profile: PROFILE, answers: { 'pr-mfa-email': 'no', 'pr-backup': 'partly', 'pr-password-manager': 'yes', 'pr-updates-auto': 'unknown' } };
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: body });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.applicableControls).toContain('pr-mfa-email');
    expect(r.applicableControls).not.toContain('pr-webshop-security');
    expect(r.plan.map((p: { controlId: string }) => p.controlId)).toEqual(expect.arrayContaining(['pr-mfa-email', 'pr-backup']));
    expect(r.providerChecklist).toContainEqual(expect.objectContaining({ controlId: 'pr-updates-auto', reason: 'unknown' }));
    expect(r.scores.overall).toBeGreaterThan(0);
    expect(r.risks).toHaveLength(8);
    expect(r.keyMeasures.basic.total).toBe(13);
    expect(r.open.length).toBeGreaterThan(10);
    const pdf = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: body, headers: { accept: 'application/pdf' } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfParse(pdf.rawPayload)).text;
    expect(text).toContain('Votre plan d’action');
    expect(text).toContain(r.plan[0].title.slice(0, 20));
    const n = await t.runtime.deps.db.selectFrom('assessments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('refuses bad profiles and unknown controls with a clear 400', async () => {
    for (const payload of [
      { lang: 'nl', profile: { ...PROFILE, sector: '6' }, answers: {} },
      { lang: 'nl', profile: { ...PROFILE, sector: '00' }, answers: {} },
      { lang: 'nl', profile: { ...PROFILE, email: 'yahoo' }, answers: {} },
      { lang: 'nl', profile: PROFILE, answers: { 'no-such-control': 'yes' } },
      { lang: 'nl', profile: PROFILE, answers: { 'pr-backup': 'maybe' } },
      { lang: 'xx', profile: PROFILE, answers: {} },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 120)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
  });
});

describe.each(DIALECTS)('assessment pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('runs the anonymous quick scan, then saves it into the company created after sign-up', async () => {
    const b = new Browser(t.app);
    await b.get('/nl/quick-scan');
    const q = new URLSearchParams({ sector: '69', employees: '4', website: 'yes', webshop: 'no', email: 'microsoft365', cardPayments: 'no', personalData: 'sensitive', remoteWork: 'yes', itProvider: 'yes' });
    const questions = await b.get(`/nl/quick-scan/questions?${q}`);
    expect(questions.statusCode).toBe(200);
    const asked = [...questions.body.matchAll(/name="a_([a-z0-9-]+)" value="yes"/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(5);
    expect(asked.length).toBeLessThanOrEqual(12);
    const form: Record<string, string> = Object.fromEntries(q);
    asked.forEach((id, i) => (form[`a_${id}`] = i % 3 === 0 ? 'no' : i % 3 === 1 ? 'yes' : 'unknown'));
    const result = await b.post('/nl/quick-scan/result', form);
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Je resultaat');
    expect(result.body).toContain('<svg class="bar-chart"');
    expect(result.body).toContain('class="chart-table"');
    const actions = result.body.match(/class="plan-item"/g) ?? [];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(5);

    const pdf = await b.post('/nl/quick-scan/plan.pdf', form);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((await pdfParse(pdf.rawPayload)).text).toContain('Je actieplan');

    const saved = await b.post('/nl/quick-scan/save', form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/^\/nl\/signup\?next=/);
    await signUpAndVerify(t, b, 'scan@example.be');
    await logIn(b, 'scan@example.be');
    expect((await b.get('/en/account')).body).toContain('quick scan is saved');
    const prefilled = await b.get('/en/companies/new?from=quick-scan');
    expect(prefilled.body).toMatch(/name="naceCode" type="text" value="69"/);
    const created = await b.post('/en/companies', { name: 'Accountancy Scan', naceCode: '69.2', employees: '4', region: 'brussels', language: 'fr', website: 'yes', webshop: 'no', emailProvider: 'microsoft365', cardPayments: 'no', personalData: 'sensitive', remoteWork: 'yes', itProvider: 'yes' });
    expect(created.headers.location).toMatch(/\/assessment\?done=imported$/);
    const overview = await b.get(String(created.headers.location));
    expect(overview.body).toContain(`${asked.length} of`);
    // The draft is used once.
    expect((await b.get('/en/account')).body).not.toContain('quick scan is saved');
  });

  it('saves and resumes the full assessment, finishes it, marks an action done, and keeps history', async () => {
    const { b, companyId } = await ownerWithCompany(t, `full-${dialect}@example.be`);
    const base = `/en/companies/${companyId}`;
    const overview = await b.get(`${base}/assessment`);
    expect(overview.statusCode).toBe(200);
    const themes = [...overview.body.matchAll(new RegExp(`href="${base}/assessment/([a-z]+)"`, 'g'))].map((m) => m[1]!);
    expect(themes.length).toBeGreaterThan(5);
    const payments = await b.get(`${base}/assessment/payments`);
    // No webshop and no card payments in this profile: those questions are never asked.
    expect(payments.body).not.toContain('a_pr-webshop-security');
    expect(payments.body).not.toContain('a_pr-card-terminal');
    let page = await b.get(`${base}/assessment/${themes[0]}`);
    const ids = [...page.body.matchAll(/name="a_([a-z0-9-]+)" value="no"/g)].map((m) => m[1]!);
    const form: Record<string, string> = { go: 'next' };
    for (const id of ids) form[`a_${id}`] = 'no';
    form[`n_${ids[0]}`] = 'Ask Jan about this';
    const saved = await b.post(`${base}/assessment/${themes[0]}`, form);
    expect(saved.headers.location).toBe(`${base}/assessment/${themes[1]}`);
    // Resume: the answers and the note are still there.
    page = await b.get(`${base}/assessment/${themes[0]}`);
    expect(page.body).toContain('Ask Jan about this');
    expect(page.body).toMatch(new RegExp(`name="a_${ids[0]}" value="no" checked`));
    const results = await b.get(`${base}/results`);
    expect(results.body).toContain(`data-control="${ids[0]}"`);
    expect((await b.post(`${base}/assessment/finish`, {})).headers.location).toBe(`${base}/results?done=finished`);
    const done = await b.post(`${base}/plan/done`, { controlId: ids[0]! });
    expect(done.headers.location).toBe(`${base}/results?done=done&control=${ids[0]}`);
    const after = await b.get(`${base}/results`);
    expect(after.body).not.toContain(`data-control="${ids[0]}"`);
    expect(after.body).toContain('class="line-chart"');
    await b.post(`${base}/assessment/new`, {});
    const rows = await t.runtime.deps.db.selectFrom('assessments').select(['completed_at', 'algorithm_version']).where('company_id', '=', companyId).execute();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.completed_at !== null)[0]!.algorithm_version).toMatch(/^schild-assessment-/);

    const csv = await b.get(`${base}/answers.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Ask Jan about this');
    const plan = await b.get(`${base}/plan.pdf`);
    expect((await pdfParse(plan.rawPayload)).text).toContain('Je actieplan'); // company language is nl
    const checklist = await b.get(`${base}/checklist.pdf`);
    expect((await pdfParse(checklist.rawPayload)).text).toContain('Checklist voor je IT-leverancier');
  });
});

describe.each(DIALECTS)('company assessment API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('reads and writes answers with a token, and finishes the assessment', async () => {
    const { b, companyId } = await ownerWithCompany(t, `api-${dialect}@example.be`);
    await b.get('/en/account/tokens');
    const created = await b.post('/en/account/tokens', { name: 'sync', scopes: ['companies:read', 'companies:write'], password: PASSWORD });
    const token = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)![1]!;
    const auth = { authorization: `Bearer ${token}` };
    const url = `/api/v1/companies/${companyId}/assessment`;
    const empty = await t.app.inject({ url, headers: auth });
    expect(empty.statusCode).toBe(200);
    expect(empty.json().scores.overall).toBeNull();
    const patched = await t.app.inject({ method: 'PATCH', url: `${url}/answers`, headers: auth, payload: { answers: { 'pr-mfa-email': 'yes', 'pr-backup': 'no' }, notes: { 'pr-backup': 'NAS in the cupboard' } } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().answers).toEqual({ 'pr-mfa-email': 'yes', 'pr-backup': 'no' });
    expect(patched.json().notes['pr-backup']).toBe('NAS in the cupboard');
    expect(patched.json().plan.map((p: { controlId: string }) => p.controlId)).toContain('pr-backup');
    const bad = await t.app.inject({ method: 'PATCH', url: `${url}/answers`, headers: auth, payload: { answers: { 'pr-webshop-security': 'yes' } } });
    expect(bad.statusCode).toBe(400); // this company has no webshop
    const cleared = await t.app.inject({ method: 'PATCH', url: `${url}/answers`, headers: auth, payload: { answers: { 'pr-mfa-email': null } } });
    expect(cleared.json().answers).toEqual({ 'pr-backup': 'no' });
    const finished = await t.app.inject({ method: 'POST', url: `${url}/finish`, headers: auth });
    expect(finished.statusCode).toBe(200);
    expect(finished.json().completedAt).not.toBeNull();
    const other = await t.app.inject({ url: '/api/v1/companies/00000000-0000-4000-8000-000000000000/assessment', headers: auth });
    expect(other.statusCode).toBe(404);
  });
});
