/**
 * The sector risk report of a federation in Chromium at 360 px, in French: every table fits the screen (stacked
 * cards, WCAG 2.1 SC 1.4.10), no serious or critical axe-core violation, the dashboard links to it, and the PDF link
 * downloads the report. Figures come from a real refresh of crafted companies (synthetic rows allowed, as in a demo).
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../../src/app/organisations.ts';
import { refreshFigures } from '../../src/app/statistics.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import type { AssessmentResult } from '../../src/core/assessment/engine.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn, startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

function company(i: number): SyntheticCompany {
  const now = Date.now();
  const overall = 3 * i;
  const result = { algorithmVersion: 'test', scores: { overall, byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, overall])) }, plan: [] } as unknown as AssessmentResult;
  const profile = { sector: '69', employees: 2, website: true, webshop: false, email: 'google' as const, cardPayments: false, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  return {
    id: randomUUID(), name: `Crafted ${i}`, naceCode: '69.2', employees: 2, region: 'wallonia', language: 'fr', profile, createdAt: new Date(now - 40 * 86_400_000).toISOString(),
    assessment: { id: randomUUID(), completedAt: new Date(now - 30 * 86_400_000).toISOString(), answers: { 'pr-backup': i % 4 ? 'no' : 'yes', 'pr-invoice-check': i % 3 ? 'partly' : 'yes', 'pr-mfa-email': i % 2 ? 'no' : 'yes' }, result },
    incidents: [{ id: randomUUID(), category: i % 5 ? 'invoice_fraud' : 'phishing_click', awareAt: new Date(now - 3_600_000).toISOString(), status: 'closed', statsConsent: true }],
  };
}

describe('sector risk report in Chromium', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url, SYNTHETIC_DATA: '1' } });
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it('in French: fits 360 px, passes axe, linked from the dashboard, downloads as PDF', async () => {
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 }, locale: 'fr-BE', acceptDownloads: true });
    const p = await ctx.newPage();
    const email = 'federation@example.be';
    await signUpVerifyAndLogIn(p, server.url, smtp, 'fr', { name: 'Fédération', email, password: 'une-longue-phrase-comme-mot-de-passe' });
    const deps = server.runtime.deps;
    const user = toUser((await findUserRowByEmail(deps.db, email))!);
    const created = await createOrganisation(deps, user, { name: 'Fédération des comptables', kind: 'federation', sectors: ['N'] }, { ip: '127.0.0.1', userAgent: 'e2e' });
    if (!created.ok) throw new Error('organisation not created');
    await deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, Array.from({ length: 30 }, (_, i) => company(i + 1)), () => ({ facts: '{}', triage: '{}', severity: 'low' })));
    await refreshFigures(deps, server.runtime.content.nace);

    await p.goto(`${server.url}/fr/orgs/${created.organisationId}`);
    await p.getByRole('link', { name: 'Rapport de risques du secteur (aussi en pdf)' }).click();
    await p.waitForURL(`**/fr/orgs/${created.organisationId}/report`);
    expect(await p.getByRole('heading', { level: 2, name: '1. Ce qui arrive au secteur' }).isVisible()).toBe(true);
    expect(await p.getByRole('heading', { level: 2, name: '4. Actions recommandées pour le secteur' }).isVisible()).toBe(true);
    await expectFitsTheScreen(p);
    await checkAccessibility(p);
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: 'Télécharger en pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('schild-sector-report.pdf');
    await ctx.close();
  });
});
