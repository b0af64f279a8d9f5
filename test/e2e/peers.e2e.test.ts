/**
 * "Compare with similar companies" on the result page in a real Chromium (issue 11), in English and French: first
 * the plain reason why there is no comparison (fewer than 10 similar companies: threshold rule), then, once 10 more
 * companies of the same sector and size have finished an assessment and the figures are refreshed, the chart with its
 * table. At 360 px: nothing wider than the screen, no serious or critical axe violation.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../src/app/statistics.ts';
import { FUNCTIONS } from '../../src/core/assessment/catalog.ts';
import type { AssessmentResult } from '../../src/core/assessment/engine.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import type { RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { logInWithForm, startE2eServer } from '../support/e2e-flows.ts';

/** A bakery-like company (division 10, section C) with 6 staff, like the demo company, and a given score. */
function similar(score: number): SyntheticCompany {
  const at = new Date().toISOString();
  const profile = { sector: '10', employees: 6, website: true, webshop: false, email: 'google' as const, cardPayments: true, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  const scores = { overall: score, byFunction: Object.fromEntries(FUNCTIONS.map((f) => [f, score])) };
  return {
    id: randomUUID(), name: `Similar ${score}`, naceCode: '10.7', employees: 6, region: 'wallonia', language: 'fr', profile, createdAt: at,
    assessment: { id: randomUUID(), completedAt: at, answers: { 'pr-backup': 'yes' }, result: { algorithmVersion: 'test', scores } as unknown as AssessmentResult },
    incidents: [],
  };
}

describe('compare with similar companies, in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let base: string;
  let companyId: string;
  let demo: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    server = await startE2eServer({ env: { SYNTHETIC_DATA: '1' } });
    base = server.url;
    const rt = server.runtime;
    demo = await seedDemo(rt.deps, rt.content.assessment, rt.content.incidents);
    companyId = (await rt.deps.db.selectFrom('companies').select('id').where('name', '=', demo.companyName).executeTakeFirstOrThrow()).id;
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says why there is no comparison, then shows it once 10 similar companies exist (en, fr)', async () => {
    const context = await newContext(browser, { viewport: { width: 360, height: 740 } });
    const p = await context.newPage();
    await logInWithForm(p, base, 'en', demo.ownerEmail, demo.password);
    await refreshFigures(server.runtime.deps, server.runtime.content.nace);
    await p.goto(`${base}/en/companies/${companyId}/results`);
    await expect(p.locator('[data-testid="peers"]').innerText()).resolves.toContain('No comparison yet: fewer than 10 similar companies');

    await server.runtime.deps.db.transaction().execute((trx) => insertSyntheticCompanies(trx, [20, 30, 40, 50, 55, 60, 65, 70, 80, 90].map(similar), () => ({ facts: '{}', triage: '{}', severity: 'low' })));
    await refreshFigures(server.runtime.deps, server.runtime.content.nace);
    for (const [lang, words] of [['en', ['Compared with similar companies', 'Middle of the group', '11 companies']], ['fr', ['Comparé à des entreprises semblables', 'Milieu du groupe', '11 entreprises']]] as const) {
      await p.goto(`${base}/${lang}/companies/${companyId}/results`);
      const section = p.locator('[data-testid="peers"]');
      for (const w of words) await expect(section.innerText()).resolves.toContain(w);
      await expect(section.locator('svg[role="img"] circle').count()).resolves.toBeGreaterThan(0);
      await expect(section.locator('table tbody tr').count()).resolves.toBe(1 + FUNCTIONS.length);
      await expectFitsTheScreen(p);
      await checkAccessibility(p);
    }
    await context.close();
  }, 120_000);
});
