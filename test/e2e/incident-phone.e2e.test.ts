/**
 * Issue 9: the incident pages on a 360 px phone in Dutch, French and German. The wizard is walked with JavaScript off
 * (the back link is a plain link that keeps the answers), to the result, a saved report's follow-up page and its
 * draft; then the demo company's incident list, incident page, breach register and draft. Every page must fit the
 * screen (WCAG 1.4.10 Reflow: document.documentElement.scrollWidth <= innerWidth), pass axe-core without a serious or
 * critical violation, and speak the page's language only (countdowns in words, Belgian time, sources by their local
 * name, each site's page in that language).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, expectFitsTheScreen, launchBrowser, newContext } from '../support/browser.ts';
import { logInWithForm, startDemoE2eServer } from '../support/e2e-flows.ts';

const PHONE = { width: 360, height: 740 };

type Lang = 'nl' | 'fr' | 'de';
const EXPECT: Record<Lang, { units: RegExp; zone: string; dpaSource: string; dpaSite: string; safeonweb: string; next: string }> = {
  nl: {
    units: /\d\u00a0(dagen?|uur|minuut|minuten)\b/,
    zone: 'Belgische tijd',
    dpaSource: 'AVG art. 33',
    dpaSite: 'gegevensbeschermingsautoriteit.be',
    safeonweb: 'https://safeonweb.be/nl',
    next: 'Volgende',
  },
  fr: {
    units: /\d\u00a0(jours?|heures?|minutes?)\b/,
    zone: 'heure belge',
    dpaSource: 'RGPD art. 33',
    dpaSite: 'autoriteprotectiondonnees.be',
    safeonweb: 'https://safeonweb.be/fr',
    next: 'Suivant',
  },
  de: {
    units: /\d\u00a0(Tage?|Stunden?|Minuten?)\b/,
    zone: 'belgische Zeit',
    dpaSource: 'DSGVO Art. 33',
    dpaSite: 'autoriteprotectiondonnees.be',
    safeonweb: 'https://safeonweb.be/de',
    next: 'Weiter',
  },
};
/** Texts that belong to no single language: unit abbreviations, zone codes, and the English source names of before. */
const NOT_THE_PAGE_LANGUAGE = /\d d \d+ h|\d h \d+ min|\bCEST\b|\bCET\b|\bMESZ\b|UTC\+|GDPR Art\.|Law of 26 April/;


async function mainText(p: Page): Promise<string> {
  return (await p.locator('main').textContent()) ?? '';
}

