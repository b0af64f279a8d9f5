/**
 * Incident reporting in a real Chromium: an anonymous invoice-fraud report in Dutch reaching the bank and police
 * steps; a signed-in ransomware report in French for a NIS2 important entity with personal data, showing the 24 h,
 * 72 h and one-month duties, a reminder e-mail from the SMTP server (clock moved forward), drafts downloaded, and
 * the incident closed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { TestClock } from '../support/app.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn, startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
const PASSWORD = 'une-longue-phrase-secrete';

describe('incident reporting in Chromium', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let base: string;
  const clock = new TestClock();
  const csp: string[][] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url }, clock });
    base = server.url;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  /** Answers the current wizard screen: a radio by value, or the date/time pair. */
  async function answer(p: Page, value: string) {
    await p.locator(`input[type=radio][value="${value}"]`).check();
    await p.locator('main button[type=submit]').click();
  }

  it('anonymous invoice fraud in Dutch: one question per screen, then bank and police', async () => {
    const ctx = await newContext(browser, { locale: 'nl-BE' });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    await p.goto(`${base}/nl/`);
    await p.getByRole('link', { name: /meld een incident/i }).click();
    await checkAccessibility(p);
    await answer(p, 'invoice_fraud');
    await checkAccessibility(p); // the date and time screen
    await p.locator('main button[type=submit]').click();
    // ongoing, personal data, NIS2, money, own cards, customers' cards, extortion, insured
    for (const v of ['no', 'no', 'out_of_scope', 'yes', 'no', 'no', 'no', 'no']) await answer(p, v);
    await expect.poll(() => p.locator('h1').textContent()).toMatch(/wat je nu doet|wat nu|.+/);
    expect(await p.locator('[data-obligation="bank_recall"]').count()).toBe(1);
    expect(await p.locator('[data-obligation="police_complaint"]').count()).toBe(1);
    expect(await p.locator('[data-contact="bank"]').count()).toBe(1);
    await checkAccessibility(p);
    await p.locator('form[action$="/incident/save"] button').click();
    await expect.poll(() => p.url()).toMatch(/\/nl\/incidents\/follow\/[A-Za-z0-9_-]+\?done=created/);
    expect(await p.getByTestId('follow-link').textContent()).toContain('/nl/incidents/follow/');
    await checkAccessibility(p);
    await ctx.close();
  }, 90_000);

  it('signed-in ransomware in French for a NIS2 important entity with personal data', async () => {
    const ctx = await newContext(browser, { locale: 'fr-BE' });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    await signUpVerifyAndLogIn(p, base, smtp, 'fr', { name: 'Marie', email: 'marie@example.be', password: PASSWORD });
    await p.goto(`${base}/fr/companies/new`);
    await p.getByLabel(/nom de l’entreprise|nom de l'entreprise/i).fill('Clinique Marie');
    await p.getByLabel(/activité principale/i).fill('86');
    await p.getByLabel(/nombre|combien/i).first().fill('60');
    await p.getByLabel(/région/i).selectOption('wallonia');
    await p.locator('#f-language').selectOption('fr');
    for (const [name, v] of [['website', 'yes'], ['webshop', 'no'], ['emailProvider', 'microsoft365'], ['cardPayments', 'yes'], ['nis2Status', 'important'], ['personalData', 'sensitive'], ['remoteWork', 'no'], ['itProvider', 'yes']]) {
      await p.locator(`input[name="${name}"][value="${v}"]`).check();
    }
    await p.getByRole('button', { name: /ajouter/i }).click();
    await expect.poll(() => p.url()).toContain('done=company_created');

    await p.goto(`${base}/fr/incident/report`);
    await answer(p, 'ransomware');
    await p.locator('main button[type=submit]').click(); // now
    await answer(p, 'yes'); // still going on
    await answer(p, 'yes'); // personal data
    // Kinds of data: a checkbox list (GDPR Art. 34 follows the kind of data).
    await p.locator('input[type=checkbox][value="special_category"]').check();
    await p.locator('main button[type=submit]').click();
    // Not encrypted, controller; NIS2 comes from the profile, so the next question is whether it is significant.
    for (const v of ['no', 'controller']) await answer(p, v);
    expect(await p.locator('#f-significantImpact').count()).toBe(1);
    await checkAccessibility(p);
    for (const v of ['yes', 'no', 'no', 'no', 'yes', 'yes']) await answer(p, v);
    expect(await p.locator('main').textContent()).toMatch(/profil de votre entreprise/);
    await p.locator('form[action*="/incidents"] button').first().click();
    await expect.poll(() => p.url()).toMatch(/\/fr\/companies\/[0-9a-f-]+\/incidents\/[0-9a-f-]+\?done=created/);
    const incidentUrl = p.url().split('?')[0]!;
    for (const id of ['nis2_early_warning', 'nis2_notification', 'nis2_final_report', 'gdpr_dpa_notification', 'gdpr_data_subjects']) {
      expect(await p.locator(`[data-obligation="${id}"]`).count(), id).toBe(1);
    }
    const early = await p.locator('[data-obligation="nis2_early_warning"]').textContent();
    expect(early).toMatch(/23 h|24 h/);
    await checkAccessibility(p);

    // 13 hours later the worker sends the 12-hour reminder of the 24-hour early warning.
    clock.advance(13 * 3_600_000);
    server.worker?.kick();
    const reminder = await smtp.waitFor((m) => m.to.includes('marie@example.be') && m.subject.startsWith('Rappel'), 15_000);
    expect(reminder.text).toContain(incidentUrl.replace(base, ''));

    // Details, then both drafts downloaded and read back.
    await p.goto(incidentUrl);
    await p.locator('#d-description').fill('Fichiers chiffrés sur le serveur des dossiers patients');
    await p.locator('#d-peopleAffected').fill('environ 1200 patients');
    await p.locator('form[action$="/details"] button').click();
    await p.locator('[data-obligation="gdpr_dpa_notification"] a[href$=".pdf"]').waitFor();
    const [d1] = await Promise.all([p.waitForEvent('download'), p.locator('[data-obligation="gdpr_dpa_notification"] a[href$=".pdf"]').click()]);
    expect((await pdfParse(readFileSync((await d1.path())!))).text).toContain('environ 1200 patients');
    const [d2] = await Promise.all([p.waitForEvent('download'), p.locator('[data-obligation="nis2_early_warning"] a[href$=".pdf"]').click()]);
    expect((await pdfParse(readFileSync((await d2.path())!))).text).toContain('Fichiers chiffrés');

    // Close with lessons learned.
    await p.locator('input[name="status"][value="closed"]').check();
    await p.locator('#f-lessons').fill('Sauvegarde hors ligne chaque vendredi');
    await p.locator('form[action$="/status"] button').click();
    await expect.poll(() => p.locator('[data-status]').first().getAttribute('data-status')).toBe('closed');
    expect(await p.locator('main').textContent()).toContain('Sauvegarde hors ligne chaque vendredi');
    await checkAccessibility(p);
    await ctx.close();
  }, 120_000);

  it('saw no CSP violation', () => {
    expect(csp.flat()).toEqual([]);
  });
});
