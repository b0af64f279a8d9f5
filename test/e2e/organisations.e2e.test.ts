/**
 * Issue 11, federations and trusted partners, in a real Chromium at 360 px against the real server (SQLite,
 * in-process worker, SMTP on loopback). A federation (Dutch) makes a join link; company owners join (one in French);
 * the dashboard shows no figure until 10 companies count, then a chart with its table. An accountancy firm (English)
 * invites its clients by an e-mail list; a French-speaking client gets the mail in French, joins, grants access to
 * its answers, and the firm sees it by name in "shared with you" and the aggregated progress once 10 count.
 * The first 8 members are stored directly (test/support/organisations.ts) to keep the test short.
 * Every page: axe-core (no serious or critical violation) and no horizontal scrolling (WCAG 2.1 SC 1.4.10).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { phoneSuite } from '../support/e2e-phone.ts';
import { createCompany } from '../../src/app/companies.ts';
import { findUserRowByEmail, toUser } from '../../src/db/repositories/user.repository.ts';
import { signUpVerifyAndLogIn } from '../support/e2e-flows.ts';
import { completeAssessment, SEED_PROFILE, seedMembers } from '../support/organisations.ts';

const PASSWORD = 'een-lange-zin-als-wachtwoord';
const META = { ip: '127.0.0.1', userAgent: 'e2e' };

describe('federations and partners as tenants, on a phone', () => {
  const suite = phoneSuite();
  const { csp, checked, phonePage } = suite;

  /** A signed-up owner (through the pages) with a company stored through the use case. */
  async function ownerWithCompany(browserLocale: string, email: string, name: string, language: 'nl' | 'fr' | 'en'): Promise<{ p: Page; companyId: string }> {
    const p = await phonePage(browserLocale);
    await signUpVerifyAndLogIn(p, suite.base, suite.smtp, language, { name: 'Owner', email, password: PASSWORD });
    const user = toUser((await findUserRowByEmail(suite.server.runtime.deps.db, email))!);
    const companyId = await createCompany(suite.server.runtime.deps, user, { ...SEED_PROFILE, name, language }, META);
    return { p, companyId };
  }

  async function createOrganisation(p: Page, lang: string, name: string, kindLabel: RegExp, sectors?: string): Promise<string> {
    await p.goto(`${suite.base}/${lang}/orgs/new`);
    await checked(p);
    await p.locator('#f-name').fill(name);
    await p.getByLabel(kindLabel).check();
    if (sectors) await p.locator('#f-sectors').fill(sectors);
    await p.locator('main form button[type=submit]').click();
    await p.waitForURL(/\/orgs\/[0-9a-f-]{36}$/);
    return /\/orgs\/([0-9a-f-]{36})$/.exec(p.url())![1]!;
  }

  /**
   * The dashboard reads pre-aggregated figures that the in-process worker rebuilds after each join or finished
   * assessment (the 'org-stats-refresh' job): wait until the worker has run every queued refresh, as a user would
   * wait a moment before reloading. Nothing here runs the job itself.
   */
  async function figuresSettled(): Promise<void> {
    const db = suite.server.runtime.deps.db;
    const deadline = Date.now() + 30_000;
    for (;;) {
      const open = await db.selectFrom('jobs').select('id').where('type', '=', 'org-stats-refresh').where('status', 'in', ['queued', 'running']).execute();
      if (open.length === 0) return;
      if (Date.now() > deadline) throw new Error('the organisation figures were not refreshed');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function join(p: Page, link: string, countsInFigures = true): Promise<void> {
    await p.goto(link);
    await checked(p);
    if (!countsInFigures) await p.locator('input[name=counts]').uncheck();
    await p.locator('main form button[type=submit]').click();
    await p.waitForURL(/\/organisations\?done=joined$/);
    await checked(p);
  }

  it('a federation invites by link; figures appear only once 10 companies count (nl and fr)', async () => {
    const fed = await phonePage('nl-BE');
    await signUpVerifyAndLogIn(fed, suite.base, suite.smtp, 'nl', { name: 'Federatie', email: 'staff@bakkers.be', password: PASSWORD });
    const orgId = await createOrganisation(fed, 'nl', 'Federatie Bakkers', /Sectorfederatie/, '10, 47');
    expect(await fed.locator('main').textContent()).toContain('Nog niet geverifieerd');
    await checked(fed);

    await fed.goto(`${suite.base}/nl/orgs/${orgId}/members`);
    await fed.getByRole('button', { name: 'Nieuwe link maken' }).click();
    const link = (await fed.locator('#new-join-link').textContent())!;
    expect(link).toContain('/nl/join/');
    await checked(fed);

    await seedMembers(suite.server.runtime, orgId, 8, { prefix: 'Bakkerij' });
    // The ninth: a Dutch-speaking owner joins through the link and has answered the questionnaire.
    const nl = await ownerWithCompany('nl-BE', 'an@bakkerij.be', 'Bakkerij An', 'nl');
    await completeAssessment(suite.server.runtime, nl.companyId, 'yes');
    await nl.p.goto(link);
    expect(await nl.p.locator('h1').textContent()).toContain('Federatie Bakkers');
    expect(await nl.p.locator('main').textContent()).toContain('nooit jouw antwoorden of score');
    await join(nl.p, link);

    await figuresSettled();
    await fed.goto(`${suite.base}/nl/orgs/${orgId}`);
    let main = (await fed.locator('main').textContent())!;
    expect(main).toContain('Aangesloten bedrijven: 9');
    expect(main).toContain('Cijfers tonen we vanaf 10 bedrijven');
    expect(main).not.toMatch(/\d+% van \d+ bedrijven/);
    await checked(fed);

    // The tenth, in French, on the same link (the path's language is the link's; the page follows /fr/).
    const fr = await ownerWithCompany('fr-BE', 'marie@boulangerie.be', 'Boulangerie Marie', 'fr');
    await completeAssessment(suite.server.runtime, fr.companyId, 'no');
    const frLink = link.replace('/nl/join/', '/fr/join/');
    await fr.p.goto(frLink);
    expect(await fr.p.locator('h1').textContent()).toContain('Federatie Bakkers invite votre entreprise');
    await join(fr.p, frLink);
    expect(await fr.p.locator('main').textContent()).toContain('Compte dans les chiffres');

    await figuresSettled();
    await fed.goto(`${suite.base}/nl/orgs/${orgId}`);
    main = (await fed.locator('main').textContent())!;
    expect(main).toContain('100% van 10 bedrijven');
    expect(main).toMatch(/Middelste score \(mediaan\): \d+ op 100, over 10 bedrijven/);
    expect(main).toContain('Cijfers van ');
    // The progress chart with its table (assessed + six functions), and the middle score per area with its table.
    expect(await fed.locator('figure[aria-labelledby="org-progress-title"] svg.bar-chart').count()).toBe(1);
    expect(await fed.locator('figure[aria-labelledby="org-progress-title"] table.chart-table tbody tr').count()).toBe(7);
    expect(await fed.locator('figure[aria-labelledby="org-maturity-title"] table.chart-table tbody tr').count()).toBe(6);
    expect(await fed.locator('figure[aria-labelledby="org-maturity-title"] table.chart-table').textContent()).toMatch(/\d+ op 100 \(10 bedrijven\)/);
    // 8 "partly", 1 "yes", 1 "no": every answer count is below 10, so the answers table shows dashes only.
    expect(await fed.locator('#org-controls').textContent()).toContain('– (minder dan 10 bedrijven)');
    // No member named: nobody granted access.
    expect(main).not.toContain('Bakkerij An');
    expect(main).not.toContain('Boulangerie Marie');
    await checked(fed);
  }, 180_000);

  it('an accountancy firm invites its clients by e-mail list and sees what they share', async () => {
    const firm = await phonePage('en-GB');
    await signUpVerifyAndLogIn(firm, suite.base, suite.smtp, 'en', { name: 'Accountant', email: 'office@numbers.be', password: PASSWORD });
    const orgId = await createOrganisation(firm, 'en', 'Numbers & Co', /Accountancy firm/);
    const client = await ownerWithCompany('fr-BE', 'client@atelier.be', 'Atelier Client', 'fr');
    await completeAssessment(suite.server.runtime, client.companyId, 'partly');

    await firm.goto(`${suite.base}/en/orgs/${orgId}/members`);
    await firm.locator('#f-csv').fill('client@atelier.be\nnot an address\n');
    await firm.getByRole('button', { name: 'Send the invitations' }).click();
    expect(await firm.locator('main').textContent()).toContain('Line 2: this is not a valid e-mail address.');
    await checked(firm);
    await firm.locator('#f-csv').fill('client@atelier.be\n');
    await firm.getByRole('button', { name: 'Send the invitations' }).click();
    expect(await firm.locator('main').textContent()).toContain('Invitations sent: 1.');

    // The client's company speaks French: so does the mail.
    const mail = await suite.smtp.waitFor((m) => m.to.includes('client@atelier.be') && m.text.includes('/join/'), 20_000);
    expect(mail.subject).toContain('Numbers & Co invite votre entreprise');
    const link = /https?:\/\/\S*\/fr\/join\/\S*/.exec(mail.text)![0];
    await join(client.p, link);
    await client.p.getByRole('button', { name: 'Partager mes réponses et mon score' }).click();
    await client.p.waitForURL(/done=saved/);
    expect(await client.p.locator('main').textContent()).toContain('Cette organisation peut voir vos réponses et votre score.');
    await checked(client.p);

    await firm.goto(`${suite.base}/en/orgs/${orgId}`);
    expect(await firm.locator('#shared-with-you').textContent()).toContain('Atelier Client');
    expect(await firm.locator('main').textContent()).toContain('Figures are shown from 10 companies');
    await seedMembers(suite.server.runtime, orgId, 9, { prefix: 'Client' });
    await figuresSettled();
    await firm.goto(`${suite.base}/en/orgs/${orgId}`);
    const main = (await firm.locator('main').textContent())!;
    expect(main).toContain('100% of 10 companies');
    expect(main).toContain('Most common open actions');
    // All 10 answered "partly" throughout: the ten most common gaps, each 100% of 10 companies, chart and table.
    expect(await firm.locator('figure[aria-labelledby="org-gaps-title"] table.chart-table tbody tr').count()).toBe(10);
    expect(main).not.toContain('Client 1');
    await checked(firm);

    // Revoking works at once.
    await client.p.getByRole('button', { name: 'Retirer l’accès maintenant' }).click();
    await client.p.waitForURL(/done=saved/);
    await firm.reload();
    expect(await firm.locator('main').textContent()).not.toContain('Atelier Client');
  }, 180_000);

  it('saw no Content-Security-Policy violation on any page', () => {
    expect(csp.flat()).toEqual([]);
  });
});
