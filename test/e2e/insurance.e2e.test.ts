/**
 * Insurance readiness and the support-schemes page (issue 12) in a real Chromium at 360 px against the real server:
 * an owner with a few answers sees each question area with its status, the evidence and what to do, and follows the
 * plan's link to the public support schemes of its region. Every page: axe-core (no serious or critical violation),
 * no horizontal scrolling (WCAG 2.1 SC 1.4.10) and no CSP violation.
 */
import { describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { findCompany } from '../../src/db/repositories/company.repository.ts';
import { currentAssessment, saveAnswers } from '../../src/app/assessments.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };

describe('insurance readiness, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('shows the areas with statuses and gaps, and the support schemes of the region', async () => {
    const deps = suite.server.runtime.deps;
    const catalog = suite.server.runtime.content.assessment;
    const page = await phonePage('en-GB');
    await signUpVerifyAndLogIn(page, suite.base, suite.smtp, 'en', { name: 'Owner', email: 'owner@garage.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(deps.db, 'owner@garage.be'))!);
    const companyId = await createCompany(deps, user, { ...SEED_PROFILE, name: 'Garage Janssens', language: 'en', region: 'wallonia' }, META);
    const company = (await findCompany(deps.db, companyId))!;
    const current = await currentAssessment(deps, catalog, company, user);
    await saveAnswers(deps, catalog, company, user, current.record.id, [
      { controlId: 'pr-mfa-email', answer: 'yes', note: undefined },
      { controlId: 'pr-mfa-critical', answer: 'no', note: undefined },
      { controlId: 'pr-invoice-check', answer: 'yes', note: undefined },
      { controlId: 'pr-backup', answer: 'no', note: undefined },
    ]);

    await page.goto(`${suite.base}/en/companies/${companyId}`);
    // The company menu keeps the everyday pages in sight; the others open under "More".
    await page.getByRole('navigation', { name: 'Company menu' }).getByText('More', { exact: true }).click();
    await page.getByRole('navigation', { name: 'Company menu' }).getByRole('link', { name: 'Insurance' }).click();
    await page.waitForURL(/\/insurance$/);
    await checked(page);
    const main = page.locator('main');
    await expect.poll(() => main.innerText()).toContain('Ready for cyber insurance?');
    await expect.poll(() => main.innerText()).toContain('We found no published question form of a Belgian insurer.');
    expect(await page.locator('[data-area]').count()).toBe(9);
    expect(await page.locator('[data-area="mfa"]').getAttribute('data-status')).toBe('partly');
    expect(await page.locator('[data-area="payments"]').getAttribute('data-status')).toBe('in_place');
    expect(await page.locator('[data-area="backups"]').getAttribute('data-status')).toBe('missing');
    expect(await page.locator('[data-area="updates"]').getAttribute('data-status')).toBe('unknown');
    await expect.poll(() => page.locator('[data-area="mfa"]').innerText()).toContain('Status: partly');
    await expect.poll(() => page.locator('[data-area="mfa"]').innerText()).toContain('You answered “No” to:');
    // Each gap says what to do: the plan item, and how to read up on it.
    const gap = page.locator('[data-area="mfa"] [data-gap="pr-mfa-critical"]');
    await expect.poll(() => gap.innerText()).toContain('in your plan');
    await gap.getByRole('link', { name: 'in your plan' }).click();
    await page.waitForURL(/\/results#action-pr-mfa-critical$/);
    await checked(page);

    // The plan links the support schemes of the company's region; the page works without JavaScript.
    await page.getByRole('link', { name: 'Public support that can pay for help with your plan' }).click();
    await page.waitForURL(/\/en\/support-schemes\?region=wallonia$/);
    await checked(page);
    await expect.poll(() => main.innerText()).toContain('Chèque cybersécurité (Wallonia)');
    expect(await page.locator('[data-region="flanders"]').count()).toBe(0);
    await page.getByLabel('All regions').check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/support-schemes\?region=$/);
    expect(await page.locator('[data-region]').count()).toBe(4);
    await checked(page);
    expect(csp.flat()).toEqual([]);
  }, 180_000);
});
