/**
 * Issue 12, "a provider registers and is verified", in a real Chromium at 360 px against the real server (SQLite,
 * in-process worker, SMTP on loopback): a user registers an IT provider organisation, lands on its directory profile,
 * fills it in, declares a CyFun Basic claim and lists itself; a platform administrator verifies the organisation and
 * the claim; the public directory shows the provider with the claim as checked, and the region filter works (GET
 * form, no JavaScript needed). Every page: axe-core (no serious or critical violation), no horizontal scrolling
 * (WCAG 2.1 SC 1.4.10), no CSP violation.
 */
import { describe, expect, it } from 'vitest';
import { addYears, brusselsDate } from '../../src/core/providers/certifications.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { logInWithForm, signUpVerifyAndLogIn } from '../support/e2e-flows.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';

describe('a provider registers and is verified, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('the public directory shows the verified claim, and the region filter works', async () => {
    const p = await phonePage('en-GB');
    await signUpVerifyAndLogIn(p, suite.base, suite.smtp, 'en', { name: 'Pieter', email: 'pieter@ghent-it.test', password: PASSWORD });
    await p.goto(`${suite.base}/en/orgs/new`);
    await p.locator('#f-name').fill('Ghent IT Care');
    await p.getByLabel(/IT provider/).check();
    await p.locator('main form button[type=submit]').click();
    await p.waitForURL(/\/orgs\/[0-9a-f-]{36}\/profile\?welcome=1$/);
    const orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(p.url())![1]!;
    expect(await p.locator('main').textContent()).toContain('Now set up your profile');
    await checked(p);

    // A first try with an http website is refused with a message; nothing is saved.
    await p.locator('#f-description_en').fill('We look after the computers of shops and bakeries around Ghent.');
    await p.getByLabel('Backups that survive an attack').check();
    await p.getByLabel('Rolling out two-step login').check();
    await p.getByLabel('Flanders').check();
    await p.locator('#f-languages').getByLabel('Dutch').check();
    await p.locator('#f-languages').getByLabel('English').check();
    await p.locator('#f-website').fill('http://ghent-it.test');
    await p.locator('#f-email').fill('hello@ghent-it.test');
    await p.getByLabel('Yes, show our profile in the public directory').check();
    await p.getByRole('button', { name: 'Save profile' }).click();
    expect(await p.locator('.error-summary').textContent()).toContain('https://');
    await checked(p);
    await p.locator('#f-website').fill('https://ghent-it.test');
    await p.getByRole('button', { name: 'Save profile' }).click();
    await p.waitForURL(/\/profile\?done=saved$/);
    await checked(p);

    // Declare a CyFun Basic claim with its evidence link.
    await p.locator('#f-kind').selectOption('cyfun_basic');
    await p.locator('#f-reference').fill('CYF-B-2026-0042');
    await p.locator('#f-issuer').fill('Example Conformity Body');
    await p.locator('#f-evidenceUrl').fill('https://register.test/cyfun/CYF-B-2026-0042');
    await p.locator('#f-validUntil').fill(addYears(brusselsDate(new Date()), 2));
    await p.getByRole('button', { name: 'Declare', exact: true }).click();
    await p.waitForURL(/\/profile\?done=declared/);
    expect(await p.locator('[data-testid=claims]').textContent()).toContain('Waiting to be checked');
    await checked(p);

    // Before any check the directory says plainly that nobody checked the claim.
    const visitor = await phonePage('en-GB');
    await visitor.goto(`${suite.base}/en/providers/${orgId}`);
    expect(await visitor.locator('main').textContent()).toContain('CyFun Basic: declared by the provider, not checked');

    // A platform administrator (users.is_admin set in the database) verifies the organisation and the claim.
    const admin = await phonePage('en-GB');
    await signUpVerifyAndLogIn(admin, suite.base, suite.smtp, 'en', { name: 'Admin', email: 'admin@schild.test', password: PASSWORD });
    await suite.server.runtime.deps.db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await admin.context().clearCookies();
    await logInWithForm(admin, suite.base, 'en', 'admin@schild.test', PASSWORD);
    await admin.goto(`${suite.base}/en/admin/organisations`);
    await admin.getByRole('button', { name: 'Verify: Ghent IT Care' }).click();
    await admin.waitForURL(/\/admin\/organisations\?done=verified$/);
    await admin.goto(`${suite.base}/en/admin/certifications`);
    expect(await admin.locator('[data-testid=pending-claims]').textContent()).toContain('https://register.test/cyfun/CYF-B-2026-0042');
    await checked(admin);
    await admin.getByRole('button', { name: 'Verify: CyFun Basic, Ghent IT Care' }).click();
    await admin.waitForURL(/\/admin\/certifications\?done=verified$/);
    expect(await admin.locator('main').textContent()).toContain('Nothing is waiting to be checked.');
    await checked(admin);
    const mail = await suite.smtp.waitFor((m) => m.to.includes('pieter@ghent-it.test') && m.subject.includes('checked your certification'), 20_000);
    expect(mail.text).toContain('CYF-B-2026-0042');

    // The public directory at 360 px: the provider, its checked organisation and its checked claim.
    await visitor.goto(`${suite.base}/en/providers`);
    const card = visitor.locator(`[data-provider="${orgId}"]`);
    const text = (await card.textContent())!;
    expect(text).toContain('Ghent IT Care');
    expect(text).toContain('Organisation checked by Schild');
    expect(text).toContain('CyFun Basic: checked by Schild, issued by Example Conformity Body');
    expect(await card.locator('[data-verified=yes]').count()).toBe(1);
    await checked(visitor);
    // Filter by region with the GET form: Wallonia hides the provider, Flanders shows it.
    await visitor.locator('#f-region').selectOption('wallonia');
    await visitor.getByRole('button', { name: 'Show' }).click();
    await visitor.waitForURL(/\/en\/providers\?region=wallonia/);
    expect(await visitor.locator('[data-testid=no-providers]').count()).toBe(1);
    expect(await visitor.locator(`[data-provider="${orgId}"]`).count()).toBe(0);
    await checked(visitor);
    await visitor.locator('#f-region').selectOption('flanders');
    await visitor.getByRole('button', { name: 'Show' }).click();
    await visitor.waitForURL(/\/en\/providers\?region=flanders/);
    expect(await visitor.locator(`[data-provider="${orgId}"]`).count()).toBe(1);
    await visitor.locator(`[data-provider="${orgId}"] h3 a`).click();
    await visitor.waitForURL(new RegExp(`/en/providers/${orgId}$`));
    expect(await visitor.locator('main').textContent()).toContain('hello@ghent-it.test');
    await checked(visitor);
  }, 240_000);

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(csp.flat()).toEqual([]);
  });
});
