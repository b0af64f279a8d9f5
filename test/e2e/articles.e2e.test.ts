/**
 * The knowledge hub in Chromium on a 360 px phone, in Dutch and French: search with JavaScript off (a plain GET form),
 * open an article from the results, no horizontal scrolling (WCAG 1.4.10) and no serious or critical axe-core
 * violation (WCAG 2.1 AA) on the list, the results and the article.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { startE2eServer } from '../support/e2e-flows.ts';

describe('knowledge hub in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    ['nl', 'Zoek in de uitleg', 'tweestapsverificatie', 'two-step-login-for-email', 'Zoeken'],
    ['fr', 'Rechercher dans les guides', 'teletravail', 'safe-remote-working', 'Rechercher'],
  ])('in %s: searches without JavaScript, opens an article, fits a phone, passes axe', async (lang, label, query, slug, button) => {
    const title = server.runtime.content.articles.find((a) => a.slug === slug)!.text[lang as 'nl' | 'fr'].title;
    const noJs = await newContext(browser, { javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const p = await noJs.newPage();
    await p.goto(`${server.url}/${lang}/`);
    await p.locator('footer').getByRole('link', { name: lang === 'nl' ? 'Uitleg en tips' : 'Guides pratiques' }).click();
    expect(new URL(p.url()).pathname).toBe(`/${lang}/articles`);
    await p.getByLabel(label).fill(query);
    await p.getByRole('button', { name: button }).click();
    expect(new URL(p.url()).search).toBe(`?q=${query}`);
    await p.getByTestId('results').getByRole('link', { name: title }).click();
    expect(new URL(p.url()).pathname).toBe(`/${lang}/articles/${slug}`);
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    await noJs.close();

    // axe-core runs as a script in the page, so this part needs JavaScript.
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 } });
    const page = await ctx.newPage();
    for (const path of [`/${lang}/articles`, `/${lang}/articles?q=${query}`, `/${lang}/articles?q=zzzqqq`, `/${lang}/articles/${slug}`]) {
      await page.goto(`${server.url}${path}`);
      await expectFitsTheScreen(page);
      await checkAccessibility(page);
    }
    await ctx.close();
  });
});
