/**
 * Issue 11, sector packs, in a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on
 * loopback): a federation drafts a pack in four languages and submits it, a platform administrator verifies the
 * federation and approves the pack (the owner gets the mail), and a French-speaking member company answers the extra
 * question and sees the federation's advice in French on its result page. The membership is stored directly to keep
 * the test short. Every page: axe-core (no serious or critical violation) and no horizontal scrolling (WCAG 2.1 SC 1.4.10).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { LOCALES } from '../../src/core/locale.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn, startE2eServer } from '../support/e2e-flows.ts';
import { SEED_PROFILE } from '../support/organisations.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const PHONE = { width: 360, height: 740 };
const META = { ip: '127.0.0.1', userAgent: 'e2e' };
const QUESTION = { nl: 'Bewaar je de recepten buiten de kassa?', fr: 'Gardez-vous les recettes hors de la caisse\u00a0?', de: 'Bewahren Sie die Rezepte außerhalb der Kasse auf?', en: 'Do you keep the recipes outside the till?' };
const ADVICE = { nl: 'Maak een kopie op een USB-stick.', fr: 'Faites une copie sur une clé USB.', de: 'Machen Sie eine Kopie auf einem USB-Stick.', en: 'Make a copy on a USB stick.' };

describe('sector packs, on a phone', () => {
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
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function checked(p: Page): Promise<void> {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${p.url()} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
    await checkAccessibility(p);
  }

  async function phonePage(locale: string): Promise<Page> {
    const ctx = await newContext(browser, { viewport: PHONE, locale, isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    return p;
  }

  it('a federation drafts, an administrator approves, a member answers and gets the advice', async () => {
    const db = server.runtime.deps.db;
    // The federation's owner creates the federation and drafts the pack.
    const fed = await phonePage('en-GB');
    await signUpVerifyAndLogIn(fed, base, smtp, 'en', { name: 'Fed Staff', email: 'staff@bakers.be', password: PASSWORD });
    await fed.goto(`${base}/en/orgs/new`);
    await fed.locator('#f-name').fill('Bakers Federation');
    await fed.getByLabel(/Sector federation/).check();
    await fed.locator('#f-sectors').fill('10');
    await fed.locator('main form button[type=submit]').click();
    await fed.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    const orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(fed.url())![1]!;
    await fed.getByRole('link', { name: 'Sector pack' }).click();
    await fed.waitForURL(/\/sector-pack$/);
    await checked(fed);
    for (const l of LOCALES) await fed.locator(`#f-intro_${l}`).fill(`Bakers’ extra questions (${l}).`);
    await fed.getByRole('button', { name: 'Save the introduction' }).click();
    await fed.waitForURL(/done=saved/);
    await fed.getByRole('link', { name: 'Add a question' }).click();
    await checked(fed);
    await fed.locator('#f-function').selectOption('recover');
    for (const l of LOCALES) {
      await fed.locator(`#f-question_${l}`).fill(QUESTION[l]);
      await fed.locator(`#f-advice_${l}`).fill(ADVICE[l]);
      await fed.locator(`#f-source_${l}`).fill(`https://bakers.example/${l}/backup-of-recipes-and-a-rather-long-path-that-must-wrap`);
    }
    await fed.getByRole('button', { name: 'Save the question' }).click();
    await fed.waitForURL(/done=saved/);
    await checked(fed);
    await fed.getByRole('button', { name: 'Submit for review' }).click();
    await fed.waitForURL(/done=submitted/);
    await expect.poll(() => fed.locator('main').innerText()).toContain('Submitted for review');

    // A platform administrator verifies the federation, reads the pack and approves it.
    const admin = await phonePage('en-GB');
    await signUpVerifyAndLogIn(admin, base, smtp, 'en', { name: 'Admin', email: 'admin@schild.test', password: PASSWORD });
    await db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await admin.goto(`${base}/en/admin/organisations`);
    await admin.getByRole('button', { name: /Verify.*Bakers Federation/ }).click();
    await admin.waitForURL(/done=verified/);
    await admin.goto(`${base}/en/admin/sector-packs`);
    await checked(admin);
    await admin.getByRole('link', { name: /Bakers Federation/ }).click();
    await admin.waitForURL(new RegExp(`/admin/sector-packs/${orgId}$`));
    await checked(admin);
    for (const l of LOCALES) await expect.poll(() => admin.locator('main').innerText()).toContain(ADVICE[l]);
    await admin.getByRole('button', { name: 'Approve and publish' }).click();
    await admin.waitForURL(/done=approved/);
    await smtp.waitFor((m) => m.to.includes('staff@bakers.be') && /is published/.test(m.subject), 15_000);

    // A French-speaking member company answers the extra question and reads the advice in French.
    const member = await phonePage('fr-BE');
    await signUpVerifyAndLogIn(member, base, smtp, 'fr', { name: 'Owner', email: 'owner@boulangerie.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(db, 'owner@boulangerie.be'))!);
    const companyId = await createCompany(server.runtime.deps, user, { ...SEED_PROFILE, name: 'Boulangerie Dupont', language: 'fr' }, META);
    await insertMember(db, { organisationId: orgId, companyId, countsInFigures: false, joinedBy: user.id, now: new Date().toISOString() });
    await member.goto(`${base}/fr/companies/${companyId}/assessment`);
    await checked(member);
    await member.getByRole('link', { name: 'Questions de Bakers Federation' }).click();
    await checked(member);
    await member.getByRole('group', { name: QUESTION.fr }).getByLabel('Non').check();
    await member.getByRole('button', { name: 'Enregistrer et voir le résultat' }).click();
    await member.waitForURL(/\/results/);
    const advice = member.locator(`section[aria-labelledby="advice-${orgId}"]`);
    await expect.poll(() => advice.innerText()).toContain('Conseils de Bakers Federation');
    expect(await advice.innerText()).toContain(ADVICE.fr);
    expect(await advice.getByRole('link').getAttribute('href')).toBe('https://bakers.example/fr/backup-of-recipes-and-a-rather-long-path-that-must-wrap');
    await checked(member);
    expect(csp.flat()).toEqual([]);
  }, 180_000);
});
