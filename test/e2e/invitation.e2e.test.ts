/**
 * Issue 9, "Done when: the invitation test starts from the mail for a person without an account and ends inside the
 * company". In a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on loopback):
 * the owner of the demo company invites a colleague; the colleague opens the mail, signs up on the invitation page
 * (address filled in), confirms the address from the second mail, logs in (address filled in again), accepts and
 * lands on the company home. Every page is checked with axe-core and must fit the screen (WCAG 2.1 SC 1.4.10
 * reflow). The same flow then runs in German with JavaScript off. Last, the two-step set-up page on the phone.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { inviteMember } from '../../src/app/companies.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { checkAccessibility, collectCspViolations, launchBrowser, newContext } from '../support/browser.ts';
import { startE2eServer } from '../support/e2e-flows.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const PHONE = { width: 360, height: 740 };

describe('an invited colleague without an account, from the mail into the company, on a phone', () => {
  let server: RunningServer;
  let smtp: SmtpSink;
  let browser: Browser;
  let companyId: string;
  let companyName: string;
  let ownerEmail: string;
  const csp: string[][] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url } });
    const rt = server.runtime;
    const demo = await seedDemo(rt.deps, rt.content.assessment, rt.content.incidents);
    companyName = demo.companyName;
    ownerEmail = demo.ownerEmail;
    companyId = (await rt.deps.db.selectFrom('companies').select('id').executeTakeFirstOrThrow()).id;
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  /** The owner sends the invitation (the members page itself is covered by the demo-home crawl). */
  async function invite(email: string): Promise<void> {
    const deps = server.runtime.deps;
    const owner = toUser((await findUserRowByEmail(deps.db, ownerEmail))!);
    const sent = await inviteMember(deps, companyId, owner, 'owner', { email, role: 'member' }, { ip: '127.0.0.1', userAgent: 'e2e' });
    expect(sent.ok).toBe(true);
  }

  async function mailLink(to: string, fragment: string): Promise<string> {
    const mail = await smtp.waitFor((m) => m.to.includes(to) && m.text.includes(fragment), 20_000);
    const url = new RegExp(`https?://\\S*${fragment}\\S*`).exec(mail.text)?.[0];
    expect(url, mail.text).toBeTruthy();
    return url!;
  }

  /** Fits the phone's width, and no serious or critical axe violation. */
  async function checked(p: Page): Promise<void> {
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${p.url()} is ${overflow}px wider than the screen`).toBeLessThanOrEqual(0);
    await checkAccessibility(p);
  }

  it('nl at 360 px, with JavaScript: mail → sign-up → confirm → log in → accept → company home', async () => {
    await invite('sara@example.be');
    const ctx = await newContext(browser, { viewport: PHONE, locale: 'nl-BE', isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));

    // 1. The invitation mail's link: the company, the role in plain words, and the sign-up form.
    const invitation = await mailLink('sara@example.be', '/invitations/');
    await p.goto(invitation);
    expect(await p.locator('h1').textContent()).toContain(companyName);
    expect(await p.locator('#f-email').inputValue()).toBe('sara@example.be');
    await checked(p);
    await p.locator('#f-displayName').fill('Sara Collega');
    await p.locator('#f-password').fill(PASSWORD);
    await p.locator('main form[action$="/signup"] button[type=submit]').click();

    // 2. "Check your mail", with a way to get the link again.
    await p.waitForURL(/\/nl\/signup$/);
    expect(await p.locator('main form[action$="/verify-email/resend"]').count()).toBe(1);
    await checked(p);

    // 3. The confirmation mail leads to log-in with the address filled in, then back to the invitation.
    await p.goto(await mailLink('sara@example.be', '/verify-email'));
    await p.waitForURL(/\/nl\/login\?done=verified/);
    expect(await p.locator('#f-email').inputValue()).toBe('sara@example.be');
    await checked(p);
    await p.locator('#f-password').fill(PASSWORD);
    await p.locator('main form[action$="/login"] button[type=submit]').click();
    await p.waitForURL((u) => u.pathname === new URL(invitation).pathname);
    await checked(p);

    // 4. Accept: inside the company, on its home.
    await p.locator(`main form[action="${new URL(invitation).pathname}"] button[type=submit]`).click();
    await p.waitForURL((u) => u.pathname === `/nl/companies/${companyId}`);
    expect(await p.locator('main').textContent()).toContain(companyName);
    await checked(p);
    await ctx.close();
  }, 120_000);

  it('de at 360 px, with JavaScript off: the same forms work', async () => {
    await invite('jonas@example.be');
    const ctx = await newContext(browser, { viewport: PHONE, locale: 'de-BE', javaScriptEnabled: false });
    const p = await ctx.newPage();
    // The mail is in the company's language; the reader switches to German as the language menu does.
    const invitation = (await mailLink('jonas@example.be', '/invitations/')).replace('/nl/invitations/', '/de/invitations/');
    await p.goto(invitation);
    expect(await p.locator('#f-email').inputValue()).toBe('jonas@example.be');
    await p.locator('#f-displayName').fill('Jonas Kollege');
    await p.locator('#f-password').fill(PASSWORD);
    await p.locator('main form[action$="/signup"] button[type=submit]').click();
    await p.waitForURL(/\/de\/signup$/);
    await p.goto(await mailLink('jonas@example.be', '/verify-email'));
    expect(new URL(p.url()).pathname).toBe('/de/login');
    expect(await p.locator('#f-email').inputValue()).toBe('jonas@example.be');
    await p.locator('#f-password').fill(PASSWORD);
    await p.locator('main form[action$="/login"] button[type=submit]').click();
    await p.waitForURL((u) => u.pathname === new URL(invitation).pathname);
    await p.locator(`main form[action="${new URL(invitation).pathname}"] button[type=submit]`).click();
    await p.waitForURL((u) => u.pathname === `/de/companies/${companyId}`);
    expect(await p.locator('main').textContent()).toContain(companyName);
    await ctx.close();
  }, 120_000);

  it('the two-step set-up page on a 360 px phone: app link, key in fours, number keypad, codes to keep', async () => {
    const ctx = await newContext(browser, { viewport: PHONE, locale: 'fr-BE', isMobile: true, hasTouch: true });
    const p = await ctx.newPage();
    csp.push(collectCspViolations(p));
    await p.goto(`${server.url}/fr/login`);
    await p.locator('#f-email').fill('sara@example.be');
    await p.locator('#f-password').fill(PASSWORD);
    await p.locator('main form[action$="/login"] button[type=submit]').click();
    await p.waitForURL(/\/fr\/account$/);
    await p.goto(`${server.url}/fr/account/security`);
    await p.locator('main form[action$="/account/security/setup"] button[type=submit]').click();
    await p.waitForURL(/\/fr\/account\/security$/);

    const link = p.getByTestId('otpauth-link');
    expect(await link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\/Schild:sara%40example\.be\?secret=[A-Z2-7]+/);
    expect(await link.isVisible()).toBe(true);
    const key = (await p.getByTestId('totp-secret').textContent())!.trim();
    expect(key).toMatch(/^(?:[A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const code = p.locator('#f-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('pattern')).toBe('[0-9]*');
    await checked(p);

    await code.fill(currentTotp(key.replace(/ /g, '')));
    await p.locator('main form[action$="/account/security/confirm"] button[type=submit]').click();
    const codes = await p.getByTestId('recovery-codes').locator('li').allTextContents();
    expect(codes).toHaveLength(10);
    // With JavaScript the print button shows; the download gives a text file with the codes.
    expect(await p.locator('button[data-print]').isVisible()).toBe(true);
    const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId('codes-download').click()]);
    expect(download.suggestedFilename()).toBe('schild-recovery-codes.txt');
    await checked(p);
    // Finishing without the tick says why; with it, done.
    await p.locator('main form[action$="/codes-kept"] button[type=submit]').click();
    expect(await p.locator('#f-kept-error').isVisible()).toBe(true);
    await checked(p);
    await p.locator('input[name="kept"]').check();
    await p.locator('main form[action$="/codes-kept"] button[type=submit]').click();
    await p.waitForURL(/done=mfa_ready/);
    await checked(p);
    await ctx.close();
  }, 120_000);

  it('saw no Content-Security-Policy violation', () => {
    expect(csp.flat()).toEqual([]);
  });
});
