/**
 * The self-assessment in a real Chromium: the anonymous quick scan in French with "save my results", and the full
 * assessment in Dutch with save-and-resume, marking an action done and both PDFs downloaded and read back.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { signUpVerifyAndLogIn, startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const pdfParse = createRequire(import.meta.url)('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ text: string }>;
const PASSWORD = 'een-lange-zin-als-wachtwoord';

describe('self-assessment in Chromium', () => {
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

  async function download(p: Page, click: () => Promise<void>): Promise<string> {
    const [d] = await Promise.all([p.waitForEvent('download'), click()]);
    const file = await d.path();
    return (await pdfParse(readFileSync(file))).text;
  }

  async function answerAll(p: Page, value: (i: number) => string) {
    const groups = p.locator('fieldset.question');
    const n = await groups.count();
    for (let i = 0; i < n; i++) await groups.nth(i).locator(`input[value="${value(i)}"]`).check();
    return n;
  }

  it('quick scan in French: profile, at most 12 questions, result with chart and table, PDF, then save my results', async () => {
    const ctx = await newContext(browser, { locale: 'fr-BE' });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    await p.goto(`${base}/fr/`);
    await p.goto(`${base}/fr/quick-scan`);
    await checkAccessibility(p);
    await p.getByLabel(/activité principale/i).fill('56');
    await p.getByLabel(/combien|nombre/i).first().fill('6');
    const yesNo = async (legend: RegExp, answer: 'Oui' | 'Non') => p.getByRole('group', { name: legend }).getByLabel(answer, { exact: true }).check();
    await yesNo(/site web/i, 'Oui');
    await yesNo(/vendez-vous en ligne|boutique|webshop/i, 'Non');
    await p.getByRole('group', { name: /e-mail/i }).getByLabel(/Google/).check();
    await yesNo(/carte/i, 'Oui');
    await p.getByRole('group', { name: /données/i }).locator('input[value="basic"]').check();
    await yesNo(/domicile|déplacement/i, 'Non');
    await yesNo(/prestataire/i, 'Non');
    await p.getByRole('button', { name: /questions/i }).click();
    await expect.poll(() => p.url()).toContain('/fr/quick-scan/questions?');
    await checkAccessibility(p);
    const n = await answerAll(p, (i) => (i % 2 === 0 ? 'no' : 'unknown'));
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThanOrEqual(12);
    await p.getByRole('button', { name: /résultat/i }).click();
    await expect.poll(() => p.locator('h1').textContent()).toBe('Votre résultat');
    expect(await p.locator('svg.bar-chart').count()).toBeGreaterThan(0);
    expect(await p.locator('table.chart-table').count()).toBeGreaterThan(0);
    const actions = await p.locator('.plan-item h4').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.length).toBeLessThanOrEqual(5);
    await checkAccessibility(p);
    const text = await download(p, () => p.getByRole('button', { name: /télécharger le plan/i }).click());
    expect(text).toContain('Votre plan d’action');
    expect(text).toContain(actions[0]!.slice(0, 15));

    await p.getByRole('button', { name: /garder mon résultat/i }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/fr/signup');
    await p.getByLabel(/votre nom/i).fill('Sophie');
    await p.getByLabel(/adresse e-mail/i).fill('sophie@example.be');
    await p.getByLabel(/mot de passe/i).fill(PASSWORD);
    await p.getByRole('button', { name: /créer/i }).click();
    const mail = await smtp.waitFor((m) => m.to.includes('sophie@example.be'), 15_000);
    await p.goto(/https?:\/\/\S*verify-email\S*/.exec(mail.text)![0]);
    await p.getByLabel(/adresse e-mail/i).fill('sophie@example.be');
    await p.getByLabel(/mot de passe/i).fill(PASSWORD);
    await p.getByRole('button', { name: /connecter/i }).click();
    // The sign-up kept where she was going (next= survives the verification mail): straight to the new company.
    await expect.poll(() => new URL(p.url()).pathname).toBe('/fr/companies/new');
    expect(await p.getByLabel(/activité principale/i).inputValue()).toBe('56');
    await p.getByLabel(/nom de l’entreprise|nom de l'entreprise/i).fill('Brasserie Sophie');
    await p.getByLabel(/région/i).selectOption('wallonia');
    await p.getByRole('button', { name: /ajouter/i }).click();
    await expect.poll(() => p.url()).toContain('/assessment?done=imported');
    expect(await p.locator('main').textContent()).toContain(`${n} questions sur`);
    await checkAccessibility(p);
    await ctx.close();
  }, 120_000);

  it('full assessment in Dutch: save and resume, finish, mark done, history, both PDFs', async () => {
    const ctx = await newContext(browser, { locale: 'nl-BE' });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    await signUpVerifyAndLogIn(p, base, smtp, 'nl', { name: 'Piet', email: 'piet@example.be', password: PASSWORD });
    await p.goto(`${base}/nl/companies/new`);
    await p.getByLabel(/naam van/i).fill('Boekhouding Piet');
    await p.getByLabel(/hoofdactiviteit/i).fill('69.2');
    await p.getByLabel('Aantal medewerkers').fill('3');
    const yesNo = async (legend: RegExp, answer: 'Ja' | 'Nee') => p.getByRole('group', { name: legend }).getByLabel(answer, { exact: true }).check();
    await yesNo(/website/i, 'Ja');
    await yesNo(/webshop/i, 'Nee');
    await p.getByLabel('Gewest').selectOption('flanders');
    await p.getByRole('group', { name: /e-mail/i }).getByLabel(/Microsoft 365/).check();
    await yesNo(/kaart/i, 'Nee');
    await p.getByRole('group', { name: /gegevens/i }).locator('input[value="sensitive"]').check();
    await yesNo(/thuis/i, 'Ja');
    await yesNo(/IT-leverancier/i, 'Ja');
    await p.getByRole('button', { name: /toevoegen/i }).click();
    await expect.poll(() => p.url()).toContain('done=company_created');
    const companyUrl = p.url().split('?')[0]!;

    await p.goto(`${companyUrl}/assessment`);
    await checkAccessibility(p);
    await p.locator('.card a').first().click();
    await checkAccessibility(p);
    const firstTheme = p.url();
    await answerAll(p, () => 'no');
    await p.locator('textarea').first().fill('Vragen aan Jan');
    await p.getByRole('button', { name: /volgend thema/i }).click();
    await expect.poll(() => p.url()).not.toBe(firstTheme);
    // Resume later: answers and note are kept.
    await p.goto(firstTheme);
    expect(await p.locator('textarea').first().inputValue()).toBe('Vragen aan Jan');
    expect(await p.locator('input[value="no"]:checked').count()).toBeGreaterThan(0);

    await p.goto(`${companyUrl}/assessment`);
    await p.getByRole('button', { name: /afronden/i }).click();
    await expect.poll(() => p.url()).toContain('/results?done=finished');
    await checkAccessibility(p);
    const firstAction = p.locator('.plan-item').first();
    const title = (await firstAction.locator('h4').textContent())!;
    await firstAction.getByRole('button', { name: /gedaan/i }).click();
    await expect.poll(() => p.url()).toContain('done=done');
    expect(await p.locator('.plan-item h4').allTextContents()).not.toContain(title);
    expect(await p.locator('svg.line-chart').count()).toBe(1);

    const plan = await download(p, () => p.getByRole('link', { name: /actieplan/i }).click());
    expect(plan).toContain('Je actieplan voor cyberveiligheid');
    expect(plan).toContain('Boekhouding Piet');
    const checklist = await download(p, () => p.getByRole('link', { name: /checklist/i }).click());
    expect(checklist).toContain('Checklist voor je IT-leverancier');
    await ctx.close();
  }, 120_000);

  it('saw no CSP violation', () => {
    expect(csp.flat()).toEqual([]);
  });
});
