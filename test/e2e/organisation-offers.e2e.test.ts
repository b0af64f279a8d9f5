/**
 * Issue 11, campaign offers, in a real Chromium at 360 px against the real server (SQLite, in-process worker, SMTP on
 * loopback). A Dutch-speaking federation invites a bakery, offers it a training challenge (after a refused first
 * try), the owner gets the mail and a line on the company home, accepts on the company's organisations page and lands on the training page with the
 * challenge's lessons and end date. Every page: axe-core (no serious or critical violation) and no horizontal
 * scrolling (WCAG 2.1 SC 1.4.10). Start-up as test/e2e/organisations.e2e.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { phoneSuite } from '../support/e2e-phone.ts';
import { loadContent } from '../../src/adapters/content.ts';
import { createCompany } from '../../src/app/companies.ts';
import { addDays, brusselsDate } from '../../src/core/organisations/offer.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { SEED_PROFILE } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };

describe('a federation offers a training challenge, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  it('the member accepts and lands on its training page with the challenge', async () => {
    const lessons = loadContent().lessons;
    const title = (id: string) => lessons.find((l) => l.id === id)!.i18n.nl.title;
    const endsOn = addDays(brusselsDate(new Date()), 30);

    const fed = await phonePage('nl-BE');
    await signUpVerifyAndLogIn(fed, suite.base, suite.smtp, 'nl', { name: 'Federatie', email: 'staff@bakkers.be', password: PASSWORD });
    await fed.goto(`${suite.base}/nl/orgs/new`);
    await fed.locator('#f-name').fill('Federatie Bakkers');
    await fed.getByLabel(/Sectorfederatie/).check();
    await fed.locator('#f-sectors').fill('10');
    await fed.locator('main form button[type=submit]').click();
    await fed.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    const orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(fed.url())![1]!;
    await fed.goto(`${suite.base}/nl/orgs/${orgId}/members`);
    await fed.getByRole('button', { name: 'Nieuwe link maken' }).click();
    const link = (await fed.locator('#new-join-link').textContent())!;

    // The bakery's owner joins through the link (through the pages).
    const owner = await phonePage('nl-BE');
    await signUpVerifyAndLogIn(owner, suite.base, suite.smtp, 'nl', { name: 'An', email: 'an@bakkerij.be', password: PASSWORD });
    const user = toUser((await findUserRowByEmail(suite.server.runtime.deps.db, 'an@bakkerij.be'))!);
    const companyId = await createCompany(suite.server.runtime.deps, user, { ...SEED_PROFILE, name: 'Bakkerij An', language: 'nl' }, META);
    await owner.goto(link);
    await owner.locator('main form button[type=submit]').click();
    await owner.waitForURL(/\/organisations\?done=joined$/);

    // The federation's first try has no text: refused with a message, nothing sent.
    await fed.goto(`${suite.base}/nl/orgs/${orgId}/offers`);
    await checked(fed);
    await fed.getByLabel(title('passphrases')).check();
    await fed.getByLabel(title('invoice-fraud')).check();
    await fed.locator('#f-endsOn').fill(endsOn);
    await fed.getByRole('button', { name: 'Aanbod versturen' }).click();
    expect(await fed.locator('main').textContent()).toContain('Vul in minstens één taal zowel een titel als een tekst in');
    await checked(fed);
    await fed.locator('#f-title_nl').fill('Winteruitdaging');
    await fed.locator('#f-body_nl').fill('Volg voor het voorjaar twee korte lessen met je hele team.');
    await fed.getByRole('button', { name: 'Aanbod versturen' }).click();
    await fed.waitForURL(/\/offers\?done=created$/);
    const orgMain = (await fed.locator('main').textContent())!;
    expect(orgMain).toContain('Het aanbod is verstuurd naar de leden.');
    expect(orgMain).toContain('Minder dan 10 bedrijven die meetellen, deden mee');
    await checked(fed);

    const mail = await suite.smtp.waitFor((m) => m.to.includes('an@bakkerij.be') && m.subject.includes('Winteruitdaging'), 20_000);
    expect(mail.subject).toBe('Uitdaging van Federatie Bakkers: Winteruitdaging');
    await owner.goto(`${suite.base}/nl/companies/${companyId}`);
    expect(await owner.locator('[data-testid=home-offers]').textContent()).toBe('Nieuw aanbod van je organisaties: 1');
    await checked(owner);
    const offerLink = /https?:\/\/\S*\/nl\/companies\/\S*\/organisations\S*/.exec(mail.text)![0];
    await owner.goto(offerLink);
    expect(await owner.locator('[data-testid=company-offer]').textContent()).toContain('Winteruitdaging');
    await checked(owner);
    await owner.getByRole('button', { name: 'Meedoen', exact: true }).click();
    await owner.waitForURL(new RegExp(`/nl/companies/${companyId}/training\\?offer=`));
    const challenge = (await owner.locator('[data-testid=challenge]').textContent())!;
    expect(challenge).toContain('Uitdaging van Federatie Bakkers: Winteruitdaging');
    expect(challenge).toContain('Elke medewerker volgt deze lessen vóór');
    expect(challenge).toContain(title('passphrases'));
    expect(challenge).toContain(title('invoice-fraud'));
    await checked(owner);
  }, 180_000);

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(csp.flat()).toEqual([]);
  });
});
