/**
 * Testimonies end to end through the real app on SQLite and PostgreSQL (issue 12, docs/testimonies.md): publication
 * needs explicit consent (GDPR Art. 4(11), 7), identifying text is refused and nothing is stored (GDPR Art. 4(1),
 * recital 26), only reviewed, published stories show, beside articles on the same threat only, a withdrawal takes a
 * story off every page at the next request (GDPR Art. 7(3)), a rejection's note reaches the owners, and each step is
 * audit-logged. Only the owner may share (members and admins get 403, outsiders 404); review pages are for platform
 * administrators only (others get 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/adapters/content.ts';
import { createIncident } from '../../src/app/incidents.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, mailTo, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';
import { incidentFacts } from '../support/incident-facts.ts';

const STORY = 'A supplier mailed us a new account number. We paid a large invoice into it, and two weeks later the real supplier asked where the money was.';
const LESSON = 'We now call a supplier on a number we already know before changing any account number.';
const EDITED = 'A supplier seemed to mail us a new account number. We paid into it; weeks later the real supplier asked for the money.';

describe.each(DIALECTS)('testimonies on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let member: Browser;
  let admin: Browser;
  let outsider: Browser;
  let platform: Browser;
  let companyId: string;
  let incidentId: string;
  const db = () => t.runtime.deps.db;
  const url = (lang = 'en') => `/${lang}/companies/${companyId}/incidents/${incidentId}/testimony`;
  const rows = () => db().selectFrom('testimonies').selectAll().orderBy('consent_at').execute();
  const auditTypes = async () => (await db().selectFrom('audit_events').select('type').where('company_id', '=', companyId).execute()).map((e) => e.type);
  const articles = loadContent().articles;
  const matching = articles.find((a) => a.threats.includes('invoice_fraud'))!;
  const unrelated = articles.find((a) => !a.threats.includes('invoice_fraud'))!;
  const good = { story: STORY, lesson: LESSON, threats: 'invoice_fraud', lang: 'en', consent: 'yes' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t));
    member = await inviteAndJoin(t, owner, companyId, 'member@example.be', 'member');
    admin = await inviteAndJoin(t, owner, companyId, 'admin@example.be', 'admin');
    outsider = new Browser(t.app, '198.51.100.30');
    await signUpAndVerify(t, outsider, 'outsider@example.be');
    await logIn(outsider, 'outsider@example.be');
    platform = new Browser(t.app, '198.51.100.31');
    await signUpAndVerify(t, platform, 'platform@schild.test');
    await db().updateTable('users').set({ is_admin: 1 }).where('email', '=', 'platform@schild.test').execute();
    await logIn(platform, 'platform@schild.test');
    // Someone on the staff list: their name must not appear in a story either.
    await db()
      .insertInto('people')
      .values({ id: '22222222-2222-4222-8222-222222222222', company_id: companyId, email: 'sofie@example.test', display_name: 'Sofie Claes', language: 'nl', group_name: '', pseudonym: 'P-AAAA', created_at: new Date().toISOString() })
      .execute();
    incidentId = (
      await createIncident(t.runtime.deps, {
        facts: incidentFacts({ category: 'invoice_fraud', moneyLost: true }),
        lang: 'en',
        companyId,
        user: null,
      })
    ).id;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('the owner gets the form: threats ticked from the incident category, the consent box unticked, the exact words shown', async () => {
    const page = await owner.get(url());
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/name="threats" value="invoice_fraud" checked/);
    expect(page.body).not.toMatch(/name="threats" value="ransomware" checked/);
    expect(page.body).toMatch(/name="consent" value="yes"\s*\/?>/);
    expect(page.body).not.toMatch(/name="consent" value="yes" checked/);
    expect(page.body).toContain('Never your company’s name, your domain');
    // The heading the story will carry: the NACE section of 69.2 and the size band of 4 staff.
    expect(page.body).toContain('(1 to 9 staff)');
    const incident = await owner.get(`/en/companies/${companyId}/incidents/${incidentId}`);
    expect(incident.body).toContain('Share your story to warn others');
    expect(incident.body).toContain(url());
  });

  it('only the owner may share: members and admins get 403, outsiders 404', async () => {
    for (const b of [member, admin]) {
      expect((await b.get(url())).statusCode).toBe(403);
      expect((await b.post(url(), good)).statusCode).toBe(403);
      expect((await b.post(`${url()}/withdraw`, {})).statusCode).toBe(403);
    }
    expect((await outsider.get(url())).statusCode).toBe(404);
    expect((await outsider.post(url(), good)).statusCode).toBe(404);
    // The incident page shows the link to owners only.
    expect((await member.get(`/en/companies/${companyId}/incidents/${incidentId}`)).body).not.toContain('/testimony');
    expect(await rows()).toEqual([]);
  });

  it('without the consent tick: a translated message, nothing stored (GDPR Art. 4(11): consent is an affirmative act)', async () => {
    await owner.get(url('fr'));
    const res = await owner.post(url('fr'), { ...good, consent: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Sans votre accord, nous n’enregistrons rien.');
    const res2 = await owner.post(url(), { story: STORY, lesson: LESSON, threats: 'invoice_fraud' });
    expect(res2.statusCode).toBe(422);
    expect(await rows()).toEqual([]);
  });

  it('identifying text is refused with the kind and where it was found, in the user’s language; nothing stored', async () => {
    const res = await owner.post(url('fr'), {
      ...good,
      story: `${STORY} Sofie a appelé le 0470 12 34 56 et écrit à compta@peeters.be.`,
      lesson: 'Chez Boekhouding Peeters, on vérifie maintenant chaque changement de compte.',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Dans «\u00a0Ce qui s’est passé\u00a0»\u00a0: le nom d’une personne de votre entreprise, à savoir «\u00a0Sofie\u00a0»');
    expect(res.body).toContain('un numéro de téléphone, à savoir «\u00a00470 12 34 56\u00a0»');
    expect(res.body).toContain('une adresse e-mail, à savoir «\u00a0compta@peeters.be\u00a0»');
    expect(res.body).toContain('Dans «\u00a0Ce que nous en avons appris\u00a0»\u00a0: le nom de votre entreprise, à savoir «\u00a0Boekhouding Peeters\u00a0»');
    // The text stays in the form so the owner can fix it.
    expect(res.body).toContain('compta@peeters.be.</textarea>');
    expect(await rows()).toEqual([]);
  });

  it('bad input (repeated fields, unknown threat, mark-up, too short) gets a message, never a 500, and stores nothing', async () => {
    for (const form of [
      { ...good, story: [STORY, STORY] },
      { ...good, threats: 'meteor_strike' },
      { ...good, threats: '' },
      { ...good, story: `${STORY} <script>alert(1)</script>` },
      { ...good, lesson: 'Too short.' },
      { ...good, lang: 'xx' },
    ]) {
      const res = await owner.post(url(), form);
      expect(res.statusCode, JSON.stringify(form)).toBe(422);
      expect(res.body).toContain('There is a problem');
    }
    expect(await rows()).toEqual([]);
  });

  // NACE-BEL 2025 (NACE Rev. 2.1) puts division 69 (legal and accounting activities) in section N.
  it('a valid story is stored pending with the consent, sector and size band; it shows nowhere public yet', async () => {
    const res = await owner.post(url(), good);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url()}?done=shared`);
    const [row] = await rows();
    const ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
    expect(row).toMatchObject({ status: 'pending', consent_by: ownerId, sector_section: 'N', size_band: '1-9', lang: 'en', story: STORY, lesson: LESSON, published_story: null });
    expect(JSON.parse(row!.threats)).toEqual(['invoice_fraud']);
    expect(row!.consent_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await auditTypes()).toContain('testimony.consented');
    // A second story for the same incident while one is in play is refused.
    expect((await owner.post(url(), good)).statusCode).toBe(409);
    expect((await rows()).length).toBe(1);
    const status = await owner.get(url());
    expect(status.body).toContain('Waiting for review');
    expect((await new Browser(t.app).get(`/en/articles/${matching.slug}`)).body).not.toContain('A supplier mailed us');
    expect((await new Browser(t.app).get('/en/testimonies')).body).not.toContain('A supplier mailed us');
  });

  it('review pages answer "not found" to everyone but platform administrators', async () => {
    const id = (await rows())[0]!.id;
    for (const b of [owner, admin, outsider]) {
      expect((await b.get('/en/admin/testimonies')).statusCode).toBe(404);
      expect((await b.get(`/en/admin/testimonies/${id}`)).statusCode).toBe(404);
      expect((await b.post(`/en/admin/testimonies/${id}/publish`, { story: STORY, lesson: LESSON })).statusCode).toBe(404);
    }
    expect((await rows())[0]!.status).toBe('pending');
    const list = await platform.get('/en/admin/testimonies');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/en/admin/testimonies/${id}`);
    expect((await platform.get('/en/admin/testimonies/not-an-id')).statusCode).toBe(400);
    expect((await platform.get('/en/admin/testimonies/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('publishing re-checks the edited text; the published edit shows beside the matching article only, labelled by language', async () => {
    const id = (await rows())[0]!.id;
    const page = await platform.get(`/en/admin/testimonies/${id}`);
    expect(page.body).toContain(STORY);
    const refused = await platform.post(`/en/admin/testimonies/${id}/publish`, { story: `${EDITED} See www.peeters.be.`, lesson: LESSON });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('a web address, namely “www.peeters.be”');
    expect((await rows())[0]!.status).toBe('pending');
    const res = await platform.post(`/en/admin/testimonies/${id}/publish`, { story: EDITED, lesson: LESSON });
    expect(res.statusCode).toBe(303);
    expect((await rows())[0]).toMatchObject({ status: 'published', published_story: EDITED, published_lesson: LESSON });
    expect(await auditTypes()).toContain('testimony.published');
    expect(await mailTo(t, 'owner@example.be', 'Your story is on Schild')).toContain(url());

    const anon = new Browser(t.app);
    const article = await anon.get(`/en/articles/${matching.slug}`);
    expect(article.body).toContain(EDITED);
    expect(article.body).not.toContain(STORY);
    expect(article.body).not.toContain('Boekhouding Peeters');
    expect(article.body).toContain('What happened to a business in “');
    expect(article.body).not.toContain('Written in English');
    expect((await anon.get(`/en/articles/${unrelated.slug}`)).body).not.toContain(EDITED);
    const nl = await anon.get(`/nl/articles/${matching.slug}`);
    expect(nl.body).toContain('Geschreven in het Engels');
    expect(nl.body).toContain('lang="en"');
    expect((await anon.get('/en/testimonies?threat=invoice_fraud')).body).toContain(EDITED);
    expect((await anon.get('/en/testimonies?threat=ransomware')).body).not.toContain(EDITED);
    const bad = await anon.get('/en/testimonies?threat=%3Cscript%3E');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('We do not know this risk.');
    expect((await owner.get(`/en/companies/${companyId}/incidents/${incidentId}`)).body).toContain('Published');

    // The JSON list: the contract's fields only, the reviewed text, filtered by threat and by written language.
    const json = await t.app.inject({ method: 'GET', url: '/api/v1/testimonies?threat=invoice_fraud' });
    expect(json.statusCode).toBe(200);
    const body = json.json() as { testimonies: Record<string, unknown>[] };
    expect(body.testimonies).toHaveLength(1);
    expect(Object.keys(body.testimonies[0]!).sort()).toEqual(['id', 'lang', 'lesson', 'publishedAt', 'sector', 'sizeBand', 'story', 'threats']);
    expect(body.testimonies[0]).toMatchObject({ id, threats: ['invoice_fraud'], lang: 'en', story: EDITED, lesson: LESSON, sector: 'N', sizeBand: '1-9' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/testimonies?lang=nl' })).json()).toEqual({ testimonies: [] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/testimonies?threat=ransomware' })).json()).toEqual({ testimonies: [] });
    const badQuery = await t.app.inject({ method: 'GET', url: '/api/v1/testimonies?threat=meteor&lang=xx' });
    expect(badQuery.statusCode).toBe(422);
    expect((badQuery.json() as { error: { code: string; issues: { path: string }[] } }).error.issues.map((i) => i.path)).toEqual(['querystring.lang', 'querystring.threat']);
  });

  it('withdrawal takes the story off every public page at the next request', async () => {
    await owner.get(url());
    const res = await owner.post(`${url()}/withdraw`, {});
    expect(res.statusCode).toBe(303);
    // Consent was the only ground for keeping the text: it is erased (GDPR Art. 17(1)(b)).
    expect((await rows())[0]).toMatchObject({ status: 'withdrawn', story: '', lesson: '', published_story: null, published_lesson: null });
    expect((await rows())[0]!.withdrawn_at).not.toBeNull();
    const anon = new Browser(t.app);
    expect((await anon.get(`/en/articles/${matching.slug}`)).body).not.toContain(EDITED);
    expect((await anon.get('/en/testimonies')).body).not.toContain(EDITED);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/testimonies' })).json()).toEqual({ testimonies: [] });
    expect(await auditTypes()).toContain('testimony.withdrawn');
    // Nothing left to withdraw: a message, nothing changes.
    expect((await owner.post(`${url()}/withdraw`, {})).statusCode).toBe(409);
    // The administrator can no longer publish it.
    const id = (await rows())[0]!.id;
    expect((await platform.post(`/en/admin/testimonies/${id}/publish`, { story: EDITED, lesson: LESSON })).statusCode).toBe(409);
    expect((await rows())[0]!.status).toBe('withdrawn');
  });

  it('a new version can be shared; rejection needs a note, which reaches the owner by mail and on the page', async () => {
    await owner.get(url());
    const page = await owner.get(url());
    expect(page.body).toContain('Withdrawn');
    expect((await owner.post(url(), good)).statusCode).toBe(303);
    const id = (await rows())[1]!.id;
    expect((await platform.post(`/en/admin/testimonies/${id}/reject`, { note: '  ' })).statusCode).toBe(422);
    expect((await rows())[1]!.status).toBe('pending');
    const res = await platform.post(`/en/admin/testimonies/${id}/reject`, { note: 'Please leave out the amount and the dates.' });
    expect(res.statusCode).toBe(303);
    expect((await rows())[1]).toMatchObject({ status: 'rejected', review_note: 'Please leave out the amount and the dates.' });
    expect(await mailTo(t, 'owner@example.be', 'Your story was not published')).toContain('Please leave out the amount and the dates.');
    expect((await owner.get(url())).body).toContain('Please leave out the amount and the dates.');
    expect(await auditTypes()).toContain('testimony.rejected');
    const log = await owner.get(`/en/companies/${companyId}/audit`);
    expect(log.body).toContain('A Schild administrator did not publish the story of an incident');
    expect(log.body).toContain('consented to publishing the story of an incident');
  });
});
