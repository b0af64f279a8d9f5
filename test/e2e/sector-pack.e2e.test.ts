/**
 * Issue 11, sector packs, in a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on
 * loopback): a federation drafts a pack in four languages and submits it, a platform administrator verifies the
 * federation and approves the pack (the owner gets the mail), and a French-speaking member company answers the extra
 * question and sees the federation's advice in French on its result page. The membership is stored directly to keep
 * the test short. Every page: axe-core (no serious or critical violation) and no horizontal scrolling (WCAG 2.1 SC 1.4.10).
 */
import { describe, expect, it } from 'vitest';
import { phoneSuite } from '../support/e2e-phone.ts';
import { createCompany } from '../../src/app/companies.ts';
import { LOCALES } from '../../src/core/locale.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };
const QUESTION = { nl: 'Bewaar je de recepten buiten de kassa?', fr: 'Gardez-vous les recettes hors de la caisse\u00a0?', de: 'Bewahren Sie die Rezepte außerhalb der Kasse auf?', en: 'Do you keep the recipes outside the till?' };
const ADVICE = { nl: 'Maak een kopie op een USB-stick.', fr: 'Faites une copie sur une clé USB.', de: 'Machen Sie eine Kopie auf einem USB-Stick.', en: 'Make a copy on a USB stick.' };

describe('sector packs, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('a federation drafts, an administrator approves, a member answers and gets the advice', async () => {
    const db = suite.server.runtime.deps.db;
    // The federation's owner creates the federation and drafts the pack.
    const fed = await phonePage('en-GB');
    await signUpVerifyAndLogIn(fed, suite.base, suite.smtp, 'en', { name: 'Fed Staff', email: 'staff@bakers.be', password: PASSWORD });
    await fed.goto(`${suite.base}/en/orgs/new`);
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
    await signUpVerifyAndLogIn(admin, suite.base, suite.smtp, 'en', { name: 'Admin', email: 'admin@schild.test', password: PASSWORD });
    await db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await admin.goto(`${suite.base}/en/admin/organisations`);
    await admin.getByRole('button', { name: /Verify.*Bakers Federation/ }).click();
    await admin.waitForURL(/done=verified/);
    await admin.goto(`${suite.base}/en/admin/sector-packs`);
    await checked(admin);
    await admin.getByRole('link', { name: /Bakers Federation/ }).click();
    await admin.waitForURL(new RegExp(`/admin/sector-packs/${orgId}$`));
    await checked(admin);
    for (const l of LOCALES) await expect.poll(() => admin.locator('main').innerText()).toContain(ADVICE[l]);
    await admin.getByRole('button', { name: 'Approve and publish' }).click();
    await admin.waitForURL(/done=approved/);
    await suite.smtp.waitFor((m) => m.to.includes('staff@bakers.be') && /is published/.test(m.subject), 15_000);

    // A French-speaking member company answers the extra question and reads the advice in French.
    const member = await phonePage('fr-BE');
    await signUpVerifyAndLogIn(member, suite.base, suite.smtp, 'fr', { name: 'Owner', email: 'owner@boulangerie.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(db, 'owner@boulangerie.be'))!);
    const companyId = await createCompany(suite.server.runtime.deps, user, { ...SEED_PROFILE, name: 'Boulangerie Dupont', language: 'fr' }, META);
    await insertMember(db, { organisationId: orgId, companyId, countsInFigures: false, joinedBy: user.id, now: new Date().toISOString() });
    await member.goto(`${suite.base}/fr/companies/${companyId}/assessment`);
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
