/**
 * Domain monitoring in Chromium: add a domain, prove ownership with a DNS TXT record, see the first check; then the
 * domain gets worse, the injected clock moves a day ahead, and the owner receives the alert e-mail over SMTP.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { createAdmin } from '../../src/entrypoints/admin.ts';
import { type RunningServer } from '../../src/entrypoints/server.ts';
import { findUserById } from '../../src/db/repositories/user.repository.ts';
import { TestClock } from '../support/app.ts';
import { startE2eServer } from '../support/e2e-flows.ts';
import { checkAccessibility, launchBrowser, newContext } from '../support/browser.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { startSmtp, type SmtpSink } from '../support/smtp.ts';

describe('domain monitoring in Chromium', () => {
  let lab: ScanLab;
  let smtp: SmtpSink;
  let server: RunningServer;
  let browser: Browser;
  let companyId: string;
  const clock = new TestClock();

  beforeAll(async () => {
    lab = await startScanLab();
    smtp = await startSmtp();
    server = await startE2eServer({ env: { SMTP_URL: smtp.url, ...lab.env('good.test') }, clock, workerPollMs: 100 });
    // A verified owner and a company, made through the use cases (sign-up itself is covered by the journey test).
    const deps = server.runtime.deps;
    const made = await createAdmin(deps, 'wim@example.be', 'Wim', 'een-lange-zin-als-wachtwoord');
    if (!made.ok) throw new Error(made.error);
    await deps.db.updateTable('users').set({ is_admin: 0, locale: 'en' }).where('id', '=', made.userId).execute();
    const user = (await findUserById(deps.db, made.userId))!;
    companyId = await createCompany(
      deps,
      user,
      { name: 'Garage Wim', enterpriseNumber: null, naceCode: '95', employees: 3, region: 'flanders', language: 'en', website: true, webshop: false, emailProvider: 'google', cardPayments: true, personalData: 'basic', remoteWork: false, itProvider: false },
      { ip: '127.0.0.1', userAgent: 'test' },
    );
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
    await lab?.stop();
  });

  it('adds and verifies a domain, then e-mails an alert when the domain gets worse', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const p = await ctx.newPage();
    await p.goto(`${server.url}/en/login`);
    await p.getByLabel('E-mail address').fill('wim@example.be');
    await p.getByLabel('Password').fill('een-lange-zin-als-wachtwoord');
    await p.getByRole('button', { name: /log in/i }).click();
    await expect.poll(() => new URL(p.url()).pathname).toBe('/en/account');

    await p.goto(`${server.url}/en/companies/${companyId}/domains`);
    await checkAccessibility(p);
    await p.getByLabel('Domain name').fill('good.test');
    await p.getByRole('button', { name: /^add$/i }).click();
    await expect.poll(() => p.url()).toContain('done=added');
    const record = await p.locator('[data-domain="good.test"] code').first().textContent();
    const token = /schild-verification=([A-Za-z0-9_-]+)/.exec(record ?? '')![1]!;
    await checkAccessibility(p);
    lab.setRecord('good.test', { name: '_schild-verification', type: 'TXT', data: `schild-verification=${token}` });
    await p.getByRole('button', { name: /verify now/i }).click();
    await expect.poll(() => p.url()).toContain('done=verified');
    expect(await p.getByTestId('verified').count()).toBe(1);

    // The first check runs in the background; its grade appears in the history.
    await expect
      .poll(
        async () => {
          await p.reload();
          return p.locator('[data-domain="good.test"] table td').count();
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(0);
    await checkAccessibility(p);

    // DMARC gets weaker; a day later the daily check e-mails the owner.
    lab.setRecord('good.test', { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' });
    clock.advance(25 * 3_600_000);
    server.worker?.kick();
    const alert = await smtp.waitFor((m) => m.to.includes('wim@example.be') && m.subject.includes('good.test'), 20_000);
    expect(alert.text).toMatch(/DMARC/);
    await ctx.close();
  }, 90_000);
});
