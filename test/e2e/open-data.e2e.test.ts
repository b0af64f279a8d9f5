/**
 * The /open-data page in Chromium with JavaScript off: readable, fits a 360 px phone (WCAG 1.4.10), no serious or
 * critical axe-core violation (WCAG 2.1 AA), in English and German; the CSV link downloads the release.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOpenDataRelease } from '../../src/app/open-data.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { startE2eServer } from '../support/e2e-flows.ts';
import { seededRandomInt } from '../support/seeded-random.ts';

describe('open-data page in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    const cells = [{ naceSection: 'G', sizeBand: '1-9' as const, region: 'flanders' as const, quarter: '2026-Q3', measure: 'companies', value: 50, contributors: 50 }];
    const r = await publishOpenDataRelease(server.runtime.deps, async () => cells, { quarter: '2026-Q3', epsilon: '1', random: seededRandomInt(9n) });
    expect(r.ok).toBe(true);
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    ['en', 'Why small numbers are hidden', 'File for Excel (CSV, 2026-Q3)'],
    ['de', 'Warum kleine Zahlen verborgen sind', 'Datei für Excel (CSV, 2026-Q3)'],
  ])('in %s: readable without JavaScript, lists the release, passes axe, fits a phone', async (lang, heading, link) => {
    const noJs = await newContext(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 740 }, acceptDownloads: true });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/${lang}/open-data`);
    expect(await p.getByRole('heading', { level: 2, name: heading }).count()).toBe(1);
    expect(await p.getByTestId('epsilon').textContent()).toBe('1');
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: link }).click()]);
    expect(download.suggestedFilename()).toBe('schild-open-data-2026-Q3.csv');
    await noJs.close();
    // axe-core runs as a script in the page, so this part needs JavaScript.
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    await page.goto(`${server.url}/${lang}/open-data`);
    await expectFitsTheScreen(page);
    await checkAccessibility(page);
    await ctx.close();
  });
});
