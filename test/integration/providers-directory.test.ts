/**
 * IT provider profiles, certification claims and the public directory (issue 12) through the real app on both
 * dialects. What is shown as verified matters most: only a claim a platform administrator verified AND whose end
 * date has not passed may say "checked by Schild" (issue 12: "the directory shows only verified claims as verified").
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears, brusselsDate, MAX_OPEN_CLAIMS } from '../../src/core/providers/certifications.ts';
import { PROVIDER_TRACK_LESSON_IDS } from '../../src/core/providers/track.ts';
import { insertOrganisation, insertStaff } from '../../src/db/repositories/organisation.repository.ts';
import { saveProfile } from '../../src/db/repositories/provider-directory.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, mailTo, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';

const GOOD_PROFILE = {
  description_en: 'We look after the computers of bakeries and shops in Ghent.',
  description_nl: '',
  description_fr: '',
  description_de: '',
  services: ['managed_it', 'backups'],
  sectors: ['G', 'I'],
  regions: ['flanders', 'brussels'],
  languages: ['nl', 'en'],
  website: 'https://example-provider.test',
  email: 'hello@example-provider.test',
  phone: '+32 9 123 45 67',
  listed: 'yes',
};

describe.each(DIALECTS)('IT provider directory on %s', (dialect) => {
  let t: TestApp;
  let provider: Browser;
  let admin: Browser;
  let orgId: string;
  let ownerUserId: string;
  const db = () => t.runtime.deps.db;
  const today = () => brusselsDate(new Date());

  beforeAll(async () => {
    t = await createTestApp(dialect);
    provider = new Browser(t.app, '198.51.100.20');
    await signUpAndVerify(t, provider, 'owner@provider.test');
    await logIn(provider, 'owner@provider.test');
    ownerUserId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@provider.test').executeTakeFirstOrThrow()).id;
    admin = new Browser(t.app, '198.51.100.21');
    await signUpAndVerify(t, admin, 'admin@schild.test');
    await db().updateTable('users').set({ is_admin: 1 }).where('email', '=', 'admin@schild.test').execute();
    await logIn(admin, 'admin@schild.test');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('registering an it_provider organisation leads straight to setting up its directory profile', async () => {
    await provider.get('/en/orgs/new');
    const res = await provider.post('/en/orgs', { name: 'Ghent IT Care', kind: 'it_provider', sectors: '' });
    expect(res.statusCode).toBe(303);
    const m = /^\/en\/orgs\/([0-9a-f-]{36})\/profile\?welcome=1$/.exec(String(res.headers.location));
    expect(m).not.toBeNull();
    orgId = m![1]!;
    const page = await provider.get(String(res.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Now set up your profile');
    expect(page.body).toContain('Directory profile');
  });

  it('bad profile input gets a message per field and saves nothing (http website, no description, unknown service, bad URL)', async () => {
    const post = (over: Record<string, string | string[]>) => provider.post(`/en/orgs/${orgId}/profile`, { ...GOOD_PROFILE, ...over });
    const http = await post({ website: 'http://example-provider.test' });
    expect(http.statusCode).toBe(400);
    expect(http.body).toContain('Give a full address starting with https://');
    const notUrl = await post({ website: 'https://' });
    expect(notUrl.statusCode).toBe(400);
    const noText = await post({ description_en: '   ' });
    expect(noText.statusCode).toBe(400);
    expect(noText.body).toContain('Describe what you do in at least one language.');
    const unknown = await post({ services: ['managed_it', 'crypto_mining'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Choose only from the list.');
    const markup = await post({ description_en: 'We are <script>great</script>' });
    expect(markup.statusCode).toBe(400);
    expect(markup.body).toContain('without HTML tags');
    const badRegion = await post({ regions: ['other'] });
    expect(badRegion.statusCode).toBe(400);
    const french = await provider.post(`/fr/orgs/${orgId}/profile`, { ...GOOD_PROFILE, website: 'ftp://x.test' });
    expect(french.statusCode).toBe(400);
    expect(french.body).toContain('Indiquez une adresse complète qui commence par https://');
    expect(await db().selectFrom('provider_profiles').selectAll().execute()).toEqual([]);
  });

  it('an organisation that is not an IT provider has no profile page (404), even for its owner', async () => {
    await provider.get('/en/orgs/new');
    const res = await provider.post('/en/orgs', { name: 'Bakers Federation', kind: 'federation', sectors: 'C' });
    const fedId = /\/orgs\/([0-9a-f-]{36})$/.exec(String(res.headers.location))![1]!;
    expect((await provider.get(`/en/orgs/${fedId}/profile`)).statusCode).toBe(404);
    expect((await provider.post(`/en/orgs/${fedId}/profile`, GOOD_PROFILE)).statusCode).toBe(404);
    expect((await provider.post(`/en/orgs/${fedId}/profile/certifications`, {})).statusCode).toBe(404);
    expect(await db().selectFrom('provider_profiles').selectAll().where('organisation_id', '=', fedId).execute()).toEqual([]);
  });

  it('a valid profile is saved, listed and audit-logged', async () => {
    const res = await provider.post(`/en/orgs/${orgId}/profile`, GOOD_PROFILE);
    expect(res.statusCode).toBe(303);
    const row = await db().selectFrom('provider_profiles').selectAll().where('organisation_id', '=', orgId).executeTakeFirstOrThrow();
    expect(JSON.parse(row.services)).toEqual(['managed_it', 'backups']);
    expect(JSON.parse(row.description)).toEqual({ en: GOOD_PROFILE.description_en });
    expect(row.listed_at).not.toBeNull();
    const events = await db().selectFrom('audit_events').select('type').where('organisation_id', '=', orgId).execute();
    expect(events.map((e) => e.type)).toContain('provider.profile_updated');
    const page = await provider.get(`/en/orgs/${orgId}/profile?done=saved`);
    expect(page.body).toContain('Your profile has been saved.');
  });

  it('a claim with a past date or an http evidence link is refused; nothing is stored', async () => {
    const bad = await provider.post(`/en/orgs/${orgId}/profile/certifications`, {
      kind: 'cyfun_basic',
      reference: 'CYF-1',
      issuer: 'Some CAB',
      evidenceUrl: 'http://register.test/cyf-1',
      validUntil: '2020-01-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('This date has passed');
    expect(bad.body).toContain('Give a full address starting with https://');
    const tooFar = await provider.post(`/en/orgs/${orgId}/profile/certifications`, {
      kind: 'iso27001',
      reference: 'ISO-1',
      issuer: 'Cert Body',
      evidenceUrl: 'https://register.test/iso-1',
      validUntil: addYears(today(), 6),
    });
    expect(tooFar.statusCode).toBe(400);
    expect(tooFar.body).toContain('At most 5 years ahead.');
    const notADate = await provider.post(`/en/orgs/${orgId}/profile/certifications`, { kind: 'other', reference: 'X', issuer: 'Y', evidenceUrl: 'https://x.test', validUntil: '2027-02-30' });
    expect(notADate.statusCode).toBe(400);
    expect(notADate.body).toContain('Give the name of the certification or label.');
    expect(notADate.body).toContain('Give a date as YYYY-MM-DD');
    expect(await db().selectFrom('provider_certifications').selectAll().execute()).toEqual([]);
  });

  const declare = async (kind: string, reference: string) => {
    const res = await provider.post(`/en/orgs/${orgId}/profile/certifications`, {
      kind,
      reference,
      issuer: `Issuer of ${reference}`,
      evidenceUrl: `https://register.test/${reference}`,
      validUntil: addYears(today(), 2),
    });
    expect(res.statusCode).toBe(303);
    return (await db().selectFrom('provider_certifications').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  };

  it('a platform admin verifies one claim and rejects another with a note the provider sees, by mail too; all audit-logged', async () => {
    const verifyId = await declare('cyfun_basic', 'CYF-2026-001');
    const rejectId = await declare('iso27001', 'ISO-2026-XYZ');
    // The provider is not an admin: the admin page does not exist for it.
    expect((await provider.get('/en/admin/certifications')).statusCode).toBe(404);
    const list = await admin.get('/en/admin/certifications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Ghent IT Care');
    expect(list.body).toContain('https://register.test/CYF-2026-001');
    // A rejection needs a note; a bad decision changes nothing.
    expect((await admin.post('/en/admin/certifications/review', { id: rejectId, decision: 'rejected', note: '' })).statusCode).toBe(400);
    expect((await admin.post('/en/admin/certifications/review', { id: rejectId, decision: 'maybe' })).statusCode).toBe(400);
    expect((await db().selectFrom('provider_certifications').select('status').where('id', '=', rejectId).executeTakeFirstOrThrow()).status).toBe('pending');
    expect((await admin.post('/en/admin/certifications/review', { id: verifyId, decision: 'verified' })).statusCode).toBe(303);
    const note = 'The register shows another company under this number.';
    expect((await admin.post('/en/admin/certifications/review', { id: rejectId, decision: 'rejected', note })).statusCode).toBe(303);
    // Deciding twice is refused (the claim is no longer pending).
    expect((await admin.post('/en/admin/certifications/review', { id: verifyId, decision: 'rejected', note: 'x' })).statusCode).toBe(409);
    const page = await provider.get(`/en/orgs/${orgId}/profile`);
    expect(page.body).toContain(`Note from Schild: ${note}`);
    expect(await mailTo(t, 'owner@provider.test', 'has checked your certification')).toContain('CYF-2026-001');
    expect(await mailTo(t, 'owner@provider.test', 'could not verify')).toContain(note);
    const events = await db().selectFrom('audit_events').select(['type', 'user_id']).where('organisation_id', '=', orgId).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['provider.certification_declared', 'provider.certification_verified', 'provider.certification_rejected']));
    // The organisation's owners read these in its log, with who did what.
    const log = await provider.get(`/en/orgs/${orgId}/staff`);
    expect(log.body).toContain('owner@provider.test declared a certification');
    expect(log.body).toContain('admin@schild.test (Schild) rejected a certification');
  });

  it('only a verified, unexpired claim shows as verified: a pending and an expired one say "not checked", a rejected one is not shown', async () => {
    await declare('keep_it_secure', 'KIS-PENDING');
    // A claim verified earlier whose end date has since passed.
    await db()
      .insertInto('provider_certifications')
      .values({
        id: randomUUID(),
        organisation_id: orgId,
        kind: 'cyfun_important',
        label: null,
        reference: 'CYF-OLD',
        issuer: 'Old CAB',
        evidence_url: 'https://register.test/old',
        valid_until: '2024-01-01',
        status: 'verified',
        declared_by: ownerUserId,
        declared_at: '2023-01-01T00:00:00.000Z',
        reviewed_by: null,
        reviewed_at: '2023-01-02T00:00:00.000Z',
        review_note: null,
      })
      .execute();
    const page = await new Browser(t.app).get(`/en/providers/${orgId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CyFun Basic: checked by Schild, issued by Issuer of CYF-2026-001');
    expect(page.body).toContain('Keep It Secure (Wallonia): declared by the provider, not checked');
    expect(page.body).toContain('CyFun Important: declared by the provider, not checked');
    expect(page.body).not.toContain('CyFun Important: checked by Schild');
    expect(page.body).not.toContain('ISO/IEC 27001'); // rejected
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/providers?lang=en' });
    expect(api.statusCode).toBe(200);
    const mine = (api.json() as { providers: { id: string; certifications: { kind: string; verified: boolean }[]; url: string }[] }).providers.find((p) => p.id === orgId)!;
    expect(mine.url).toBe(`/en/providers/${orgId}`);
    expect(mine.certifications.filter((c) => c.verified).map((c) => c.kind)).toEqual(['cyfun_basic']);
    expect(mine.certifications.map((c) => c.kind).sort()).toEqual(['cyfun_basic', 'cyfun_important', 'keep_it_secure']);
  });

  it('withdrawing a claim takes it off the directory at once (audit-logged); withdrawing again is refused', async () => {
    const id = await declare('kmo_portefeuille', 'DV.A000001');
    expect((await new Browser(t.app).get(`/en/providers/${orgId}`)).body).toContain('Registered kmo-portefeuille provider');
    expect((await provider.post(`/en/orgs/${orgId}/profile/certifications/withdraw`, { id })).statusCode).toBe(303);
    expect((await new Browser(t.app).get(`/en/providers/${orgId}`)).body).not.toContain('Registered kmo-portefeuille provider');
    expect((await provider.post(`/en/orgs/${orgId}/profile/certifications/withdraw`, { id })).statusCode).toBe(400);
    const events = await db().selectFrom('audit_events').select('type').where('organisation_id', '=', orgId).where('type', '=', 'provider.certification_withdrawn').execute();
    expect(events).toHaveLength(1);
  });

  it(`an organisation holds at most ${MAX_OPEN_CLAIMS} open claims, so the review queue cannot be flooded (OWASP ASVS 4.0.3 §11.1.4)`, async () => {
    const open = async () =>
      Number((await db().selectFrom('provider_certifications').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', orgId).where('status', 'in', ['pending', 'verified']).executeTakeFirstOrThrow()).n);
    for (let i = await open(); i < MAX_OPEN_CLAIMS; i++) {
      const res = await provider.post(`/en/orgs/${orgId}/profile/certifications`, { kind: 'other', label: 'Label', reference: `FILL-${i}`, issuer: 'y', evidenceUrl: 'https://x.test', validUntil: addYears(today(), 1) });
      expect(res.statusCode).toBe(303);
    }
    expect(await open()).toBe(MAX_OPEN_CLAIMS);
    const refused = await provider.post(`/en/orgs/${orgId}/profile/certifications`, { kind: 'other', label: 'L', reference: 'ONE-TOO-MANY', issuer: 'y', evidenceUrl: 'https://x.test', validUntil: addYears(today(), 1) });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(`You already have ${MAX_OPEN_CLAIMS} open certifications`);
    expect(await open()).toBe(MAX_OPEN_CLAIMS);
    // Back to the earlier state for the next tests: the fillers are withdrawn.
    await db().updateTable('provider_certifications').set({ status: 'withdrawn' }).where('organisation_id', '=', orgId).where('reference', 'like', 'FILL-%').execute();
  });

  /** Seeds a listed provider directly (the profile form is tested above). */
  async function seedProvider(name: string, profile: { regions: string[]; languages: string[]; sectors: string[]; services: string[] }, listed = true, kind: 'it_provider' | 'bank' = 'it_provider') {
    const id = randomUUID();
    const now = new Date().toISOString();
    await insertOrganisation(db(), { id, name, kind, sectors: [], createdBy: ownerUserId, now });
    await saveProfile(
      db(),
      id,
      {
        description: { fr: `${name} aide les PME.` },
        services: profile.services as never,
        sectors: profile.sectors as never,
        regions: profile.regions as never,
        languages: profile.languages as never,
        website: null,
        email: `info@${id.slice(0, 8)}.test`,
        phone: null,
        listed,
      },
      ownerUserId,
      now,
    );
    return id;
  }

  it('filters combine (region, language, sector, service); unlisted providers and other kinds never show; bad values are refused', async () => {
    const liege = await seedProvider('Aardvark Liège Informatique', { regions: ['wallonia'], languages: ['fr', 'de'], sectors: ['C'], services: ['website_hosting', 'backups'] });
    const hidden = await seedProvider('Hidden Provider', { regions: ['wallonia'], languages: ['fr'], sectors: ['C'], services: ['backups'] }, false);
    const bank = await seedProvider('A Bank', { regions: ['wallonia'], languages: ['fr'], sectors: ['C'], services: ['backups'] }, true, 'bank');
    const ids = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/providers${query}` });
      expect(res.statusCode).toBe(200);
      return (res.json() as { providers: { id: string }[] }).providers.map((p) => p.id);
    };
    // Verified claims first: Ghent (verified CyFun Basic) before Aardvark, although A sorts first by name.
    expect(await ids('')).toEqual([orgId, liege]);
    expect(await ids('?region=wallonia')).toEqual([liege]);
    expect(await ids('?region=flanders')).toEqual([orgId]);
    expect(await ids('?language=de')).toEqual([liege]);
    expect(await ids('?region=wallonia&language=nl')).toEqual([]);
    expect(await ids('?sector=G&service=managed_it')).toEqual([orgId]);
    expect(await ids('?sector=C&service=managed_it')).toEqual([]);
    expect(await ids('?service=backups&language=fr&region=wallonia&sector=C')).toEqual([liege]);
    expect(await ids('?region=')).toEqual([orgId, liege]); // empty = any, as the form sends it
    for (const query of ['?region=mars', '?language=es', '?sector=ZZ', '?service=mining', '?region=wallonia&region=flanders', '?lang=xx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/providers${query}` });
      expect(res.statusCode, query).toBe(422);
      expect((res.json() as { error: { code: string } }).error.code).toBe('invalid_filter');
    }
    const anon = new Browser(t.app);
    const page = await anon.get('/en/providers?region=wallonia');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aardvark Liège Informatique');
    expect(page.body).not.toContain('Ghent IT Care');
    expect(page.body).not.toContain('Hidden Provider');
    expect(page.body).not.toContain('A Bank');
    const bad = await anon.get('/nl/providers?region=mars');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Kies een regio uit de lijst.');
    expect((await anon.get('/en/providers?page=9')).statusCode).toBe(400);
    expect((await anon.get(`/en/providers/${hidden}`)).statusCode).toBe(404);
    expect((await anon.get(`/en/providers/${bank}`)).statusCode).toBe(404);
    expect((await anon.get('/en/providers/not-a-uuid')).statusCode).toBe(404);
  });

  it('shows "organisation checked by Schild" once a platform admin verified the organisation itself', async () => {
    const before = await new Browser(t.app).get(`/en/providers/${orgId}`);
    expect(before.body).toContain('Organisation not checked yet');
    expect((await admin.post('/en/admin/organisations/verify', { id: orgId })).statusCode).toBe(303);
    const after = await new Browser(t.app).get(`/en/providers/${orgId}`);
    expect(after.body).toContain('Organisation checked by Schild');
  });

  it('shows the track as completed only when one current staff member passed every lesson', async () => {
    const colleague = new Browser(t.app, '198.51.100.22');
    await signUpAndVerify(t, colleague, 'tech@provider.test');
    const colleagueId = (await db().selectFrom('users').select('id').where('email', '=', 'tech@provider.test').executeTakeFirstOrThrow()).id;
    await insertStaff(db(), orgId, colleagueId, 'org_viewer', new Date().toISOString());
    const pass = (userId: string, lessonId: string) =>
      db().insertInto('provider_track_progress').values({ organisation_id: orgId, user_id: userId, lesson_id: lessonId, score: 100, passed_at: new Date().toISOString() }).execute();
    const [last, ...rest] = [...PROVIDER_TRACK_LESSON_IDS].reverse();
    for (const l of rest) await pass(ownerUserId, l);
    await pass(colleagueId, last!);
    const completed = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/providers?region=flanders' });
      return (res.json() as { providers: { id: string; trackCompleted: boolean }[] }).providers.find((p) => p.id === orgId)!.trackCompleted;
    };
    // Between them the two passed every lesson, but no one person did.
    expect(await completed()).toBe(false);
    expect((await new Browser(t.app).get(`/en/providers/${orgId}`)).body).not.toContain('Schild IT-provider track completed');
    await pass(ownerUserId, last!);
    expect(await completed()).toBe(true);
    expect((await new Browser(t.app).get(`/en/providers/${orgId}`)).body).toContain('Schild IT-provider track completed');
  });

  it('a signed-in company owner gets a "share my plan" link per company it owns; others do not', async () => {
    const owner = await ownerWithCompany(t, 'owner@bakery.test');
    const page = await owner.b.get(`/en/providers/${orgId}`);
    expect(page.body).toContain(`/en/companies/${owner.companyId}/providers?organisation=${orgId}`);
    expect(page.body).toContain('/en/it-provider-checklist');
    expect(page.body).toContain('/en/articles/choosing-an-it-provider');
    expect((await new Browser(t.app).get(`/en/providers/${orgId}`)).body).not.toContain('/providers?organisation=');
  });
});
