/**
 * Issue 9: on a 360 px phone with JavaScript off (so no datalist suggestions), an owner types the word for the trade
 * ("bakker", "coiffeur", "Schreiner"), gets the matching sectors to choose from, and creates the company.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { logInWithForm, startDemoE2eServer } from '../support/e2e-flows.ts';

describe('choosing the sector by a word on a phone, without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof startDemoE2eServer>>['demo'];

  beforeAll(async () => {
    ({ server, demo } = await startDemoE2eServer());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each([
    ['nl', 'bakker', '10.7', 'Bakkerij Peeters'],
    ['fr', 'coiffeur', '96.2', 'Salon Dupont'],
    ['de', 'Schreiner', '16.2', 'Schreinerei Lenz'],
  ] as const)('%s: "%s" offers %s, and the company is created with it', async (lang, word, code, name) => {
    const ctx = await newContext(browser, { viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const p = await ctx.newPage();
    await logInWithForm(p, server.url, lang, demo.memberEmail, demo.password);

    await p.goto(`${server.url}/${lang}/companies/new`);
    await p.locator('#f-name').fill(name);
    await p.locator('#f-naceCode').fill(word);
    await p.locator('#f-employees').fill('2');
    await p.locator('select[name=region]').selectOption('flanders');
    for (const [field, value] of [
      ['website', 'yes'],
      ['webshop', 'no'],
      ['emailProvider', 'google'],
      ['cardPayments', 'yes'],
      ['nis2Status', 'none'],
      ['personalData', 'basic'],
      ['remoteWork', 'no'],
      ['itProvider', 'no'],
    ] as const) {
      await p.locator(`input[name=${field}][value=${value}]`).check();
    }
    await p.locator('main form button[type=submit]').last().click();
    // The form comes back with the matching sectors as choices; what was typed is still there.
    await p.locator(`input[name=naceChoice][value="${code}"]`).waitFor();
    expect(await p.locator('#f-naceCode').inputValue()).toBe(word);
    await expectFitsTheScreen(p);
    await p.locator(`input[name=naceChoice][value="${code}"]`).check();
    await p.locator('main form button[type=submit]').last().click();
    await p.waitForURL(/\/companies\/[0-9a-f-]{36}\?done=company_created/);
    expect(await p.locator('h1').textContent()).toBe(name);
    await expectFitsTheScreen(p);
    const row = await server.runtime.deps.db.selectFrom('companies').select('nace_code').where('name', '=', name).executeTakeFirstOrThrow();
    expect(row.nace_code).toBe(code);
    await ctx.close();

    // axe needs script; check the same two pages' HTML in a page with JavaScript on.
    const axeCtx = await newContext(browser, { viewport: { width: 360, height: 800 } });
    const a = await axeCtx.newPage();
    await logInWithForm(a, server.url, lang, demo.memberEmail, demo.password);
    await a.goto(`${server.url}/${lang}/companies/new`);
    await a.locator('#f-name').fill(`${name} 2`);
    await a.locator('#f-naceCode').fill(word);
    await a.locator('main form button[type=submit]').last().click();
    await a.locator(`input[name=naceChoice][value="${code}"]`).waitFor();
    await checkAccessibility(a);
    await axeCtx.close();
  }, 90_000);
});
