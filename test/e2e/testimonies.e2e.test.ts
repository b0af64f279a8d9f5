/**
 * Issue 12, testimonies, in a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on
 * loopback): an owner opens the story form from an incident, is told which identifying detail to remove, shares the
 * story with explicit consent; a platform administrator edits and publishes it (the owner gets the mail); a Dutch-speaking
 * visitor sees it below the matching article, labelled as written in English. Every page: axe-core (no serious or
 * critical violation), no horizontal scrolling (WCAG 2.1 SC 1.4.10) and no CSP violation.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { createCompany } from '../../src/app/companies.ts';
import { createIncident } from '../../src/app/incidents.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { phoneSuite } from '../support/e2e-phone.ts';
import { SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };
const STORY = 'A fake supplier mailed us a new account number for the flour. We paid two invoices into it before the real supplier called.';
const LESSON = 'Call the supplier on a number you already know before changing any account number.';

describe('testimonies, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('an owner shares an incident’s story, an administrator publishes it, and it shows beside the matching article', async () => {
    const deps = suite.server.runtime.deps;
    const owner = await phonePage('en-GB');
    await signUpVerifyAndLogIn(owner, suite.base, suite.smtp, 'en', { name: 'Owner', email: 'owner@bakkerij.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(deps.db, 'owner@bakkerij.be'))!);
    const companyId = await createCompany(deps, user, { ...SEED_PROFILE, name: 'Bakkerij Janssens', language: 'en' }, META);
    const { id: incidentId } = await createIncident(deps, {
      facts: {
        category: 'invoice_fraud',
        awareAt: new Date().toISOString(),
        ongoing: false,
        personalData: 'no',
        specialCategoryData: false,
        dataEncrypted: false,
        gdprRole: 'controller',
        nis2: 'out_of_scope',
        moneyLost: true,
        cardDataExposed: false,
        extortion: false,
        insured: false,
      },
      lang: 'en',
      companyId,
      user,
    });

    // From the incident page to the story form.
    await owner.goto(`${suite.base}/en/companies/${companyId}/incidents/${incidentId}`);
    await owner.getByRole('link', { name: 'Write your story' }).click();
    await owner.waitForURL(/\/testimony$/);
    await checked(owner);
    expect(await owner.getByLabel('Invoice and CEO fraud').isChecked()).toBe(true);
    const consent = owner.getByLabel(/I agree that Schild publishes this story/);
    expect(await consent.isChecked()).toBe(false);

    // A name that identifies the business is refused, with what and where; nothing is stored.
    await owner.locator('#f-story').fill(`${STORY} At Bakkerij Janssens nobody checked it.`);
    await owner.locator('#f-lesson').fill(LESSON);
    await consent.check();
    await owner.getByRole('button', { name: 'Send the story for review' }).click();
    await expect.poll(() => owner.locator('[data-testid="testimony-problems"]').innerText()).toContain('In “What happened”: your company’s name, namely “Bakkerij Janssens”');
    await checked(owner);
    expect(await deps.db.selectFrom('testimonies').select('id').execute()).toEqual([]);

    await owner.locator('#f-story').fill(STORY);
    await owner.getByLabel(/I agree that Schild publishes this story/).check();
    await owner.getByRole('button', { name: 'Send the story for review' }).click();
    await owner.waitForURL(/done=shared/);
    await expect.poll(() => owner.locator('[data-testid="testimony-status"]').innerText()).toContain('Waiting for review');
    await checked(owner);

    // A platform administrator reads it, cuts a detail and publishes.
    const admin = await phonePage('en-GB');
    await signUpVerifyAndLogIn(admin, suite.base, suite.smtp, 'en', { name: 'Admin', email: 'admin@schild.test', password: PASSWORD });
    await deps.db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await admin.goto(`${suite.base}/en/admin/testimonies`);
    await checked(admin);
    await admin.getByRole('link', { name: /Story about Invoice and CEO fraud/ }).click();
    await admin.waitForURL(/\/admin\/testimonies\/[0-9a-f-]{36}$/);
    await checked(admin);
    await admin.locator('#f-story').fill(STORY.replace(' for the flour', ''));
    await admin.getByRole('button', { name: 'Publish', exact: true }).click();
    await admin.waitForURL(/done=published/);
    await checked(admin);
    await suite.smtp.waitFor((m) => m.to.includes('owner@bakkerij.be') && /Your story is on Schild/.test(m.subject), 15_000);

    // A Dutch-speaking visitor reads a guide on invoice fraud: the story shows below it, marked as written in English.
    const article = loadContent().articles.find((a) => a.threats.includes('invoice_fraud'))!;
    const reader = await phonePage('nl-BE');
    await reader.goto(`${suite.base}/nl/articles/${article.slug}`);
    const stories = reader.locator('[data-testid="article-testimonies"]');
    await expect.poll(() => stories.innerText()).toContain('Geschreven in het Engels');
    const text = await stories.innerText();
    expect(text).toContain('A fake supplier mailed us a new account number. We paid');
    expect(text).not.toContain('for the flour');
    expect(text).toContain('1 tot 9 medewerkers');
    await checked(reader);
    await reader.getByRole('link', { name: 'Meer verhalen van andere zaken' }).click();
    await reader.waitForURL(/\/nl\/testimonies$/);
    await checked(reader);
    expect(csp.flat()).toEqual([]);
  }, 180_000);
});
