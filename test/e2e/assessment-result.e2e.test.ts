/**
 * The self-assessment result as an owner sees it (issue 9), in a real Chromium with JavaScript switched off (every
 * form is a plain POST), in Dutch, French and German, each page checked at 360 px and on a desktop: nothing wider than
 * the viewport, no serious or critical axe violation. Quick scan: the skipped count and the questions for the IT
 * provider. Full assessment: "continue where I left off", the saved notice, the last theme leading to the result, this
 * week's actions folded, done with undo and the score change explained.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/locale.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { translate } from '../../src/i18n/index.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn, startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const LANGS = [
  { lang: 'nl', locale: 'nl-BE', sector: '69' },
  { lang: 'fr', locale: 'fr-BE', sector: '56' },
  { lang: 'de', locale: 'de-BE', sector: '47' },
] as const;

/**
 * At 360 px and on a desktop: no horizontal scrolling (scrollWidth <= innerWidth) and no serious or critical axe
 * violation. With JavaScript off, Chromium runs no timers, and axe needs them; so axe runs on a copy of the page: the
 * same HTML, served at the same address to a page with JavaScript on (`axePage`). Ends at 360 px.
 */
async function checkBothWidths(p: Page, axePage: Page): Promise<void> {
  const url = p.url();
  const html = await p.content();
  await axePage.unrouteAll();
  await axePage.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await axePage.goto(url);
  for (const size of [DESKTOP, PHONE]) {
    await p.setViewportSize(size);
    const { scrollWidth, innerWidth } = await p.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth, `${url} at ${size.width} px`).toBeLessThanOrEqual(innerWidth);
    await axePage.setViewportSize(size);
    await checkAccessibility(axePage);
  }
}

async function answerAll(p: Page, value: (i: number) => string | null): Promise<number> {
  const groups = p.locator('fieldset.question');
  const n = await groups.count();
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v) await groups.nth(i).locator(`input[value="${v}"]`).check();
  }
  return n;
}

