/**
 * Issue 12, "a company shares its plan, the provider marks an item done, the company confirms and sees its score
 * change; revocation cuts access at once", in a real Chromium at 360 px against the real server (SQLite, in-process
 * worker, SMTP on loopback). The provider organisation is made through the pages and verified in the database (its
 * verification by a platform administrator has its own browser test); the company's finished self-assessment is
 * seeded with the real engine. Every page: axe-core (no serious or critical violation), no horizontal scrolling
 * (WCAG 2.1 SC 1.4.10) and no Content-Security-Policy violation.
 */
import { describe, expect, it } from 'vitest';
import { createCompany } from '../../src/app/companies.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { completeAssessment, SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };

describe('the loop with the IT provider, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('shares, the provider marks done, the owner confirms and the score moves; revoking cuts access at once', async () => {
    const rt = suite.server.runtime;

    // The IT provider registers its organisation through the pages.
    const tech = await phonePage('en-GB');
    await signUpVerifyAndLogIn(tech, suite.base, suite.smtp, 'en', { name: 'Tom Tech', email: 'tom@nettech.be', password: PASSWORD });
    await tech.goto(`${suite.base}/en/orgs/new`);
    await tech.locator('#f-name').fill('Nettech');
    await tech.getByLabel('IT provider', { exact: true }).check();
    await tech.locator('main form button[type=submit]').click();
    // An IT provider lands on its directory profile first.
    await tech.waitForURL(/\/orgs\/[0-9a-f-]{36}\/profile\?welcome=1$/);
    const orgId = /\/orgs\/([0-9a-f-]{36})\//.exec(tech.url())![1]!;
    await rt.deps.db.updateTable('organisations').set({ verified_at: new Date().toISOString() }).where('id', '=', orgId).execute();

    // The owner, with a finished self-assessment whose plan is open.
    const owner = await phonePage('en-GB');
    await signUpVerifyAndLogIn(owner, suite.base, suite.smtp, 'en', { name: 'Olga Owner', email: 'olga@bakery.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(rt.deps.db, 'olga@bakery.be'))!);
    const companyId = await createCompany(rt.deps, user, { ...SEED_PROFILE, name: 'Bakery Olga', language: 'en' }, META);
    await completeAssessment(rt, companyId, 'no');

    // The directory links here with ?organisation=: the provider is chosen already.
    await owner.goto(`${suite.base}/en/companies/${companyId}/providers?organisation=${orgId}`);
    await checked(owner);
    const scoreBefore = Number(await owner.locator('[data-testid=provider-score]').textContent());
    expect(await owner.locator('#f-organisationId').inputValue()).toBe(orgId);
    await owner.getByLabel('Scan of your domain').check();
    await owner.getByLabel('30 days').check();
    await owner.getByRole('button', { name: 'Share', exact: true }).click();
    await owner.waitForURL(/\/providers\?done=shared$/);
    expect(await owner.locator('[data-testid=active-share]').textContent()).toContain('Nettech');
    await checked(owner);

    // The provider gets the mail, opens the shared plan and marks the first item done with a note.
    const mail = await suite.smtp.waitFor((m) => m.to.includes('tom@nettech.be') && m.subject === 'Bakery Olga shares its plan with you', 20_000);
    await tech.goto(/https?:\/\/\S*\/shared-plans\/\S+/.exec(mail.text)![0]);
    await checked(tech);
    const planUrl = tech.url();
    await tech.getByRole('link', { name: 'See the scan report' }).click();
    expect(await tech.locator('[data-testid=shared-scan]').textContent()).toContain('No scan of a verified domain yet.');
    await checked(tech);
    await tech.goto(planUrl);
    const item = tech.locator('article.plan-item').first();
    const itemTitle = (await item.locator('h3').textContent())!;
    await item.locator('textarea').fill('Switched on security defaults; every user now signs in in two steps.');
    await item.getByRole('button', { name: 'Mark done' }).click();
    await tech.waitForURL(/done=marked/);
    expect(await tech.locator(`article.plan-item:has(h3:text-is("${itemTitle}"))`).textContent()).toContain('Waiting for the company’s confirmation');
    await checked(tech);

    // The owner sees who did what, confirms, and the score moves.
    await owner.goto(`${suite.base}/en/companies/${companyId}/providers`);
    const pending = owner.locator('[data-testid=pending-update]');
    expect(await pending.textContent()).toContain(`Tom Tech of Nettech marked “${itemTitle}” done:`);
    expect(await pending.textContent()).toContain('every user now signs in in two steps');
    await checked(owner);
    await pending.getByRole('button', { name: 'Yes, this is done' }).click();
    await owner.waitForURL(/done=confirmed/);
    const scoreAfter = Number(await owner.locator('[data-testid=provider-score]').textContent());
    expect(scoreAfter).toBeGreaterThan(scoreBefore);
    expect(await owner.locator('main .notice').first().textContent()).toContain(`Your score went from ${scoreBefore} to ${scoreAfter}`);
    const history = (await owner.locator('[data-testid=share-history]').textContent())!;
    expect(history).toContain(`Olga Owner confirmed “${itemTitle}”.`);
    expect(history).toContain(`Tom Tech of Nettech marked “${itemTitle}” done:`);
    await checked(owner);

    // Revocation: the provider's very next request is "not found".
    await owner.getByRole('button', { name: 'Stop access now' }).click();
    await owner.waitForURL(/done=revoked/);
    expect(await owner.locator('main').textContent()).toContain('Access stopped.');
    await checked(owner);
    const gone = await tech.reload();
    expect(gone?.status()).toBe(404);
    await tech.goto(`${suite.base}/en/orgs/${orgId}/shared-plans`);
    expect(await tech.locator('main').textContent()).toContain('No company is sharing anything with you right now.');
    await checked(tech);
  }, 180_000);

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(csp.flat()).toEqual([]);
  });
});
