/**
 * Campaign offers of a federation to its members, end to end through the real app on both dialects: bad input
 * changes nothing, the four languages, mail only to owners who did not opt out, accept and decline audit logged on
 * both sides, the training and phishing pages preselected from the offer, and the small-cell rule
 * (docs/statistics.md: no figure from fewer than MIN_CELL_COMPANIES companies, the accepted count included).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { sha256 } from '../../src/adapters/crypto.ts';
import { addDays, brusselsDate } from '../../src/core/organisations/offer.ts';
import { MIN_CELL_COMPANIES } from '../../src/core/stats/cells.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, mailTo, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';
import { seedMembers } from '../support/organisations.ts';

describe.each(DIALECTS)('organisation offers on %s', (dialect) => {
  let t: TestApp;
  let fed: Browser;
  let orgId: string;
  let owner: { b: Browser; companyId: string };
  let quiet: { b: Browser; companyId: string };
  let stranger: { b: Browser; companyId: string };
  let today: string;
  let challengeId = '';
  let phishingId = '';
  const token = `sch_${'f'.repeat(43)}`;

  const db = () => t.runtime.deps.db;
  const offersIn = async () => db().selectFrom('organisation_offers').select(['id', 'kind']).where('organisation_id', '=', orgId).execute();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    today = brusselsDate(t.runtime.deps.clock.now());
    fed = new Browser(t.app, '198.51.100.20');
    await signUpAndVerify(t, fed, 'staff@bakers.be');
    await logIn(fed, 'staff@bakers.be');
    await fed.get('/en/orgs/new');
    const created = await fed.post('/en/orgs', { name: 'Bakers Federation', kind: 'federation', sectors: '10' });
    orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(String(created.headers.location))![1]!;
    owner = await ownerWithCompany(t, 'owner@bakery.be');
    quiet = await ownerWithCompany(t, 'owner@quiet.be');
    stranger = await ownerWithCompany(t, 'owner@elsewhere.be');
    const joinedBy = (await db().selectFrom('users').select('id').where('email', '=', 'owner@bakery.be').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    await insertMember(db(), { organisationId: orgId, companyId: owner.companyId, countsInFigures: true, joinedBy, now });
    await insertMember(db(), { organisationId: orgId, companyId: quiet.companyId, countsInFigures: true, joinedBy, now });
    // The quiet company opts out of the organisation's mail (announcement_mail), as on its organisations page.
    await quiet.b.get(`/en/companies/${quiet.companyId}/organisations`);
    expect((await quiet.b.post(`/en/companies/${quiet.companyId}/organisations`, { organisationId: orgId, choice: 'mail_off' })).statusCode).toBe(303);
    const fedUser = (await db().selectFrom('users').select('id').where('email', '=', 'staff@bakers.be').executeTakeFirstOrThrow()).id;
    await insertApiToken(db(), { id: randomUUID(), userId: fedUser, name: 'figures', tokenHash: sha256(token), scopes: ['organisations:read'], now });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const apiOffers = async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${orgId}/offers`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    return (res.json() as { offers: { id: string; kind: string; title: string; startsOn: string; endsOn: string; accepted: number | null; outcome: Record<string, unknown> | null }[] }).offers;
  };

  it('bad input gets a translated message and creates nothing, mails nobody', async () => {
    await fed.get(`/fr/orgs/${orgId}/offers`);
    const mailsBefore = (await db().selectFrom('outbox').select('id').execute()).length;
    const cases: Record<string, string | string[]>[] = [
      { kind: 'training_challenge', lessons: ['passphrases'], endsOn: addDays(today, 30) },
      { kind: 'training_challenge', lessons: ['no-such-lesson'], endsOn: addDays(today, 30), title_fr: 'Défi', body_fr: 'Texte' },
      { kind: 'training_challenge', lessons: ['passphrases'], endsOn: today, title_fr: 'Défi', body_fr: 'Texte' },
      { kind: 'training_challenge', lessons: ['passphrases'], endsOn: '2027-02-31', title_fr: 'Défi', body_fr: 'Texte' },
      { kind: 'phishing_test', templateId: 'parcel-delivery', startsOn: addDays(today, 20), endsOn: addDays(today, 10), title_fr: 'Test', body_fr: 'Texte' },
      { kind: 'phishing_test', templateId: 'no-such-template', startsOn: addDays(today, 1), endsOn: addDays(today, 10), title_fr: 'Test', body_fr: 'Texte' },
      { kind: ['training_challenge', 'phishing_test'], endsOn: addDays(today, 30), title_fr: 'Défi', body_fr: 'Texte' },
      { kind: 'training_challenge', lessons: ['passphrases'], endsOn: addDays(today, 30), title_fr: ['a', 'b'], body_fr: 'Texte' },
    ];
    const messages = ['au moins une langue', 'au moins une leçon', 'une date après aujourd’hui', 'une date qui existe', 'Le dernier jour vient après le premier', 'un faux e-mail dans la liste', 'Choisissez ce que vous proposez', 'au moins une langue'];
    for (const [i, form] of cases.entries()) {
      const res = await fed.post(`/fr/orgs/${orgId}/offers`, form);
      expect(res.statusCode, JSON.stringify(form)).toBe(400);
      expect(res.body).toContain(messages[i]);
    }
    expect(await offersIn()).toEqual([]);
    expect((await db().selectFrom('outbox').select('id').execute()).length).toBe(mailsBefore);
  });

  it('a viewer sees the offers but cannot create; an outsider gets not found', async () => {
    const viewer = new Browser(t.app, '198.51.100.21');
    await fed.get(`/en/orgs/${orgId}/staff`);
    expect((await fed.post(`/en/orgs/${orgId}/staff/invite`, { email: 'viewer@bakers.be', role: 'org_viewer' })).statusCode).toBe(303);
    await signUpAndVerify(t, viewer, 'viewer@bakers.be');
    await logIn(viewer, 'viewer@bakers.be');
    const link = linkFrom(await mailTo(t, 'viewer@bakers.be', 'Bakers Federation'), '/org-invitations/');
    await viewer.get(link);
    expect((await viewer.post(link, {})).statusCode).toBe(303);
    const page = await viewer.get(`/en/orgs/${orgId}/offers`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Send the offer');
    const refused = await viewer.post(`/en/orgs/${orgId}/offers`, { kind: 'training_challenge', lessons: 'passphrases', endsOn: addDays(today, 30), title_en: 'X', body_en: 'Y' });
    expect(refused.statusCode).toBe(403);
    expect((await stranger.b.get(`/en/orgs/${orgId}/offers`)).statusCode).toBe(404);
    expect((await stranger.b.post(`/en/orgs/${orgId}/offers`, { kind: 'training_challenge' })).statusCode).toBe(404);
    expect(await offersIn()).toEqual([]);
  });

  it('a training challenge in four languages is mailed to member owners who did not opt out, and audit logged', async () => {
    await fed.get(`/en/orgs/${orgId}/offers`);
    const res = await fed.post(`/en/orgs/${orgId}/offers`, {
      kind: 'training_challenge',
      lessons: ['passphrases', 'invoice-fraud'],
      endsOn: addDays(today, 40),
      title_nl: 'Lenteuitdaging',
      body_nl: 'Volg twee korte lessen.',
      title_fr: 'Défi de printemps',
      body_fr: 'Suivez deux courtes leçons.',
      title_de: 'Frühlingsherausforderung',
      body_de: 'Machen Sie zwei kurze Lektionen.',
      title_en: 'Spring challenge',
      body_en: 'Take two short lessons.',
    });
    expect(res.statusCode).toBe(303);
    challengeId = (await offersIn())[0]!.id;
    // The bakery's company language is Dutch (PROFILE); the quiet company opted out and gets nothing.
    const mail = await mailTo(t, 'owner@bakery.be', 'Uitdaging van Bakers Federation: Lenteuitdaging');
    expect(mail).toContain('Volg twee korte lessen.');
    expect(mail).toContain(`/nl/companies/${owner.companyId}/organisations`);
    expect(await db().selectFrom('outbox').select('subject').where('to_address', '=', 'owner@quiet.be').where('subject', 'like', '%Bakers%').execute()).toEqual([]);
    const events = await db().selectFrom('audit_events').select(['type', 'detail']).where('organisation_id', '=', orgId).where('type', '=', 'organisation.offer_created').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ offerId: challengeId, kind: 'training_challenge', mailed: 1 });
    // One line on the company home while the offer waits for an answer.
    expect((await owner.b.get(`/en/companies/${owner.companyId}`)).body).toContain('New offers from your organisations: 1');
    const expected = { nl: ['Lenteuitdaging', 'Meedoen'], fr: ['Défi de printemps', 'Participer'], de: ['Frühlingsherausforderung', 'Mitmachen'], en: ['Spring challenge', 'Take part'] };
    for (const [lang, texts] of Object.entries(expected)) {
      const page = await owner.b.get(`/${lang}/companies/${owner.companyId}/organisations`);
      expect(page.statusCode).toBe(200);
      for (const text of texts) expect(page.body).toContain(text);
    }
  });

  it('a member cannot answer; a company outside the federation cannot accept; the admin accepts and lands on the training page with the challenge', async () => {
    const member = await inviteAndJoin(t, owner.b, owner.companyId, 'helper@bakery.be', 'member');
    await member.get(`/en/companies/${owner.companyId}/organisations`);
    expect((await member.post(`/en/companies/${owner.companyId}/offers`, { offerId: challengeId, answer: 'accepted' })).statusCode).toBe(403);
    await stranger.b.get(`/en/companies/${stranger.companyId}/organisations`);
    const outside = await stranger.b.post(`/en/companies/${stranger.companyId}/offers`, { offerId: challengeId, answer: 'accepted' });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toContain('This offer no longer exists');
    expect(await db().selectFrom('organisation_offer_responses').selectAll().execute()).toEqual([]);
    const bad = await stranger.b.post(`/en/companies/${stranger.companyId}/offers`, { offerId: 'nope', answer: 'maybe' });
    expect(bad.statusCode).toBe(400);

    const admin = await inviteAndJoin(t, owner.b, owner.companyId, 'admin@bakery.be', 'admin');
    await admin.get(`/en/companies/${owner.companyId}/organisations`);
    const accepted = await admin.post(`/en/companies/${owner.companyId}/offers`, { offerId: challengeId, answer: 'accepted' });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe(`/en/companies/${owner.companyId}/training?offer=${challengeId}`);
    const training = await admin.get(String(accepted.headers.location));
    expect(training.statusCode).toBe(200);
    expect(training.body).toContain('Challenge from Bakers Federation: Spring challenge');
    expect(training.body).toContain('Every staff member finishes these lessons by');
    const challenge = training.body.slice(training.body.indexOf('data-testid="challenge"'));
    for (const id of ['passphrases', 'invoice-fraud']) expect(challenge).toContain(`<li>${loadContent().lessons.find((l) => l.id === id)!.i18n.en.title}</li>`);
    const events = await db().selectFrom('audit_events').select(['type', 'organisation_id', 'company_id']).where('type', '=', 'organisation.offer_accepted').execute();
    // One event, seen on both sides: the company's log and the organisation's.
    expect(events).toEqual([{ type: 'organisation.offer_accepted', organisation_id: orgId, company_id: owner.companyId }]);
    expect((await admin.get(`/en/companies/${owner.companyId}`)).body).not.toContain('New offers from your organisations');
  });

  it('the quiet company declines (audit logged), and its training page shows no challenge', async () => {
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}`)).body).toContain('New offers from your organisations: 1');
    await quiet.b.get(`/en/companies/${quiet.companyId}/organisations`);
    const res = await quiet.b.post(`/en/companies/${quiet.companyId}/offers`, { offerId: challengeId, answer: 'declined' });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toContain(`/en/companies/${quiet.companyId}/organisations?done=saved`);
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}/organisations`)).body).toContain('You are not taking part.');
    // A declined offer is answered: the home's line is gone.
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}`)).body).not.toContain('New offers from your organisations');
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}/training?offer=${challengeId}`)).body).not.toContain('Challenge from Bakers Federation');
    const events = await db().selectFrom('audit_events').select(['organisation_id', 'company_id']).where('type', '=', 'organisation.offer_declined').execute();
    expect(events).toEqual([{ organisation_id: orgId, company_id: quiet.companyId }]);
  });

  it('accepting a phishing exercise opens the new-campaign form with its fake mail and dates; a start outside the window is refused', async () => {
    await fed.get(`/en/orgs/${orgId}/offers`);
    const startsOn = addDays(today, 5);
    const endsOn = addDays(today, 25);
    expect((await fed.post(`/en/orgs/${orgId}/offers`, { kind: 'phishing_test', templateId: 'voicemail', startsOn, endsOn, title_en: 'Test your team', body_en: 'A safe fake mail.' })).statusCode).toBe(303);
    phishingId = (await offersIn()).find((o) => o.kind === 'phishing_test')!.id;
    await owner.b.get(`/en/companies/${owner.companyId}/organisations`);
    const accepted = await owner.b.post(`/en/companies/${owner.companyId}/offers`, { offerId: phishingId, answer: 'accepted' });
    expect(accepted.headers.location).toBe(`/en/companies/${owner.companyId}/phishing?offer=${phishingId}`);
    const form = await owner.b.get(String(accepted.headers.location));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Phishing exercise from Bakers Federation');
    expect(form.body).toMatch(/name="templateId" value="voicemail" checked/);
    expect(form.body).not.toMatch(/name="templateId" value="ceo-transfer" checked/);
    expect(form.body).toContain(`value="${startsOn}T09:00"`);
    expect(form.body).toContain(`name="offer" value="${phishingId}"`);
    // Without ?offer= the form is the normal one.
    expect((await owner.b.get(`/en/companies/${owner.companyId}/phishing`)).body).not.toContain('name="offer"');

    const base = { name: 'From the federation', templateId: 'voicemail', groups: '*', windowStart: '09:00', windowEnd: '17:00', weekdaysOnly: 'no', ratePerMinute: '20', offer: phishingId };
    const outside = await owner.b.post(`/en/companies/${owner.companyId}/phishing`, { ...base, startsAt: `${addDays(endsOn, 1)}T09:00` });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('the dates of the offer');
    expect(await db().selectFrom('phishing_campaigns').select('id').where('company_id', '=', owner.companyId).execute()).toEqual([]);

    // The normal rules still apply: with a verified domain and a staff list the campaign is planned and counted.
    const now = new Date().toISOString();
    await db()
      .insertInto('company_domains')
      .values({ id: randomUUID(), company_id: owner.companyId, domain: 'bakery.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null })
      .execute();
    await db().insertInto('people').values({ id: randomUUID(), company_id: owner.companyId, email: 'baker@bakery.test', display_name: null, language: 'en', group_name: '', pseudonym: 'P-BAKE', created_at: now }).execute();
    const planned = await owner.b.post(`/en/companies/${owner.companyId}/phishing`, { ...base, startsAt: `${startsOn}T09:00` });
    expect(planned.statusCode).toBe(303);
    const links = await db().selectFrom('organisation_offer_campaigns').select(['offer_id', 'company_id']).execute();
    expect(links).toEqual([{ offer_id: phishingId, company_id: owner.companyId }]);
  });

  it(`figures stay hidden under ${MIN_CELL_COMPANIES} companies and show at ${MIN_CELL_COMPANIES}, on the page and in the API`, async () => {
    const challenge = await db().selectFrom('organisation_offers').select(['lessons', 'ends_on']).where('id', '=', challengeId).executeTakeFirstOrThrow();
    const lessons = JSON.parse(challenge.lessons) as string[];
    // Each accepting company has two staff invited to the lessons; one finished both lessons, one only the first.
    const inviteStaff = async (companyId: string) => {
      const now = new Date().toISOString();
      for (const [i, done] of [lessons, lessons.slice(0, 1)].entries()) {
        const personId = randomUUID();
        const learnerId = randomUUID();
        await db().insertInto('people').values({ id: personId, company_id: companyId, email: `p${i}-${companyId}@x.test`, display_name: null, language: 'nl', group_name: '', pseudonym: `P-${i}${companyId.slice(0, 3)}`, created_at: now }).execute();
        await db().insertInto('training_learners').values({ id: learnerId, company_id: companyId, person_id: personId, token_hash: sha256(learnerId), unsubscribe_hash: sha256(`u${learnerId}`), invited_at: now, joined_at: now, revoked_at: null, unsubscribed_at: null }).execute();
        for (const lesson of done) await db().insertInto('training_progress').values({ learner_id: learnerId, lesson_id: lesson, started_at: now, completed_at: now, perfect: 0 }).execute();
      }
    };
    const acceptWithStaff = async (companyId: string) => {
      await db().insertInto('organisation_offer_responses').values({ offer_id: challengeId, company_id: companyId, answer: 'accepted', answered_by: null, answered_at: new Date().toISOString() }).execute();
      await inviteStaff(companyId);
    };
    // The bakery accepted already (no staff invited yet); 8 more counting companies accept, and one that does not count.
    const counting = await seedMembers(t.runtime, orgId, MIN_CELL_COMPANIES - 1, { prefix: 'Counting' });
    const [notCounting] = await seedMembers(t.runtime, orgId, 1, { prefix: 'Private', countsInFigures: false });
    for (const id of [...counting.slice(0, MIN_CELL_COMPANIES - 2), notCounting!]) await acceptWithStaff(id);

    let offers = await apiOffers();
    let offer = offers.find((o) => o.id === challengeId)!;
    expect(offer).toMatchObject({ kind: 'training_challenge', title: 'Spring challenge', accepted: null, outcome: null, endsOn: challenge.ends_on });
    let page = await fed.get(`/en/orgs/${orgId}/offers`);
    expect(page.body).toContain('Fewer than 10 companies that count accepted');
    expect(page.body).not.toMatch(/finished every lesson/);

    // The tenth counting company accepts: 10 accepted; 9 of them have staff invited, still under the threshold.
    await acceptWithStaff(counting[MIN_CELL_COMPANIES - 2]!);
    offer = (await apiOffers()).find((o) => o.id === challengeId)!;
    expect(offer.accepted).toBe(MIN_CELL_COMPANIES);
    expect(offer.outcome).toBeNull();

    // The bakery invites its staff too: 10 companies stand behind the outcome, 20 staff, 10 finished both lessons.
    await inviteStaff(owner.companyId);
    offers = await apiOffers();
    offer = offers.find((o) => o.id === challengeId)!;
    // The company that does not count in the figures is in neither number.
    expect(offer.accepted).toBe(MIN_CELL_COMPANIES);
    expect(offer.outcome).toEqual({ kind: 'training_challenge', companies: MIN_CELL_COMPANIES, invitedStaff: 2 * MIN_CELL_COMPANIES, finishedShare: 50 });
    page = await fed.get(`/en/orgs/${orgId}/offers`);
    expect(page.body).toContain('50% of the 20 invited staff members finished every lesson (10 companies)');
    // Never a company's name on the organisation's page.
    for (const name of ['Counting 1', 'Private 1', 'Boekhouding Peeters']) expect(page.body).not.toContain(name);
    // The phishing exercise: one company planned it and nothing was sent yet, so nothing is shown.
    expect(offers.find((o) => o.id === phishingId)).toMatchObject({ accepted: null, outcome: null });
  });

  it(`the phishing exercise's report and click rates show from ${MIN_CELL_COMPANIES} companies whose campaigns sent mail`, async () => {
    const counting = (await db().selectFrom('companies').select('id').where('name', 'like', 'Counting %').orderBy('name').execute()).map((r) => r.id);
    const [notCounting] = (await db().selectFrom('companies').select('id').where('name', '=', 'Private 1').execute()).map((r) => r.id);
    // Each company sends 4 fake mails from the offer: 2 reported, 1 clicked.
    const runCampaign = async (companyId: string) => {
      const now = new Date().toISOString();
      const campaignId = randomUUID();
      await db().insertInto('organisation_offer_responses').values({ offer_id: phishingId, company_id: companyId, answer: 'accepted', answered_by: null, answered_at: now }).execute();
      await db()
        .insertInto('phishing_campaigns')
        .values({ id: campaignId, company_id: companyId, name: 'Offer', template_id: 'voicemail', domain: 'x.test', starts_at: now, window_start: '09:00', window_end: '17:00', weekdays_only: 0, rate_per_minute: 20, status: 'sent', created_by: 'seed', created_at: now, sent_at: now, purge_after: now, purged_at: null })
        .execute();
      await db().insertInto('organisation_offer_campaigns').values({ campaign_id: campaignId, offer_id: phishingId, company_id: companyId, created_at: now }).execute();
      for (let i = 0; i < 4; i++) {
        await db()
          .insertInto('phishing_recipients')
          .values({ id: randomUUID(), campaign_id: campaignId, person_id: null, group_name: '', language: 'nl', token_hash: sha256(randomUUID()), send_state: 'sent', claimed_by: null, claimed_at: null, message_id: null, sent_at: now, opened_at: null, clicked_at: i === 0 ? now : null, submitted_at: null, reported_at: i >= 2 ? now : null })
          .execute();
      }
    };
    for (const id of [...counting.slice(0, MIN_CELL_COMPANIES - 1), notCounting!]) await runCampaign(id);
    let offer = (await apiOffers()).find((o) => o.id === phishingId)!;
    expect(offer).toMatchObject({ accepted: MIN_CELL_COMPANIES, outcome: null });
    // The bakery's own campaign (planned from the offer above) sends its one mail, which is reported: the tenth company.
    await db().updateTable('phishing_recipients').set({ sent_at: new Date().toISOString(), send_state: 'sent', reported_at: new Date().toISOString() }).where('campaign_id', 'in', db().selectFrom('phishing_campaigns').select('id').where('company_id', '=', owner.companyId)).execute();
    offer = (await apiOffers()).find((o) => o.id === phishingId)!;
    // 37 mails: 9 × 4 + 1; reported 9 × 2 + 1 = 19 (51%), clicked 9 (24%).
    expect(offer.outcome).toEqual({ kind: 'phishing_test', companies: MIN_CELL_COMPANIES, sent: 37, reportRate: 51, clickRate: 24 });
    const page = await fed.get(`/en/orgs/${orgId}/offers`);
    expect(page.body).toContain('Over 37 fake mails in 10 companies');
    expect(page.body).toContain('<svg class="bar-chart"');
    expect(page.body).toContain('51% of 37 fake mails');
  });

  it('a withdrawn offer disappears for members and can no longer be accepted', async () => {
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}`)).body).toContain('New offers from your organisations: 1');
    await fed.get(`/en/orgs/${orgId}/offers`);
    expect((await fed.post(`/en/orgs/${orgId}/offers/withdraw`, { id: phishingId })).statusCode).toBe(303);
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}`)).body).not.toContain('New offers from your organisations');
    expect((await quiet.b.get(`/en/companies/${quiet.companyId}/organisations`)).body).not.toContain('Test your team');
    const late = await quiet.b.post(`/en/companies/${quiet.companyId}/offers`, { offerId: phishingId, answer: 'accepted' });
    expect(late.statusCode).toBe(400);
    expect(await db().selectFrom('audit_events').select('type').where('type', '=', 'organisation.offer_withdrawn').execute()).toHaveLength(1);
  });

  it('at most 5 offers per organisation per day, like announcements (OWASP ASVS 4.0.3 §11.1.4); the sixth stores nothing', async () => {
    await fed.get(`/en/orgs/${orgId}/offers`);
    const form = { kind: 'training_challenge', lessons: 'backups', endsOn: addDays(today, 10), title_en: 'Backups', body_en: 'One lesson.' };
    // Two offers were made above; three more pass.
    for (let i = 0; i < 3; i++) expect((await fed.post(`/en/orgs/${orgId}/offers`, form)).statusCode).toBe(303);
    const refused = await fed.post(`/en/orgs/${orgId}/offers`, form);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Try again tomorrow');
    expect(await offersIn()).toHaveLength(5);
  });
});