describe('self-assessment result on a phone, without JavaScript', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let base: string;
  const csp: string[][] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url } });
    base = server.url;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  for (const { lang, locale, sector } of LANGS) {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(lang as Locale, key, params);

    it(`quick scan in ${lang}: skipped count and the questions for the IT provider`, async () => {
      const ctx = await newContext(browser, { locale, javaScriptEnabled: false, viewport: PHONE });
      ctx.setDefaultTimeout(15_000);
      const p = await ctx.newPage();
      csp.push(collectCspViolations(p));
      const axeCtx = await newContext(browser, { locale, viewport: PHONE });
      const axePage = await axeCtx.newPage();
      await p.goto(`${base}/${lang}/quick-scan`);
      await p.locator('#f-sector').fill(sector);
      await p.locator('#f-employees').fill('3');
      for (const [name, value] of Object.entries({ website: 'yes', webshop: 'no', email: 'other', cardPayments: 'yes', personalData: 'basic', remoteWork: 'yes', itProvider: 'no' })) {
        await p.locator(`input[name="${name}"][value="${value}"]`).check();
      }
      await p.locator('main form button[type=submit]').click();
      await p.waitForURL(/\/quick-scan\/questions\?/);
      // Two "I don't know", two skipped, the rest "no".
      const n = await answerAll(p, (i) => (i < 2 ? 'unknown' : i < 4 ? null : 'no'));
      await p.locator('main form button[type=submit]').click();
      await p.waitForURL(/\/quick-scan\/result$/);
      expect(await p.locator('.answered-summary').textContent()).toBe(t('qs.skipped', { answered: n - 2, total: n, skipped: 2 }));
      const provider = p.locator('.provider-questions');
      expect(await provider.locator('h2').textContent()).toBe(t('qs.provider_heading'));
      expect(await provider.locator('li').count()).toBe(2);
      expect(await provider.locator('li').first().isVisible()).toBe(true);
      const top = p.locator('.top-action');
      expect(await top.count()).toBeGreaterThan(0);
      expect(await top.count()).toBeLessThanOrEqual(3);
      expect(await top.first().locator('.steps').isVisible()).toBe(false);
      await checkBothWidths(p, axePage);
      await ctx.close();
      await axeCtx.close();
    }, 120_000);

    it(`full assessment in ${lang}: continue, saved notice, last theme to the result, this week folded, done and undo`, async () => {
      const ctx = await newContext(browser, { locale, javaScriptEnabled: false, viewport: PHONE });
      ctx.setDefaultTimeout(15_000);
      const p = await ctx.newPage();
      csp.push(collectCspViolations(p));
      const axeCtx = await newContext(browser, { locale, viewport: PHONE });
      const axePage = await axeCtx.newPage();
      await signUpVerifyAndLogIn(p, base, smtp, lang, { name: `Owner ${lang}`, email: `owner-${lang}@example.be`, password: 'een-lange-zin-als-wachtwoord' });
      await p.goto(`${base}/${lang}/companies/new`);
      await p.locator('#f-name').fill(`Zaak ${lang}`);
      await p.locator('#f-naceCode').fill(sector);
      await p.locator('#f-employees').fill('3');
      await p.locator('#f-region').selectOption(lang === 'de' ? 'wallonia' : lang === 'fr' ? 'brussels' : 'flanders');
      for (const [name, value] of Object.entries({ website: 'yes', webshop: 'no', emailProvider: 'microsoft365', cardPayments: 'no', personalData: 'basic', remoteWork: 'yes', itProvider: 'yes' })) {
        await p.locator(`input[name="${name}"][value="${value}"]`).check();
      }
      await p.locator('main form button[type=submit]').click();
      await p.waitForURL(/done=company_created/);
      const company = p.url().split('?')[0]!;

      // Continue where I left off: nothing answered yet, so the first theme.
      await p.goto(`${company}/assessment`);
      await checkBothWidths(p, axePage);
      await p.locator('a.button.continue').click();
      const first = p.url();
      await answerAll(p, () => 'no');
      await p.locator('button[name=go][value=stay]').click();
      await p.waitForURL(/\?done=saved$/);
      const notice = p.locator('.notice.ok[role=status]');
      expect(await notice.isVisible()).toBe(true);
      expect(await notice.textContent()).toContain(await p.locator('h1').textContent());
      await checkBothWidths(p, axePage);

      // The next themes, up to the last one, whose main button leads to the result.
      await p.locator('button[name=go][value=next]').click();
      await p.waitForURL((u) => u.toString() !== first && !u.search);
      for (let guard = 0; guard < 20 && (await p.locator('button[name=go][value=next]').count()) > 0; guard++) {
        const here = p.url();
        await answerAll(p, (i) => (i % 4 === 3 ? 'unknown' : 'no'));
        await p.locator('button[name=go][value=next]').click();
        await p.waitForURL((u) => u.toString() !== here);
      }
      await answerAll(p, () => 'no');
      expect(await p.locator('button[name=go][value=result]').textContent()).toContain(t('assess.save_result'));
      await p.locator('button[name=go][value=result]').click();
      await p.waitForURL(/\/results\?done=saved$/);
      expect(await p.locator('.notice.ok').textContent()).toBe(t('assess.notice.saved'));

      // This week: at most three actions, each a title, one sentence and the time; the steps one tap away.
      const top = p.locator('.top-action');
      const count = await top.count();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(3);
      for (let i = 0; i < count; i++) {
        expect(await top.nth(i).locator('h4').isVisible()).toBe(true);
        expect(await top.nth(i).locator('.why').isVisible()).toBe(true);
        expect(await top.nth(i).locator('.plan-time').textContent()).toMatch(/\d/);
        expect(await top.nth(i).locator('.steps').isVisible()).toBe(false);
      }
      expect(await p.locator('details.plan-rest').getAttribute('open')).toBeNull();
      expect(await p.locator('.plan-rest .plan-item').first().isVisible()).toBe(false);
      expect(await p.locator('.checklist-details li').first().isVisible()).toBe(false);
      const height = await p.evaluate(() => document.documentElement.scrollHeight);
      console.info(`result page at 360 px in ${lang}: ${height} px tall`);
      await top.first().locator('summary').click();
      expect(await top.first().locator('.steps').isVisible()).toBe(true);
      await checkBothWidths(p, axePage);

      // Done: the action moves to the done list, with undo, and the notice explains the score change.
      const title = (await top.first().locator('h4').textContent())!;
      await top.first().locator('form button').click();
      await p.waitForURL(/done=done&control=/);
      const doneNotice = (await p.locator('.notice.ok').textContent())!;
      expect(doneNotice).toContain(title);
      expect(doneNotice).toMatch(/\d+\D+\d+/);
      const doneItem = p.locator('.done-list li');
      expect(await doneItem.count()).toBe(1);
      expect(await doneItem.locator('.done-title').textContent()).toBe(title);
      expect(await p.locator('.plan-item h4').allTextContents()).not.toContain(title);
      await checkBothWidths(p, axePage);
      await doneItem.locator('button').click();
      await p.waitForURL(/done=undone&control=/);
      expect(await p.locator('.notice.ok').textContent()).toContain(title);
      expect(await p.locator('.done-list').count()).toBe(0);
      expect(await p.locator('.top-action h4').first().textContent()).toBe(title);
      await checkBothWidths(p, axePage);
      await ctx.close();
      await axeCtx.close();
    }, 180_000);
  }

  it('saw no CSP violation', () => {
    expect(csp.flat()).toEqual([]);
  });
});
