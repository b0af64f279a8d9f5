/**
 * The public dashboard /:lang/statistics in Chromium at 360 px, in Dutch and French: figures visible with JavaScript
 * off, the filter form works as a plain GET form, each chart agrees with its table, nothing is wider than the screen
 * (WCAG 2.1 SC 1.4.10) and axe-core finds no serious or critical violation (WCAG 2.1 AA).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFigures } from '../../src/app/statistics.ts';
import { seedSynthetic } from '../../src/app/synthetic.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { startE2eServer } from '../support/e2e-flows.ts';

const PHONE = { width: 360, height: 740 };
const number = (s: string): number => Number(s.replace(/\s|%|\u00a0|\u202f/g, '').replace(',', '.'));

describe('public statistics dashboard in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({ env: { SYNTHETIC_DATA: '1' } });
    const deps = server.runtime.deps;
    await seedSynthetic(deps, server.runtime.content, { companies: 600, seed: 3, asOf: new Date(deps.clock.now().getTime() - 86_400_000) });
    await refreshFigures(deps, server.runtime.content.nace);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every bar's number in the drawing equals the number in its table row. */
  async function chartAgreesWithTable(p: Page, id: string): Promise<number> {
    const figure = p.locator(`figure:has(#${id}-title)`);
    const drawn = await figure.locator('svg text.chart-value').allTextContents();
    const table = await figure.locator('table tbody td').allTextContents();
    expect(drawn.length).toBe(table.length);
    drawn.forEach((d, i) => {
      if (d === '–') expect(table[i]!.startsWith('–')).toBe(true);
      else expect(number(table[i]!.split('(')[0]!)).toBeCloseTo(Number(d), 0);
    });
    return drawn.filter((d) => d !== '–').length;
  }

  it.each([
    ['nl', 'Bedrijven die meetellen: ', 'Toon de cijfers'],
    ['fr', 'Entreprises comptées\u00a0: ', 'Afficher les chiffres'],
  ])('in %s: figures without JavaScript, a working filter, chart = table, fits 360 px, passes axe', async (lang, counted, submit) => {
    const noJs = await newContext(browser, { javaScriptEnabled: false, viewport: PHONE, isMobile: true });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/${lang}/statistics`);
    const text = (await p.getByTestId('companies').textContent())!;
    expect(text.startsWith(counted)).toBe(true);
    expect(number(text.slice(counted.length))).toBeGreaterThanOrEqual(600);
    expect(await chartAgreesWithTable(p, 'maturity')).toBeGreaterThan(0);
    await chartAgreesWithTable(p, 'rsit');
    await chartAgreesWithTable(p, 'category');
    await chartAgreesWithTable(p, 'gaps');

    // The GET form: a section, then a division of it appears.
    await p.locator('#f-naceSection').selectOption('G');
    await p.getByRole('button', { name: submit }).click();
    expect(p.url()).toContain('naceSection=G');
    expect(await p.locator('#f-naceDivision option').count()).toBeGreaterThan(1);
    await noJs.close();

    // axe-core and the width check run as scripts in the page, so this part needs JavaScript.
    const ctx = await newContext(browser, { viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    for (const url of [`/${lang}/statistics`, `/${lang}/statistics?naceSection=G&sizeBand=0`, `/${lang}/statistics?region=mars`]) {
      await page.goto(`${server.url}${url}`);
      await expectFitsTheScreen(page);
      await checkAccessibility(page);
    }
    await ctx.close();
  }, 120_000);
});
