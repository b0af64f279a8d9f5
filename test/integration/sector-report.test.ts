/**
 * The sector risk report of a federation (issue 11) on SQLite and PostgreSQL: headings and exact numbers in the PDF
 * (French and Dutch) and the HTML page, a figure from fewer than 10 companies never shown (threshold rule, with
 * complementary suppression so it cannot be recomputed: ESSnet Handbook on SDC v1.2 ch. 4 §4.3), and the report
 * exists only for a federation's staff (404 for anyone else and for other kinds of organisation).
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../src/app/statistics.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import type { Answer, AssessmentResult } from '../../src/core/assessment/engine.ts';
import type { Category } from '../../src/core/incidents/triage.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, signUpAndVerify } from '../support/flows.ts';

type PdfParse = (data: Buffer) => Promise<{ text: string }>;
// pdf-parse v1 has no types; its lib entry skips the debug-mode file read of the package's index.js (as pdf.test.ts).
const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as PdfParse;
/** Whitespace removed: table cells of one row come out of the PDF with or without spaces between them. */
const squash = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, '');

/** Section N (division 69, accountancy: a sector pack), 4 staff, one finished assessment and at most one incident. */
function crafted(i: number, category: Category | null, answers: Record<string, Answer>, withRecover: boolean): SyntheticCompany {
  const overall = 5 * i;
  const byFunction = Object.fromEntries(FUNCTIONS.map((f) => [f, f === 'recover' && !withRecover ? null : overall]));
  const result = { algorithmVersion: 'test', scores: { overall, byFunction }, plan: [] } as unknown as AssessmentResult;
  const profile = { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365' as const, cardPayments: false, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  const now = Date.now();
  return {
    id: randomUUID(), name: `Crafted ${i}`, naceCode: '69.2', employees: 4, region: 'flanders', language: 'nl', profile, createdAt: new Date(now - 30 * 86_400_000).toISOString(),
    assessment: { id: randomUUID(), completedAt: new Date(now - 20 * 86_400_000).toISOString(), answers, result },
    incidents: category ? [{ id: randomUUID(), category, awareAt: new Date(now - 3_600_000).toISOString(), status: 'closed', statsConsent: true }] : [],
  };
}

describe.each(DIALECTS)('sector risk report on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let outsider: Browser;
  let fedId: string;
  let partnerId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { SYNTHETIC_DATA: '1' });
    owner = new Browser(t.app, '198.51.100.20');
    await signUpAndVerify(t, owner, 'fed-owner@example.be');
    await logIn(owner, 'fed-owner@example.be');
    await owner.get('/en/orgs/new');
    const idOf = (r: { headers: Record<string, unknown> }) => /\/orgs\/([0-9a-f-]{36})$/.exec(String(r.headers.location))![1]!;
    fedId = idOf(await owner.post('/en/orgs', { name: 'Accountants Federation', kind: 'federation', sectors: 'N' }));
    partnerId = idOf(await owner.post('/en/orgs', { name: 'Partner Bank', kind: 'bank', sectors: '' }));
    outsider = new Browser(t.app, '198.51.100.21');
    await signUpAndVerify(t, outsider, 'outsider@example.be');
    await logIn(outsider, 'outsider@example.be');

    // 15 companies of section N: 12 reported a phishing click, 3 a ransomware attack (fewer than 10: hidden).
    // Backup: 12 "no", 3 "yes" (80 % lack it). Invoice check: 11 "partly", 4 "yes" (73 %). Two-step log-in for mail:
    // 9 "no", 6 "yes" (9 lack it: fewer than 10, never listed). Recover scores: only 9 companies have one.
    const batch = Array.from({ length: 15 }, (_, k) => {
      const i = k + 1;
      return crafted(i, i <= 12 ? 'phishing_click' : 'ransomware', { 'pr-backup': i <= 12 ? 'no' : 'yes', 'pr-invoice-check': i <= 11 ? 'partly' : 'yes', 'pr-mfa-email': i <= 9 ? 'no' : 'yes' }, i <= 9);
    });
    await t.runtime.deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, batch, () => ({ facts: '{}', triage: '{}', severity: 'low' })));
    // The first 12 are members of the federation and count in its figures.
    const userId = (await t.runtime.deps.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
    for (const c of batch.slice(0, 12)) await insertMember(t.runtime.deps.db, { organisationId: fedId, companyId: c.id, countsInFigures: true, joinedBy: userId, now: new Date().toISOString() });
    await refreshFigures(t.runtime.deps, t.runtime.content.nace);
  }, 120_000);
  afterAll(async () => t?.close());

  it('the French and Dutch PDFs carry the four headings and the exact figures, never the hidden ones', async () => {
    const expectations = {
      fr: ['1. Ce qui arrive au secteur', '2. Le niveau de protection du secteur', '3. Les plus grandes lacunes', '4. Actions recommandées pour le secteur', 'Tous les incidents 15 100 %', 'Secteur (15 entreprises)', 'Vos membres (12)', '80 % de 15 entreprises', '73 % de 15 entreprises', 'Sauvegarde automatique de vos données importantes', 'Les chiffres de moins de 10 entreprises sont cachés'],
      nl: ['1. Wat de sector overkomt', '2. Hoe goed de sector beschermd is', '3. De grootste gaten', '4. Aanbevolen acties voor de sector', 'Alle incidenten 15 100 %', 'Sector (15 bedrijven)', 'Jullie leden (12)', '80 % van 15 bedrijven', '73 % van 15 bedrijven', 'Controleer elke wijziging van rekeningnummer telefonisch', 'Cijfers van minder dan 10 bedrijven zijn verborgen'],
    } as const;
    for (const [lang, texts] of Object.entries(expectations)) {
      const res = await owner.get(`/${lang}/orgs/${fedId}/report.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = squash((await pdfParse(res.rawPayload)).text);
      for (const s of texts) expect(text, `${lang}: ${s}`).toContain(squash(s));
      // The 3 ransomware incidents (20 % of 15) show as dashes, in their category and in their class; the two-step
      // log-in gap (9 companies) is not listed at all.
      const ransomware = { fr: 'Nos fichiers sont bloqués et quelqu’un demande de l’argent', nl: 'Onze bestanden zijn vergrendeld en iemand vraagt geld' }[lang as 'fr' | 'nl'];
      const malware = { fr: 'Logiciel malveillant', nl: 'Kwaadaardige software' }[lang as 'fr' | 'nl'];
      expect(text).toContain(squash(`${ransomware}––`));
      expect(text).toContain(squash(`${malware}––`));
      expect(text).not.toContain('20%');
      expect(text).not.toMatch(/Connexion en deux étapes pour votre e-mail|Aanmelden in twee stappen voor je e-mail/);
    }
  });

  it('the HTML page shows the same figures; hidden cells are a dash', async () => {
    const res = await owner.get(`/en/orgs/${fedId}/report`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<td data-label="Kind">All incidents</td><td data-label="Incidents">15</td><td data-label="Share">100%</td>');
    expect(html).toMatch(/<td data-label="Kind">Our files are locked[^<]*<\/td><td data-label="Incidents">–<\/td><td data-label="Share">–<\/td>/);
    expect(html).toMatch(/<td data-label="Kind">Malicious software<\/td><td data-label="Incidents">–<\/td>/);
    // Medians: the sector's 15 overall scores 5…75 → 40; the 12 members' 5…60 → 32.5, shown rounded as 33; recover:
    // only 9 companies have a score, so it is hidden.
    expect(html).toContain('<td data-label="Part">Overall</td><td data-label="Sector (15 companies)">40</td><td data-label="Your members (12)">33</td>');
    expect(html).toContain('<td data-label="Part">Recover</td><td data-label="Sector (15 companies)">–</td><td data-label="Your members (12)">–</td>');
    expect(html).toContain('href="/en/orgs/' + fedId + '/report.pdf"');
    expect((await owner.get(`/en/orgs/${fedId}`)).body).toContain(`href="/en/orgs/${fedId}/report"`);
  });

  it('is not found for someone who is not staff, and for an organisation that is not a federation', async () => {
    for (const path of ['report', 'report.pdf']) {
      expect((await outsider.get(`/en/orgs/${fedId}/${path}`)).statusCode).toBe(404);
      expect((await owner.get(`/en/orgs/${partnerId}/${path}`)).statusCode).toBe(404);
      expect((await new Browser(t.app).get(`/en/orgs/${fedId}/${path}`)).statusCode).toBe(303);
    }
    expect((await owner.get(`/en/orgs/${partnerId}`)).body).not.toContain(`/orgs/${partnerId}/report`);
  });
});
