/**
 * Who pays for the help (issue 12): the quick-scan profile's optional region, each plan item's "support" (API, web
 * result, company plan page and PDF), and the public page GET /:lang/support-schemes. Facts and rules:
 * docs/support-schemes.md; a bad region is refused with 422 validation_failed (RFC 9110 §15.5.21).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/core/assessment/engine.ts';
import { translator } from '../../src/i18n/index.ts';
import { planDocument } from '../../src/http/presenters/assessment-documents.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

const PROFILE = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: true, itProvider: true };
const KMO_NL = { scheme: 'kmo-portefeuille (VLAIO)', url: 'https://vlaio.be/nl/subsidies-financiering/kmo-portefeuille' };
const KMO_EN = { scheme: 'kmo-portefeuille (VLAIO, Flanders)', url: 'https://vlaio.be/nl/subsidies-financiering/kmo-portefeuille' };
const TRAJECT_EN = {
  scheme: 'Cybersecurity improvement trajectory (VLAIO, Flanders)',
  url: 'https://vlaio.be/en/subsidies/cybersecurity-improvement-trajectories/which-enterprises-are-eligible-cybersecurity-improvement-trajectories',
};
const FEDERAL_EN = { scheme: 'Increased investment deduction for digital investments (federal)', url: 'https://finances.belgium.be' };
const CHEQUE_FR = { scheme: 'Chèque cybersécurité (Wallonie)', url: 'https://cheques-entreprises.be' };
const ITEM_KEYS = ['article', 'controlId', 'effortHours', 'horizon', 'steps', 'support', 'title', 'who', 'why'];

type PlanItem = { controlId: string; support: { scheme: string; url: string }[] } & Record<string, unknown>;

describe.each(DIALECTS)('support schemes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  const quickScan = async (lang: string, profile: Record<string, unknown>) => {
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang, profile: PROFILE, answers: {} } });
    const answers = Object.fromEntries((first.json().applicableControls as string[]).map((id) => [id, 'no']));
    return t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang, profile, answers } });
  };
  const item = (plan: PlanItem[], id: string) => plan.find((p) => p.controlId === id)!;

  it('quick scan without region: every plan item has "support": [] and the other fields are unchanged', async () => {
    const res = await quickScan('en', PROFILE);
    expect(res.statusCode).toBe(200);
    const plan = res.json().plan as PlanItem[];
    expect(plan.length).toBeGreaterThan(5);
    for (const p of plan) {
      expect(Object.keys(p).sort()).toEqual(ITEM_KEYS);
      expect(p.support).toEqual([]);
    }
  });

  it('flanders: an advice item gets the kmo-portefeuille (title in the request language, official link); an investment item the federal deduction', async () => {
    const en = (await quickScan('en', { ...PROFILE, region: 'flanders' })).json().plan as PlanItem[];
    expect(item(en, 'pr-mfa-email').support).toEqual([KMO_EN, TRAJECT_EN]);
    expect(item(en, 'pr-backup').support).toEqual([KMO_EN, TRAJECT_EN, FEDERAL_EN]);
    // the owner checks a new bank account by phone alone: nothing to pay for
    expect(item(en, 'pr-invoice-check').support).toEqual([]);
    const nl = (await quickScan('nl', { ...PROFILE, region: 'flanders' })).json().plan as PlanItem[];
    expect(item(nl, 'pr-mfa-email').support[0]).toEqual(KMO_NL);
  });

  it('wallonia → the chèque cybersécurité; outside Belgium → nothing', async () => {
    const fr = (await quickScan('fr', { ...PROFILE, region: 'wallonia' })).json().plan as PlanItem[];
    expect(item(fr, 'pr-mfa-email').support).toEqual([CHEQUE_FR]);
    const other = (await quickScan('en', { ...PROFILE, region: 'other' })).json().plan as PlanItem[];
    expect(other.every((p) => p.support.length === 0)).toBe(true);
  });

  it('a region outside the list → 422 validation_failed with a translated message; other bad fields keep their 400', async () => {
    const nl = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'nl', profile: { ...PROFILE, region: 'limburg' } }, headers: { 'accept-language': 'nl' } });
    expect(nl.statusCode).toBe(422);
    expect(nl.json().error.code).toBe('validation_failed');
    expect(nl.json().error.issues).toEqual([{ path: 'body.profile.region', message: 'Kies Brussel, Vlaanderen, Wallonië of buiten België.' }]);
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'en', profile: { ...PROFILE, region: 7 } }, headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(422);
    expect(en.json().error.issues[0].message).toBe('Choose Brussels, Flanders, Wallonia or outside Belgium.');
    const both = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'en', profile: { ...PROFILE, email: 'pigeon', region: 'mars' } } });
    expect(both.statusCode).toBe(400);
    const email = await t.app.inject({ method: 'POST', url: '/api/v1/quick-scan', payload: { lang: 'en', profile: { ...PROFILE, email: 'pigeon' } } });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.code).toBe('validation_failed');
  });

  it('the quick-scan web form asks the region (optional), shows "who can help pay" per item and refuses a bad region with a message', async () => {
    const b = new Browser(t.app);
    const form = await b.get('/en/quick-scan');
    expect(form.body).toContain('name="region"');
    const fields = { sector: '69', employees: '4', website: 'yes', webshop: 'no', email: 'microsoft365', cardPayments: 'no', personalData: 'basic', remoteWork: 'yes', itProvider: 'yes' };
    // The questions page carries the region on as a hidden field (and the form's CSRF token).
    const questions = await b.get(`/fr/quick-scan/questions?${new URLSearchParams({ ...fields, region: 'wallonia' })}`);
    expect(questions.body).toContain('name="region" value="wallonia"');
    const result = await b.post('/fr/quick-scan/result', { ...fields, region: 'wallonia', 'a_pr-mfa-email': 'no' });
    expect(result.statusCode).toBe(200);
    expect(result.body).toMatch(/data-support="pr-mfa-email"[^>]*>Qui peut aider à payer\u00a0:/);
    expect(result.body).toContain('href="https://cheques-entreprises.be"');
    expect(result.body).toContain('href="/fr/support-schemes?region=wallonia"');
    expect(result.body).toContain('name="region" value="wallonia"');
    const none = await b.post('/en/quick-scan/result', { ...fields, region: '', 'a_pr-mfa-email': 'no' });
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain('data-support=');
    expect(none.body).toContain('href="/en/support-schemes"');
    const bad = await b.get(`/en/quick-scan/questions?${new URLSearchParams({ ...fields, region: 'limburg' })}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose Brussels, Flanders, Wallonia or outside Belgium.');
  });

  it('the company plan page shows "who can help pay" for the company’s region (flanders), and the plan PDF carries the same line', async () => {
    const { b, companyId } = await ownerWithCompany(t, `support-${dialect}@example.be`);
    await b.get(`/en/companies/${companyId}/assessment/accounts`);
    const saved = await b.post(`/en/companies/${companyId}/assessment/accounts`, { 'a_pr-mfa-email': 'no', go: 'stay' });
    expect(saved.statusCode).toBe(303);
    const page = await b.get(`/en/companies/${companyId}/results`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/data-support="pr-mfa-email"[^>]*>Who can help pay:/);
    expect(page.body).toContain('>kmo-portefeuille (VLAIO, Flanders)</a>');
    expect(page.body).toContain('href="/en/support-schemes?region=flanders"');

    const pdf = await b.get(`/en/companies/${companyId}/plan.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // The PDF is laid out from this document: the item's meta carries the support line in the company's language.
    const catalog = t.runtime.content.assessment;
    const profile = { ...PROFILE, email: 'microsoft365' as const, personalData: 'basic' as const, region: 'flanders' as const };
    const doc = planDocument(catalog, assess(catalog, profile, { 'pr-mfa-email': 'no' }), profile, 'nl', translator('nl'), 'X', new Date());
    const mfa = doc.horizons.flatMap((h) => h.items).find((i) => i.title === catalog.controls.find((c) => c.id === 'pr-mfa-email')!.text.nl.title)!;
    expect(mfa.meta).toContain('\nWie kan helpen betalen: kmo-portefeuille (VLAIO) (https://vlaio.be/nl/subsidies-financiering/kmo-portefeuille)');
    const without = planDocument(catalog, assess(catalog, { ...profile, region: null }, { 'pr-mfa-email': 'no' }), { ...profile, region: null }, 'nl', translator('nl'), 'X', new Date());
    expect(without.horizons.flatMap((h) => h.items).every((i) => !i.meta.includes('Wie kan helpen betalen'))).toBe(true);
  });

  it('GET /:lang/support-schemes lists the schemes by region with conditions and amounts; the filter works without JavaScript', async () => {
    const all = await t.app.inject({ method: 'GET', url: '/nl/support-schemes' });
    expect(all.statusCode).toBe(200);
    for (const r of ['flanders', 'wallonia', 'brussels', 'federal']) expect(all.body).toContain(`data-region="${r}"`);
    expect(all.body).toContain('45 % van de prijs');
    expect(all.body).toContain('<form method="get" action="/nl/support-schemes"');
    const wal = await t.app.inject({ method: 'GET', url: '/fr/support-schemes?region=wallonia' });
    expect(wal.statusCode).toBe(200);
    expect(wal.body).toContain('data-region="wallonia"');
    expect(wal.body).toContain('data-region="federal"');
    expect(wal.body).not.toContain('data-region="flanders"');
    expect(wal.body).toContain('75\u00a0% des honoraires');
    const bad = await t.app.inject({ method: 'GET', url: '/en/support-schemes?region=mars' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('We do not know this region. You now see all regions.');
    expect(bad.body).toContain('data-region="flanders"');
  });
});
