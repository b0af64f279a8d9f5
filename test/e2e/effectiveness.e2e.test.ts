/**
 * "Do measures help?" in Chromium at 360 px (WCAG 1.4.10 Reflow), in Dutch and German: readable without JavaScript,
 * the association-not-proof warning visible, the chart and its table there, no serious or critical axe-core
 * violation (WCAG 2.1 AA), nothing wider than the screen. Figures come from a real refresh of crafted companies.
 */
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rsitClasses } from '../../src/app/statistics.ts';
import type { Answer, AssessmentResult } from '../../src/core/assessment/engine.ts';
import { quarterOf, sectionsByDivision } from '../../src/core/stats/dimensions.ts';
import type { SyntheticCompany } from '../../src/core/stats/synthetic.ts';
import { refreshEffectiveness } from '../../src/db/repositories/stats-effectiveness.repository.ts';
import { refreshStatistics } from '../../src/db/repositories/stats.repository.ts';
import { insertSyntheticCompanies } from '../../src/db/repositories/synthetic.repository.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { startE2eServer } from '../support/e2e-flows.ts';

const DAY = 86_400_000;
const CONTROLS = ['pr-mfa-email', 'pr-backup', 'pr-invoice-check'];

function company(i: number, now: number): SyntheticCompany {
  const answer: Answer = i % 2 ? 'yes' : 'no';
  const done = now - 400 * DAY;
  const profile = { sector: '47', employees: 3, website: true, webshop: false, email: 'microsoft365' as const, cardPayments: true, personalData: 'basic' as const, remoteWork: false, itProvider: false };
  return {
    id: randomUUID(), name: `Crafted ${i}`, naceCode: '47.1', employees: 3, region: 'wallonia', language: 'fr', profile, createdAt: new Date(done - DAY).toISOString(),
    assessment: { id: randomUUID(), completedAt: new Date(done).toISOString(), answers: Object.fromEntries(CONTROLS.map((c) => [c, answer])), result: { algorithmVersion: 'test', scores: { overall: 50, byFunction: {} } } as unknown as AssessmentResult },
    // One company in three had an incident, more often those without the measures.
    incidents: i % 3 === 0 || (answer === 'no' && i % 4 === 0) ? [{ id: randomUUID(), category: 'invoice_fraud', awareAt: new Date(done + 90 * DAY).toISOString(), status: 'closed', statsConsent: true }] : [],
  };
}

describe('effectiveness of measures page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // Synthetic rows count here, as in a demo: the in-process refresh job rebuilds the same figures.
    server = await startE2eServer({ env: { SYNTHETIC_DATA: '1' } });
    const { deps, content } = server.runtime;
    const now = deps.clock.now().toISOString();
    const batch = Array.from({ length: 30 }, (_, i) => company(i, Date.parse(now)));
    await deps.db.transaction().execute(async (trx) => {
      await insertSyntheticCompanies(trx, batch, () => ({ facts: '{}', triage: '{}', severity: 'low' }));
      await refreshStatistics(trx, { dialect: deps.dialect, now, quarter: quarterOf(now), includeSynthetic: true, sections: sectionsByDivision(content.nace), rsitClasses: rsitClasses() });
      await refreshEffectiveness(trx, { dialect: deps.dialect, now });
    });
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    ['nl', 'Let op: dit is een verband, geen bewijs'],
    ['de', 'Achtung: ein Zusammenhang, kein Beweis'],
  ])('in %s: warning visible without JavaScript, chart and table, passes axe, fits 360 px', async (lang, warning) => {
    const noJs = await newContext(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/${lang}/statistics/measures`);
    const box = p.getByTestId('association-warning');
    expect(await box.isVisible()).toBe(true);
    expect(await p.getByRole('heading', { level: 2, name: warning }).isVisible()).toBe(true);
    expect(await p.locator('svg.measures-chart').count()).toBe(1);
    expect(await p.getByTestId('measures-table').locator('tbody tr').count()).toBe(2 * CONTROLS.length);
    await expectFitsTheScreen(p);
    await noJs.close();
    // axe-core runs as a script in the page, so this part needs JavaScript.
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/${lang}/statistics/measures`);
    await expectFitsTheScreen(page);
    await checkAccessibility(page);
    await ctx.close();
  });
});
