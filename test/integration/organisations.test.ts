/**
 * Federations and trusted partners end to end through the real app on both dialects: creation (unverified until a
 * platform admin verifies), join links and CSV invitations, the company's decision, its choices afterwards, the
 * dashboard's 10-company threshold, answer access only with an explicit grant, announcements with opt-out.
 * Privacy by design (GDPR Art. 25): without a grant no organisation page shows a company's name with its score.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_CELL_COMPANIES } from '../../src/core/stats/cells.ts';
import { Browser, linkFrom, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, mailTo, ownerWithCompany, signUpAndVerify, inviteAndJoin } from '../support/flows.ts';
import { seedMembers } from '../support/organisations.ts';
import { randomUUID } from 'node:crypto';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';

describe.each(DIALECTS)('organisations on %s', (dialect) => {
  let t: TestApp;
  let fed: Browser;
  let orgId: string;
  let owner: { b: Browser; companyId: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    fed = new Browser(t.app);
    await signUpAndVerify(t, fed, 'staff@federation.be');
    await logIn(fed, 'staff@federation.be');
    owner = await ownerWithCompany(t, 'owner@bakery.be');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.runtime.deps.db;

  it('bad input creates nothing and says what is wrong, in the page language', async () => {
    await fed.get('/fr/orgs/new');
    const noSector = await fed.post('/fr/orgs', { name: 'Fédé', kind: 'federation', sectors: 'ZZ' });
    expect(noSector.statusCode).toBe(400);
    expect(noSector.body).toContain('code NACE valide');
    const badKind = await fed.post('/fr/orgs', { name: 'X', kind: 'church', sectors: '' });
    expect(badKind.statusCode).toBe(400);
    const arrayName = await fed.post('/en/orgs', { name: ['a', 'b'], kind: 'bank' });
    expect(arrayName.statusCode).toBe(400);
    expect(await db().selectFrom('organisations').selectAll().execute()).toEqual([]);
  });

  it('a signed-in user creates a federation, shown as unverified until a platform admin verifies it (audit logged)', async () => {
    await fed.get('/en/orgs/new');
    const res = await fed.post('/en/orgs', { name: 'Bakers Federation', kind: 'federation', sectors: '10, 47' });
    expect(res.statusCode).toBe(303);
    orgId = /\/en\/orgs\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    const page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Not verified yet');
    expect((await fed.get('/en/account')).body).toContain('Bakers Federation');
    // Not an admin: the admin page does not exist for this user.
    expect((await fed.get('/en/admin/organisations')).statusCode).toBe(404);
    const admin = new Browser(t.app);
    await signUpAndVerify(t, admin, 'admin@schild.test');
    await db().updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await logIn(admin, 'admin@schild.test');
    expect((await admin.get('/en/admin/organisations')).body).toContain('Bakers Federation');
    expect((await admin.post('/en/admin/organisations/verify', { id: orgId })).statusCode).toBe(303);
    expect((await fed.get(`/en/orgs/${orgId}`)).body).toContain('Verified by Schild');
    const events = await db().selectFrom('audit_events').select(['type', 'organisation_id']).where('organisation_id', '=', orgId).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['organisation.created', 'organisation.verified']));
  });

  it('a company owner follows the link, sees what the organisation will see, and joins (counting by default)', async () => {
    const made = await fed.post(`/en/orgs/${orgId}/links`, {});
    expect(made.statusCode).toBe(200);
    const link = linkFrom(made.body.replace(/<[^>]+>/g, ' '), '/join/');
    // Anyone can read who invites and what they will see; deciding needs a log-in.
    const anon = await new Browser(t.app).get(link);
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain('never your answers or score');
    const page = await owner.b.get(link);
    expect(page.body).toContain('Bakers Federation invites your company');
    expect(page.body).toMatch(/name="counts" value="yes" checked/);
    const joined = await owner.b.post(link, { companyId: owner.companyId, counts: 'yes' });
    expect(joined.statusCode).toBe(303);
    const mine = await owner.b.get(`/en/companies/${owner.companyId}/organisations`);
    expect(mine.body).toContain('Counts in the figures');
    // Joining twice changes nothing; a member (not owner) of a company cannot make it join.
    expect((await owner.b.post(link, { companyId: owner.companyId, counts: 'yes' })).statusCode).toBe(409);
    const member = await inviteAndJoin(t, owner.b, owner.companyId, 'helper@bakery.be', 'member');
    await member.get(link);
    expect((await member.post(link, { companyId: owner.companyId })).statusCode).toBe(403);
    expect((await member.post(`/en/companies/${owner.companyId}/organisations`, { organisationId: orgId, choice: 'leave' })).statusCode).toBe(403);
    // A company that requires two-step log-in: its owner without it cannot make it join (OWASP ASVS 4.0.3 §4.1.1).
    const strict = await ownerWithCompany(t, 'owner@strict.be');
    await db().updateTable('companies').set({ require_mfa: 1 }).where('id', '=', strict.companyId).execute();
    await strict.b.get(link);
    const refused = await strict.b.post(link, { companyId: strict.companyId, counts: 'yes' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('requires two-step log-in');
    expect(await db().selectFrom('organisation_members').select('company_id').where('company_id', '=', strict.companyId).execute()).toEqual([]);
    // A withdrawn link stops working at once.
    const row = await db().selectFrom('organisation_join_links').select('id').where('organisation_id', '=', orgId).executeTakeFirstOrThrow();
    await fed.get(`/en/orgs/${orgId}/members`);
    await fed.post(`/en/orgs/${orgId}/links/revoke`, { id: row.id });
    expect((await owner.b.get(link)).statusCode).toBe(404);
  });

  it(`the dashboard shows no figure until ${MIN_CELL_COMPANIES} consenting companies stand behind it (threshold rule)`, async () => {
    // The owner's company has no completed assessment; 8 seeded companies count, 5 more do not.
    await seedMembers(t.runtime, orgId, MIN_CELL_COMPANIES - 2, { prefix: 'Counting' });
    await seedMembers(t.runtime, orgId, 5, { countsInFigures: false, prefix: 'Private' });
    // The figures come from the pre-aggregated tables: the refresh job the joins queued runs first, as a worker would.
    await t.drainJobs();
    let page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).toContain('Member companies: 14');
    expect(page.body).toContain('Of these, 9 count in the figures');
    expect(page.body).toContain('Figures are shown from 10 companies');
    expect(page.body).toContain('Middle score: shown from 10 companies');
    expect(page.body).not.toMatch(/% of \d+ companies/);
    await seedMembers(t.runtime, orgId, 1, { prefix: 'Counting tenth' });
    await t.drainJobs();
    page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).toContain('Completed the questionnaire');
    expect(page.body).toContain('90% of 10 companies'); // 9 assessed of 10 counting
    expect(page.body).toContain('Middle score: shown from 10 companies'); // only 9 have a score
    // The tenth was published at once: the snapshot before showed no figure, so there was nothing to subtract. An
    // eleventh alone would change shown figures by one company (differencing between releases, Hundepool et al. 2012
    // ch. 5 §5.2): the figures wait, the member counts do not.
    await seedMembers(t.runtime, orgId, 1, { prefix: 'Counting eleventh' });
    await t.drainJobs();
    page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).toContain('Of these, 11 count in the figures');
    expect(page.body).toContain('90% of 10 companies');
    expect(page.body).toContain('Middle score: shown from 10 companies');
    expect(page.body).toContain('The figures wait until at least 10 companies have changed something');
    // Nine more: ten changes since the shown figures, which are then published.
    await seedMembers(t.runtime, orgId, MIN_CELL_COMPANIES - 1, { prefix: 'Counting later' });
    await t.drainJobs();
    page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).toMatch(/Middle score \(median\): \d+ out of 100, across 19 companies/);
    expect(page.body).not.toContain('id="figures-waiting"');
    expect(page.body).toContain('Most common open actions');
    // No company's name on any page of the organisation without a grant.
    for (const path of ['', '/members', '/staff', '/announcements']) {
      const body = (await fed.get(`/en/orgs/${orgId}${path}`)).body;
      expect(body).not.toContain('Counting 1');
      expect(body).not.toContain('Private');
      expect(body).not.toContain('Boekhouding Peeters');
    }
  });

  it('answers are shown only with the company’s explicit grant, revocable at once, audit logged on both sides', async () => {
    const choose = (choice: string) => owner.b.post(`/en/companies/${owner.companyId}/organisations`, { organisationId: orgId, choice });
    await owner.b.get(`/en/companies/${owner.companyId}/organisations`);
    expect((await choose('answers_on')).statusCode).toBe(303);
    let page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).toContain('Boekhouding Peeters');
    expect((await choose('answers_off')).statusCode).toBe(303);
    page = await fed.get(`/en/orgs/${orgId}`);
    expect(page.body).not.toContain('Boekhouding Peeters');
    const events = await db().selectFrom('audit_events').select(['type', 'company_id', 'organisation_id']).where('type', 'in', ['organisation.answers_granted', 'organisation.answers_revoked']).execute();
    expect(events).toHaveLength(2);
    for (const e of events) expect([e.company_id, e.organisation_id]).toEqual([owner.companyId, orgId]);
    // The company's own log shows it too.
    expect((await owner.b.get(`/en/companies/${owner.companyId}/audit`)).body).toContain('access to the answers');
    // Counting off removes the company from the figures once the refresh it queued has run.
    await choose('figures_off');
    await t.drainJobs();
    expect((await fed.get(`/en/orgs/${orgId}`)).body).toContain('Of these, 19 count');
    await choose('figures_on');
    // A made-up choice or organisation changes nothing.
    expect((await choose('everything')).statusCode).toBe(400);
    expect((await owner.b.post(`/en/companies/${owner.companyId}/organisations`, { organisationId: '00000000-0000-4000-8000-000000000000', choice: 'leave' })).statusCode).toBe(400);
  });

  it('a CSV with a bad line sends nothing; a good one mails each address in the company’s language', async () => {
    await fed.get(`/en/orgs/${orgId}/members`);
    const before = await db().selectFrom('outbox').select('id').execute();
    const bad = await fed.post(`/en/orgs/${orgId}/invite-csv`, { csv: 'email\nnew@shop.be\nnot-an-address\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Line 3: this is not a valid e-mail address.');
    expect(await db().selectFrom('outbox').select('id').execute()).toHaveLength(before.length);
    expect(await db().selectFrom('organisation_join_links').select('id').where('email', 'is not', null).execute()).toEqual([]);
    // A second owner, whose company speaks French, gets the invitation in French even though the line says "de".
    const fr = await ownerWithCompany(t, 'owner@boulangerie.be');
    await db().updateTable('companies').set({ language: 'fr' }).where('id', '=', fr.companyId).execute();
    const good = await fed.post(`/en/orgs/${orgId}/invite-csv`, { csv: 'owner@boulangerie.be,de\nnew@shop.be,nl\n' });
    expect(good.statusCode).toBe(200);
    expect(good.body).toContain('Invitations sent: 2.');
    const frMail = await mailTo(t, 'owner@boulangerie.be', 'invite votre entreprise');
    const nlMail = await mailTo(t, 'new@shop.be', 'nodigt je bedrijf uit');
    expect(nlMail).toContain('/nl/join/');
    const link = linkFrom(frMail, '/fr/join/');
    await fr.b.get(link);
    expect((await fr.b.post(link, { companyId: fr.companyId })).statusCode).toBe(303);
    // Unticked box: the company joined without counting in figures. The mailed link served once.
    const m = await db().selectFrom('organisation_members').select('counts_in_figures').where('company_id', '=', fr.companyId).executeTakeFirstOrThrow();
    expect(m.counts_in_figures).toBe(0);
    expect((await fr.b.get(link)).statusCode).toBe(404);
  });

  it('announcements reach members in their language, by mail unless the company opted out', async () => {
    await fed.get(`/en/orgs/${orgId}/announcements`);
    const empty = await fed.post(`/en/orgs/${orgId}/announcements`, { title_en: 'Only a title' });
    expect(empty.statusCode).toBe(400);
    expect(await db().selectFrom('organisation_announcements').select('id').execute()).toEqual([]);
    // The French-speaking owner opts out of mails.
    const frOwner = new Browser(t.app);
    await logIn(frOwner, 'owner@boulangerie.be');
    const frCompany = (await db().selectFrom('companies').select('id').where('language', '=', 'fr').executeTakeFirstOrThrow()).id;
    await frOwner.get(`/en/companies/${frCompany}/organisations`);
    expect((await frOwner.post(`/en/companies/${frCompany}/organisations`, { organisationId: orgId, choice: 'mail_off' })).statusCode).toBe(303);
    const res = await fed.post(`/en/orgs/${orgId}/announcements`, { title_nl: 'Let op phishing', body_nl: 'Valse facturen in omloop.', title_en: 'Watch out', body_en: 'Fake invoices are going round.' });
    expect(res.statusCode).toBe(303);
    expect((await owner.b.get(`/en/companies/${owner.companyId}/organisations`)).body).toContain('Fake invoices are going round.');
    expect((await owner.b.get(`/nl/companies/${owner.companyId}/organisations`)).body).toContain('Valse facturen in omloop.');
    await t.drainJobs();
    const subjects = async (to: string) => (await db().selectFrom('outbox').select('subject').where('to_address', '=', to).execute()).map((r) => r.subject);
    expect(await subjects('owner@bakery.be')).toContain('Bericht van Bakers Federation: Let op phishing'); // company language nl
    expect((await subjects('owner@boulangerie.be')).some((s) => s.includes('Watch out') || s.includes('phishing'))).toBe(false);
  });

  it('staff are invited by e-mail with a role; a viewer sees but cannot invite; outsiders get not found', async () => {
    await fed.get(`/en/orgs/${orgId}/staff`);
    expect((await fed.post(`/en/orgs/${orgId}/staff/invite`, { email: 'nope', role: 'org_viewer' })).statusCode).toBe(400);
    expect((await fed.post(`/en/orgs/${orgId}/staff/invite`, { email: 'viewer@federation.be', role: 'org_viewer' })).statusCode).toBe(303);
    const viewer = new Browser(t.app);
    await signUpAndVerify(t, viewer, 'viewer@federation.be');
    await logIn(viewer, 'viewer@federation.be');
    const link = linkFrom(await mailTo(t, 'viewer@federation.be', 'Invitation to Bakers Federation'), '/org-invitations/');
    await viewer.get(link);
    expect((await viewer.post(link, {})).statusCode).toBe(303);
    expect((await viewer.get(`/en/orgs/${orgId}`)).statusCode).toBe(200);
    await viewer.get(`/en/orgs/${orgId}/members`);
    expect((await viewer.post(`/en/orgs/${orgId}/links`, {})).statusCode).toBe(403);
    expect((await owner.b.get(`/en/orgs/${orgId}`)).statusCode).toBe(404);
    // The owner's log shows the staff's actions, but not which company stopped counting or granted access.
    const log = (await fed.get(`/en/orgs/${orgId}/staff`)).body;
    expect(log).toContain('staff@federation.be invited a staff member');
    expect(log).toContain('viewer@federation.be joined the staff');
    expect(log).not.toContain('owner@bakery.be');
    expect((await viewer.get(`/en/orgs/${orgId}/staff`)).body).not.toContain('id="org-log"');
  });

  it('the API gives staff the same aggregated figures, and outsiders 404', async () => {
    const tokenFor = async (email: string, letter: string) => {
      const userId = (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      const token = `sch_${letter.repeat(43)}`;
      await insertApiToken(db(), { id: randomUUID(), userId, name: 'api', tokenHash: sha256(token), scopes: ['organisations:read'], now: new Date().toISOString() });
      return { authorization: `Bearer ${token}` };
    };
    const staff = await tokenFor('staff@federation.be', 'c');
    const list = await t.app.inject({ url: '/api/v1/organisations', headers: staff });
    expect(list.json()).toEqual([expect.objectContaining({ id: orgId, name: 'Bakers Federation', kind: 'federation', sectors: ['10', '47'], verified: true, role: 'org_owner' })]);
    const dash = await t.app.inject({ url: `/api/v1/organisations/${orgId}/dashboard`, headers: staff });
    expect(dash.statusCode).toBe(200);
    const body = dash.json();
    expect(body.minimum).toBe(MIN_CELL_COMPANIES);
    expect(body.medianScore.companies).toBeGreaterThanOrEqual(MIN_CELL_COMPANIES);
    expect(typeof body.medianScore.value).toBe('number');
    expect(body.sharedWithYou).toEqual([]);
    expect(typeof body.figuresWaiting).toBe('boolean');
    // The owner of a member company is not staff: "not found", and nothing about the organisation leaks.
    const outsider = await tokenFor('owner@bakery.be', 'd');
    const refused = await t.app.inject({ url: `/api/v1/organisations/${orgId}/dashboard`, headers: outsider });
    expect(refused.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/organisations/not-a-uuid/dashboard', headers: staff })).statusCode).toBe(400);
  });
});
