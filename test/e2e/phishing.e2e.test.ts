/**
 * The phishing pages in a real browser with JavaScript off (they must work without it): add a person, import a list
 * with a bad row (nothing imported, the line named), plan an exercise; then each page at 360 px in nl, fr, de and en
 * (axe needs scripts, so that part runs with JavaScript on) with no horizontal overflow (WCAG 1.4.10 Reflow) and no serious or critical axe-core violation (WCAG 2.1 AA).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, launchBrowser, layoutProblems, newContext } from '../support/browser.ts';
import { logInWithForm, startDemoE2eServer } from '../support/e2e-flows.ts';

describe('phishing pages on a phone, without JavaScript', () => {
  let server: RunningServer;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof startDemoE2eServer>>['demo'];
  let companyId: string;
  let domain: string;

  beforeAll(async () => {
    ({ server, demo, companyId } = await startDemoE2eServer());
    domain = (await server.runtime.deps.db.selectFrom('company_domains').select('domain').where('company_id', '=', companyId).where('verified_at', 'is not', null).executeTakeFirstOrThrow()).domain;
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('add, import (all or nothing), plan an exercise; every page fits 360 px and passes axe in four languages', async () => {
    const ctx = await newContext(browser, { viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
    const p = await ctx.newPage();
    p.setDefaultTimeout(20_000);
    await logInWithForm(p, server.url, 'en', demo.ownerEmail, demo.password);
    const people = `${server.url}/en/companies/${companyId}/people`;
    await p.goto(people);
    await p.locator('#f-email').fill(`an.peeters@${domain}`);
    await p.locator('#f-group').fill('Shop');
    await p.locator(`main form[action$="/people"] button[type=submit]`).click();
    await expect.poll(() => p.locator('[data-testid=people]').textContent()).toContain(`an.peeters@${domain}`);

    await p.locator('#f-email').fill('someone@gmail.com');
    await p.locator(`main form[action$="/people"] button[type=submit]`).click();
    await expect.poll(() => p.locator('.error-summary').textContent()).toContain('public mail service');
    expect(await p.locator('[data-testid=domain-refusal] a').getAttribute('href')).toBe(`/en/companies/${companyId}/domains`);

    await p.locator('#f-csv').fill(`email;name;group\nbert@${domain};Bert;Office\nbad@elsewhere.test;X;Office\n`);
    await p.locator('main form[action$="/people/import"] button[type=submit]').click();
    await expect.poll(() => p.locator('[data-testid=import-errors]').textContent()).toContain('Line 3');
    expect(await p.locator('[data-testid=people]').textContent()).not.toContain(`bert@${domain}`);

    await p.goto(`${server.url}/en/companies/${companyId}/phishing`);
    await p.locator('#f-name').fill('December parcel');
    await p.locator('main form[action$="/phishing"] button[type=submit]').click();
    await p.waitForURL(/\/phishing\/[0-9a-f-]{36}\?done=created$/);
    // Everyone on the staff list: the demo's staff and the person added above.
    const staffCount = (await server.runtime.deps.db.selectFrom('people').select('id').where('company_id', '=', companyId).execute()).length;
    expect(await p.locator('[data-testid=progress-text]').textContent()).toBe(`0 of ${staffCount} sent`);
    const campaignPath = new URL(p.url()).pathname.replace(/^\/en/, '');

    await ctx.close();

    // Layout and axe need scripts in the page (axe runs there): a second phone-sized context with JavaScript on.
    const jsCtx = await newContext(browser, { viewport: { width: 360, height: 800 } });
    const q = await jsCtx.newPage();
    q.setDefaultTimeout(20_000);
    await logInWithForm(q, server.url, 'en', demo.ownerEmail, demo.password);
    const problems: string[] = [];
    for (const lang of ['nl', 'fr', 'de', 'en']) {
      for (const path of [`/companies/${companyId}/people`, `/companies/${companyId}/phishing`, campaignPath]) {
        const res = await q.goto(`${server.url}/${lang}${path}`);
        if (res?.status() !== 200) problems.push(`${lang}${path}: status ${res?.status()}`);
        for (const problem of await layoutProblems(q)) problems.push(`${lang}${path}: ${problem}`);
        try {
          await checkAccessibility(q);
        } catch (err) {
          problems.push(`${lang}${path}: ${(err as Error).message}`);
        }
      }
    }
    expect(problems).toEqual([]);
    await jsCtx.close();
  }, 240_000);
});
