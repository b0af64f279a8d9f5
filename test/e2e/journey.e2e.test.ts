/**
 * The newcomer's journey in a real Chromium against a real server (SQLite file, in-process worker, SMTP on
 * loopback): sign up, verify the e-mail from the SMTP server, set up and use TOTP, create a company with a
 * profile, invite a colleague who accepts, and read the audit log. Every page is checked with axe-core and for
 * CSP violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { startE2eServer } from '../support/e2e-flows.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const PASSWORD = 'lange-zin-als-wachtwoord';

describe('newcomer journey in Chromium', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let base: string;
  const csp: string[][] = [];
  const visited = new Set<string>();

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

  async function page(context: BrowserContext): Promise<Page> {
    const p = await context.newPage();
    csp.push(collectCspViolations(p));
    p.on('load', () => visited.add(new URL(p.url()).pathname));
    return p;
  }

  async function checked(p: Page): Promise<void> {
    await checkAccessibility(p);
  }

  async function mailLink(to: string, fragment: string): Promise<string> {
    const mail = await smtp.waitFor((m) => m.to.includes(to) && m.text.includes(fragment), 15_000);
    const url = new RegExp(`https?://\\S*${fragment}\\S*`).exec(mail.text)?.[0];
    expect(url).toBeTruthy();
    return url!;
  }

  async function signUp(p: Page, name: string, email: string): Promise<void> {
    await p.goto(`${base}/en/signup`);
    await checked(p);
    await p.getByLabel('Your name').fill(name);
    await p.getByLabel('E-mail address').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: /create/i }).click();
    await expect.poll(() => p.locator('h1').textContent()).toMatch(/check your/i);
    await checked(p);
    await p.goto(await mailLink(email, '/verify-email'));
    await expect.poll(() => p.url()).toContain('/en/login?done=verified');
  }

  async function logIn(p: Page, email: string): Promise<void> {
    await p.goto(`${base}/en/login`);
    await p.getByLabel('E-mail address').fill(email);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: /log in/i }).click();
  }

  it('redirects / by Accept-Language and switches language on the same page', async () => {
    const ctx = await newContext(browser, { locale: 'fr-BE' });
    const p = await page(ctx);
    await p.goto(`${base}/`);
    expect(new URL(p.url()).pathname).toBe('/fr/');
    expect(await p.getAttribute('html', 'lang')).toBe('fr');
    await checked(p);
    await p.goto(`${base}/fr/privacy`);
    await p.getByRole('link', { name: 'Deutsch' }).click();
    expect(new URL(p.url()).pathname).toBe('/de/privacy');
    expect(await p.getAttribute('html', 'lang')).toBe('de');
    await checked(p);
    for (const path of ['/nl/about', '/en/login', '/en/forgot-password', '/nl/sectors?q=bakker', '/en/no-such-page']) {
      await p.goto(`${base}${path}`);
      await checked(p);
    }
    expect(await p.locator('h1').textContent()).toMatch(/not found/i);
    await ctx.close();
  });

  it('works on a 360 px wide phone without horizontal scrolling', async () => {
    const ctx = await newContext(browser, { viewport: { width: 360, height: 740 }, locale: 'nl-BE' });
    const p = await page(ctx);
    for (const path of ['/nl/', '/nl/signup', '/nl/login', '/nl/privacy']) {
      await p.goto(`${base}${path}`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await checked(p);
    }
    await ctx.close();
  });

  it('signs up, secures the account with TOTP, creates a company, invites a colleague, and shows the audit log', async () => {
    const ownerCtx = await newContext(browser, { locale: 'en-GB' });
    const p = await page(ownerCtx);
    await signUp(p, 'Els Owner', 'els@example.be');
    await logIn(p, 'els@example.be');
    await expect.poll(() => new URL(p.url()).pathname).toBe('/en/account');
    await checked(p);

    // Two-step login.
    await p.goto(`${base}/en/account/security`);
    await checked(p);
    await p.getByRole('button', { name: /set up two-step/i }).click();
    const secret = (await p.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await checked(p);
    await p.getByLabel('Code', { exact: true }).fill(currentTotp(secret));
    await p.getByRole('button', { name: /switch on/i }).click();
    const codes = await p.getByTestId('recovery-codes').locator('li').allTextContents();
    expect(codes).toHaveLength(10);
    await checked(p);

    // Log out and back in: the second step is asked.
    await p.getByRole('button', { name: /log out/i }).click();
    await logIn(p, 'els@example.be');
    await expect.poll(() => new URL(p.url()).pathname).toBe('/en/login/mfa');
    await checked(p);
    // A code is accepted once (RFC 6238 §5.2): the set-up used this time step's code, so log in with the next one.
    await p.getByLabel('Code', { exact: true }).fill(currentTotp(secret, new Date(Date.now() + 30_000)));
    await p.getByRole('button', { name: /confirm/i }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/en/account');

    // The company and its profile.
    await p.goto(`${base}/en/companies/new`);
    await checked(p);
    await p.getByLabel('Company name').fill('Kapsalon Els');
    await p.getByLabel(/enterprise number/i).fill('0403.170.701');
    await p.getByLabel(/main activity/i).fill('96.2');
    await p.getByLabel(/number of employees/i).fill('3');
    await p.getByLabel(/region/i).selectOption('wallonia');
    const yesNo = async (legend: RegExp, answer: 'Yes' | 'No') =>
      p.getByRole('group', { name: legend }).getByLabel(answer, { exact: true }).check();
    await yesNo(/website/i, 'Yes');
    await yesNo(/webshop|sell online/i, 'No');
    await p.getByRole('group', { name: /e-mail/i }).getByLabel(/Microsoft 365/).check();
    await yesNo(/card/i, 'Yes');
    await p.getByRole('group', { name: /data about people/i }).getByLabel(/basic/i).check();
    await yesNo(/from home|remote|elsewhere/i, 'No');
    await yesNo(/IT provider|IT company|IT partner/i, 'Yes');
    await p.getByRole('button', { name: /add company/i }).click();
    await expect.poll(() => p.url()).toMatch(/\/en\/companies\/[0-9a-f-]{36}\?done=company_created/);
    expect(await p.locator('main').textContent()).toContain('0403.170.701');
    await checked(p);
    const companyUrl = p.url().split('?')[0]!;

    // Invite a colleague.
    await p.goto(`${companyUrl}/members`);
    await checked(p);
    await p.getByLabel('E-mail address').fill('jan@example.be');
    await p.getByRole('button', { name: /invite|send/i }).click();
    await expect.poll(() => p.url()).toContain('done=invited');
    const invitation = await mailLink('jan@example.be', '/invitations/');

    const janCtx = await newContext(browser, { locale: 'en-GB' });
    const j = await page(janCtx);
    await signUp(j, 'Jan Colleague', 'jan@example.be');
    await logIn(j, 'jan@example.be');
    await j.goto(invitation);
    await checked(j);
    await j.getByRole('button', { name: /accept|join/i }).click();
    await expect.poll(() => j.url()).toContain('done=joined');
    expect(await j.locator('h1').textContent()).toBe('Kapsalon Els');
    await checked(j);

    // Jan logs out and in again: members' log-ins show in the company's log from the day they joined.
    await j.getByRole('button', { name: /log out/i }).click();
    await logIn(j, 'jan@example.be');
    await expect.poll(() => new URL(j.url()).pathname).toBe('/en/account');

    // The owner reads the audit log.
    await p.goto(`${companyUrl}/audit`);
    await checked(p);
    const log = p.getByTestId('audit-log');
    for (const type of ['company.created', 'company.member_invited', 'company.member_joined', 'user.login']) {
      expect(await log.locator(`tr[data-type="${type}"]`).count(), type).toBeGreaterThan(0);
    }
    expect(await log.textContent()).toContain('jan@example.be');

    // The remaining signed-in pages pass axe too, including forms showing errors.
    for (const url of [`${base}/en/account/sessions`, `${base}/en/account/tokens`, `${companyUrl}/profile`, companyUrl, `${base}/fr/account`]) {
      await p.goto(url);
      await checked(p);
    }
    await p.goto(`${base}/en/account/tokens`);
    await p.getByLabel('Name', { exact: false }).first().fill('Bookkeeping export');
    await p.getByLabel(/profile:read/).check();
    await p.getByLabel('Your password').fill(PASSWORD);
    await p.getByRole('button', { name: /make key/i }).click();
    expect(await p.getByTestId('new-token').textContent()).toMatch(/sch_/);
    await checked(p);
    await p.goto(`${companyUrl}/profile`);
    await p.getByLabel(/enterprise number/i).fill('0403.170.702');
    await p.getByRole('button', { name: /save/i }).click();
    expect(await p.locator('.error-summary').count()).toBe(1);
    await checked(p);
    await j.goto(`${companyUrl}/members`);
    await checked(j);
    await ownerCtx.close();
    await janCtx.close();
  }, 120_000);

  it('forms work with JavaScript turned off', async () => {
    const ctx = await newContext(browser, { javaScriptEnabled: false, locale: 'nl-BE' });
    const p = await page(ctx);
    await p.goto(`${base}/nl/signup`);
    await p.getByRole('button', { name: /account/i }).click();
    expect(await p.locator('.error-summary').count()).toBe(1);
    await ctx.close();
  });

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(visited.size).toBeGreaterThan(10);
    expect(csp.flat()).toEqual([]);
  });
});