describe('incident pages on a phone (360 px) in nl, fr and de', () => {
  let server: RunningServer;
  let browser: Browser;
  let demo: Awaited<ReturnType<typeof startDemoE2eServer>>['demo'];
  let companyId: string;
  const csp: string[][] = [];

  beforeAll(async () => {
    ({ server, demo, companyId } = await startDemoE2eServer());
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Width and axe on pages reached with JavaScript off: axe needs script, so it runs on the same address in a normal context. */
  async function checkEach(lang: Lang, urls: string[]): Promise<void> {
    const ctx = await newContext(browser, { viewport: PHONE, locale: `${lang}-BE` });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    for (const url of urls) {
      await p.goto(url);
      await expectFitsTheScreen(p);
      await checkAccessibility(p);
    }
    await ctx.close();
  }

  for (const lang of ['nl', 'fr', 'de'] as const) {
    it(`${lang}: the wizard with JavaScript off, back and forth, to the result, the saved report and its draft`, async () => {
      const e = EXPECT[lang];
      const ctx = await newContext(browser, { viewport: PHONE, locale: `${lang}-BE`, javaScriptEnabled: false });
      const p = await ctx.newPage();
      const seen: string[] = [];
      const next = async () => {
        await p.locator('main button[type=submit]').first().click();
        await p.waitForLoadState('load');
        seen.push(p.url());
        await expectFitsTheScreen(p);
      };
      const choose = async (value: string) => {
        await p.locator(`main input:not([type=hidden])[value="${value}"]`).check();
        await next();
      };

      await p.goto(`${server.url}/${lang}/incident/report`);
      seen.push(p.url());
      await expectFitsTheScreen(p);
      expect(await p.getByTestId('wizard-back').count()).toBe(0); // nothing before the first question
      // Each option's description sits on its own line under the label, inside the label (tap target and name).
      const option = p.locator('main label.choice').filter({ has: p.locator('input[value="data_leak"]') });
      const [labelBox, hintBox] = await Promise.all([
        option.locator('.choice-label').boundingBox(),
        option.locator('.choice-hint').boundingBox(),
      ]);
      expect(hintBox!.y).toBeGreaterThanOrEqual(labelBox!.y + labelBox!.height - 1);
      expect(Math.abs(hintBox!.x - labelBox!.x)).toBeLessThan(2);

      await choose('data_leak');
      await next(); // when: now, as proposed
      await choose('no'); // ongoing
      expect(await p.locator('main input[name="personalData"]').count()).toBe(3);

      // Back to "is it still going on?": the answer given is selected, the others are kept in the link.
      await p.getByTestId('wizard-back').click();
      await p.waitForLoadState('load');
      seen.push(p.url());
      await expectFitsTheScreen(p);
      expect(p.url()).toContain('back=ongoing');
      expect(p.url()).toContain('category=data_leak');
      expect(await p.locator('main input[name="ongoing"][value="no"]').isChecked()).toBe(true);
      // Back once more: the date and time typed before are still there.
      const awareBefore = new URL(p.url()).searchParams.get('awareAt')!;
      await p.getByTestId('wizard-back').click();
      await p.waitForLoadState('load');
      expect(await p.locator('#f-date').inputValue()).toBe(awareBefore.slice(0, 10));
      await next(); // the same moment again
      // Forward again asks only what is still open: "ongoing" kept its answer, so the next question is personal data.
      expect(await p.locator('main input[name="personalData"]').count()).toBe(3);

      await choose('yes'); // personal data
      await p.locator('main input[type=checkbox][value="contact"]').check();
      await next(); // kinds of data
      await choose('no'); // encrypted
      await choose('controller');
      await choose('out_of_scope'); // NIS2
      for (let i = 0; i < 5; i++) await choose('no'); // money, own cards, customers' cards, extortion, insured

      // The result, in the page's language only.
      expect(await p.locator('[data-obligation="gdpr_dpa_notification"]').count()).toBe(1);
      const countdown = (await p.locator('[data-obligation="gdpr_dpa_notification"] [data-countdown]').textContent()) ?? '';
      expect(countdown).toMatch(e.units);
      const dpa = (await p.locator('[data-obligation="gdpr_dpa_notification"]').textContent()) ?? '';
      expect(dpa).toContain(e.zone);
      expect(await p.locator('[data-obligation="gdpr_dpa_notification"] details a').textContent()).toBe(e.dpaSource);
      expect(await p.locator('[data-obligation="gdpr_dpa_notification"] details a').getAttribute('href')).toContain(e.dpaSite);
      expect(await p.locator('[data-contact="dpa"] a').getAttribute('href')).toContain(e.dpaSite);
      expect(await mainText(p)).not.toMatch(NOT_THE_PAGE_LANGUAGE);
      expect(await p.getByTestId('wizard-back').count()).toBe(1);

      // Saved anonymously: the follow-up page and a draft.
      await p.locator('form[action$="/incident/save"] button').click();
      await p.waitForLoadState('load');
      expect(p.url()).toMatch(new RegExp(`/${lang}/incidents/follow/[A-Za-z0-9_-]+\\?done=created`));
      const follow = p.url().split('?')[0]!;
      seen.push(follow);
      await expectFitsTheScreen(p);
      for (const c of await p.locator('main [data-countdown]').allTextContents()) expect(c).toMatch(e.units);
      expect(await mainText(p)).not.toMatch(NOT_THE_PAGE_LANGUAGE);
      const draftHref = await p
        .locator('[data-obligation="gdpr_dpa_notification"] a[href*="/drafts/"]:not([href$=".pdf"])')
        .getAttribute('href');
      await p.goto(`${server.url}${draftHref}`);
      seen.push(p.url());
      await expectFitsTheScreen(p);
      expect(await p.locator('#draft-text').inputValue()).toContain(e.zone);
      await ctx.close();

      await checkEach(lang, seen);
    }, 180_000);

    it(`${lang}: the demo company's incidents, an incident, the breach register and a draft`, async () => {
      const e = EXPECT[lang];
      const ctx = await newContext(browser, { viewport: PHONE, locale: `${lang}-BE` });
      const p = await ctx.newPage();
      csp.push(collectCspViolations(p));
      await logInWithForm(p, server.url, lang, demo.ownerEmail, demo.password);

      const visit = async (path: string) => {
        const res = await p.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        await expectFitsTheScreen(p);
        await checkAccessibility(p);
        expect(await mainText(p), path).not.toMatch(NOT_THE_PAGE_LANGUAGE);
      };
      await visit(`/${lang}/companies/${companyId}/incidents`);
      const incidents = await p
        .locator(`main a[href*="/companies/${companyId}/incidents/"]`)
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      expect(incidents.length).toBe(3);
      let draft: string | null = null;
      for (const href of incidents) {
        await visit(href);
        draft ??= await p
          .locator('main a[href*="/drafts/"]:not([href$=".pdf"])')
          .first()
          .getAttribute('href', { timeout: 1000 })
          .catch(() => null);
        for (const c of await p.locator('main [data-countdown]').allTextContents()) expect(c).toMatch(e.units);
        for (const when of await p.locator('main .obligation p:first-of-type').allTextContents())
          if (/\d{4}/.test(when)) expect(when).toContain(e.zone);
      }
      // A draft of one of them (the phishing incident with customers' addresses has the DPA's), and the register.
      expect(draft).toBeTruthy();
      await visit(draft!);
      await visit(`/${lang}/companies/${companyId}/breach-register`);
      // The register's rows are cards on a phone: each cell under its column name.
      const cell = p.locator('[data-testid="breach-register"] tbody td').first();
      expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block');
      expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toContain(await cell.getAttribute('data-label'));
      // A contact's site in the page's language.
      await visit(incidents[0]!);
      const safeonweb = p.locator('[data-contact="safeonweb"] a[href^="https://safeonweb"]');
      if ((await safeonweb.count()) > 0) expect(await safeonweb.getAttribute('href')).toBe(e.safeonweb);
      await ctx.close();
    }, 180_000);
  }

  it('no Content-Security-Policy violation on any of these pages', () => {
    expect(csp.flat()).toEqual([]);
  });
});
