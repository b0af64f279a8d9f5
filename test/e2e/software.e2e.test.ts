/**
 * Issue 12, "a company lists its software and gets the matching plan items", in a real Chromium at 360 px against the
 * real server (SQLite, in-process worker). A Dutch-speaking shop whose profile says its mail runs through Microsoft 365
 * adds the suggested product with one click, answers "no" to two-step log-in for everyone, and sees the plan item with
 * Microsoft's own steps on the software page and on its plan page. Every page: axe-core (no serious or critical
 * violation), no horizontal scrolling (WCAG 2.1 SC 1.4.10), no CSP violation.
 */
import { describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';

describe('a company lists its software, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('a company lists its software and gets the matching plan items', async () => {
    const owner = await phonePage('nl-BE');
    await signUpVerifyAndLogIn(owner, suite.base, suite.smtp, 'nl', { name: 'Els', email: 'els@winkel.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(suite.server.runtime.deps.db, 'els@winkel.be'))!);
    const companyId = await createCompany(suite.server.runtime.deps, user, { ...SEED_PROFILE, name: 'Winkel Els', language: 'nl' }, { ip: '127.0.0.1', userAgent: 'e2e' });

    // The company navigation leads to the software page.
    await owner.goto(`${suite.base}/nl/companies/${companyId}`);
    const menu = owner.getByRole('navigation', { name: 'Menu van het bedrijf' });
    await menu.getByText('Meer', { exact: true }).click();
    await menu.getByRole('link', { name: 'Software', exact: true }).click();
    await owner.waitForURL(new RegExp(`/nl/companies/${companyId}/software$`));
    await checked(owner);

    // Suggested from the profile's mail answer; a shop (NACE 47) also gets cash registers suggested.
    const suggestions = owner.locator('[data-testid=software-suggestions]');
    expect(await suggestions.textContent()).toContain('In je bedrijfsprofiel staat dat je mail via Microsoft 365 loopt.');
    expect(await suggestions.textContent()).toContain('Winkels gebruiken vaak een kassasysteem zoals Lightspeed');
    await owner.getByRole('button', { name: 'Microsoft 365 toevoegen' }).click();
    await owner.waitForURL(/\/software\?done=added$/);
    expect(await owner.locator('main').textContent()).toContain('Toegevoegd aan je lijst.');
    await checked(owner);

    const card = owner.locator('section[data-product=microsoft-365]');
    await card.locator('fieldset').filter({ hasText: 'Moet iedereen zich bij Microsoft 365 aanmelden in twee stappen?' }).getByLabel('Nee').check();
    await card.getByRole('button', { name: 'Antwoorden bewaren' }).click();
    await owner.waitForURL(/\/software\?done=saved$/);
    const item = owner.locator('[data-testid=software-plan] li[data-product=microsoft-365][data-fact=mfa_enforceable]');
    expect(await item.locator('h3').textContent()).toBe('Maak aanmelden in twee stappen verplicht voor iedereen in Microsoft 365');
    expect(await item.textContent()).toContain('Kies “Manage security defaults” en zet “Security defaults” op “Enabled”.');
    await checked(owner);

    // The same item on the company's plan page, with a way back to the software list.
    await owner.goto(`${suite.base}/nl/companies/${companyId}/results`);
    const section = owner.locator('[data-testid=software-section]');
    expect(await section.locator('h2').textContent()).toBe('Je software');
    expect(await section.textContent()).toContain('Maak aanmelden in twee stappen verplicht voor iedereen in Microsoft 365');
    expect(await section.textContent()).toContain('Kies “Manage security defaults”');
    await checked(owner);
    await section.getByRole('link', { name: 'Naar je softwarelijst' }).click();
    await owner.waitForURL(new RegExp(`/nl/companies/${companyId}/software$`));
  }, 180_000);

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(csp.flat()).toEqual([]);
  });
});
