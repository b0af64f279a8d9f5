/**
 * Walks every registered route with every kind of caller and checks the answer matches the route's declared
 * access. A new route is covered automatically; a route without a declaration cannot even register.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Role } from '../../src/core/company-profile.ts';
import { orgCan, type OrgRole } from '../../src/core/organisations/organisation.ts';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import type { RouteEntry } from '../../src/http/auth-hooks.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, mailTo, ownerWithCompany, PROFILE, signUpAndVerify } from '../support/flows.ts';
import { verifiedProvider } from '../support/provider-shares.ts';

/**
 * grantee: an outside user with an active 'phishing' company grant (an IT partner): phishing pages only.
 * provider: staff of a verified IT provider organisation (issue 12): no company route and no other organisation's
 * route, shared plan or not; its own shared plans are checked below, before, during and after a grant.
 */
type Caller = 'anonymous' | 'mfa_pending' | 'outsider' | 'grantee' | Role | OrgRole | 'platform_admin' | 'provider';
/** Organisation staff walk every route too: to company routes they are outsiders (docs/organisations.md). */
const CALLERS: Caller[] = [
  'anonymous',
  'mfa_pending',
  'outsider',
  'grantee',
  'member',
  'admin',
  'owner',
  'org_owner',
  'org_admin',
  'org_viewer',
  'platform_admin',
  'provider',
];
const ORG_CALLERS: readonly Caller[] = ['org_owner', 'org_admin', 'org_viewer'];
const isOrgCaller = (c: Caller): c is OrgRole => ORG_CALLERS.includes(c);
const isCompanyCaller = (c: Caller): c is Role => c === 'member' || c === 'admin' || c === 'owner';
/** Organisation routes that exist only for an it_provider organisation: walked with one. */
const PROVIDER_ONLY = /^\/:lang\/orgs\/:orgId\/(?:track|profile)(?:\/|$)/;

describe.each(DIALECTS)('authorization on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let incidentId: string;
  let orgId: string;
  let providerOrgId: string;
  const domainId = '11111111-1111-4111-8111-111111111111';
  let campaignId = '';
  const personId = '22222222-2222-4222-8222-222222222222';
  const grantId = '33333333-3333-4333-8333-333333333333';
  /** Shares to walk the provider-share routes with: the company's (revoked), and another company's to the walk organisation. */
  const companyShareId = '44444444-4444-4444-8444-444444444444';
  const orgShareId = '55555555-5555-4555-8555-555555555555';
  const updateId = '66666666-6666-4666-8666-666666666666';
  let providerCallerOrgId = '';
  const browsers = new Map<Caller, Browser>();
  const tokens: { all: string; none: string } = { all: '', none: '' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const owner = await ownerWithCompany(t);
    companyId = owner.companyId;
    browsers.set('owner', owner.b);
    browsers.set('member', await inviteAndJoin(t, owner.b, companyId, 'member@example.be', 'member'));
    browsers.set('admin', await inviteAndJoin(t, owner.b, companyId, 'admin@example.be', 'admin'));
    const outsider = new Browser(t.app);
    await signUpAndVerify(t, outsider, 'outsider@example.be');
    await logIn(outsider, 'outsider@example.be');
    browsers.set('outsider', outsider);
    // A caller half-way through log-in: password given, TOTP not yet.
    const pending = new Browser(t.app);
    await signUpAndVerify(t, pending, 'pending@example.be');
    await t.runtime.deps.db
      .updateTable('users')
      .set({ totp_secret: t.runtime.deps.secretBox.seal('JBSWY3DPEHPK3PXP'), totp_enabled_at: new Date().toISOString() })
      .where('email', '=', 'pending@example.be')
      .execute();
    expect((await logIn(pending, 'pending@example.be')).headers.location).toMatch(/login\/mfa/);
    browsers.set('mfa_pending', pending);
    const { createIncident } = await import('../../src/app/incidents.ts');
    incidentId = (
      await createIncident(t.runtime.deps, {
        facts: {
          category: 'data_leak',
          awareAt: new Date().toISOString(),
          ongoing: false,
          personalData: 'yes',
          specialCategoryData: false,
          dataEncrypted: false,
          gdprRole: 'controller',
          nis2: 'out_of_scope',
          moneyLost: false,
          cardDataExposed: false,
          extortion: false,
          insured: false,
        },
        lang: 'en',
        companyId,
        user: null,
      })
    ).id;
    // A verified domain, so its routes answer without any network traffic.
    await t.runtime.deps.db
      .insertInto('company_domains')
      .values({
        id: domainId,
        company_id: companyId,
        domain: 'example.test',
        verify_token: 'x'.repeat(24),
        verified_at: new Date().toISOString(),
        verify_method: 'dns',
        created_at: new Date().toISOString(),
        last_scan_id: null,
        fingerprint: null,
      })
      .execute();
    // An IT partner with a phishing grant, a person on the staff list and a campaign, so phishing routes have data.
    const grantee = new Browser(t.app);
    await signUpAndVerify(t, grantee, 'partner@example.be');
    await logIn(grantee, 'partner@example.be');
    browsers.set('grantee', grantee);
    const db = t.runtime.deps.db;
    const nowIso = new Date().toISOString();
    const granteeId = (await db.selectFrom('users').select('id').where('email', '=', 'partner@example.be').executeTakeFirstOrThrow()).id;
    const ownerUserId = (await db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
    await db
      .insertInto('company_grants')
      .values({
        id: randomUUID(),
        company_id: companyId,
        grantee_user_id: granteeId,
        scope: 'phishing',
        granted_by: ownerUserId,
        created_at: nowIso,
        revoked_at: null,
      })
      .execute();
    // A revoked grant to walk the revoke route with (revoking it again changes nothing).
    await db
      .insertInto('company_grants')
      .values({
        id: grantId,
        company_id: companyId,
        grantee_user_id: granteeId,
        scope: 'phishing',
        granted_by: ownerUserId,
        created_at: nowIso,
        revoked_at: nowIso,
      })
      .execute();
    await db
      .insertInto('people')
      .values({
        id: personId,
        company_id: companyId,
        email: 'staff@example.test',
        display_name: null,
        language: 'en',
        group_name: '',
        pseudonym: 'P-AAAA',
        created_at: nowIso,
      })
      .execute();
    const { createCampaign } = await import('../../src/app/phishing-campaigns.ts');
    const { findCompany } = await import('../../src/db/repositories/company.repository.ts');
    const created = await createCampaign(
      t.runtime.deps,
      (await findCompany(db, companyId))!,
      { userId: ownerUserId, ip: null },
      {
        name: 'Walk',
        templateId: 'parcel-delivery',
        groups: null,
        startsAt: '2030-01-07T09:00:00+01:00',
        windowStart: '09:00',
        windowEnd: '17:00',
        weekdaysOnly: true,
        ratePerMinute: 20,
      },
    );
    if (!created.ok) throw new Error(`campaign not created: ${created.error}`);
    campaignId = created.campaign.id;
    // An organisation the company belongs to, with its three staff roles, and a platform administrator.
    // Separate addresses: the sign-up limit per address (docs/operations.md) would stop a sixth sign-up from one place.
    const orgOwner = new Browser(t.app, '198.51.100.10');
    await signUpAndVerify(t, orgOwner, 'org-owner@example.be');
    await logIn(orgOwner, 'org-owner@example.be');
    await orgOwner.get('/en/orgs/new');
    const orgCreated = await orgOwner.post('/en/orgs', { name: 'Walk Federation', kind: 'federation', sectors: 'G' });
    orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(String(orgCreated.headers.location))![1]!;
    browsers.set('org_owner', orgOwner);
    for (const role of ['org_admin', 'org_viewer'] as const) {
      const b = new Browser(t.app, role === 'org_admin' ? '198.51.100.11' : '198.51.100.12');
      const mail = `${role.replace('_', '-')}@example.be`;
      await orgOwner.get(`/en/orgs/${orgId}/staff`);
      expect((await orgOwner.post(`/en/orgs/${orgId}/staff/invite`, { email: mail, role })).statusCode).toBe(303);
      await signUpAndVerify(t, b, mail);
      await logIn(b, mail);
      const link = linkFrom(await mailTo(t, mail, 'Walk Federation'), '/org-invitations/');
      await b.get(link);
      expect((await b.post(link, {})).statusCode).toBe(303);
      browsers.set(role, b);
    }
    // An IT provider organisation with the same three staff, for routes that exist only for it_provider (directory
    // profile, training track: 404 for any other kind of organisation).
    await orgOwner.get('/en/orgs/new');
    const providerCreated = await orgOwner.post('/en/orgs', { name: 'Walk IT Provider', kind: 'it_provider', sectors: '' });
    providerOrgId = /\/orgs\/([0-9a-f-]{36})/.exec(String(providerCreated.headers.location))![1]!;
    for (const role of ['org_admin', 'org_viewer'] as const) {
      const userId = (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', `${role.replace('_', '-')}@example.be`).executeTakeFirstOrThrow()).id;
      await t.runtime.deps.db.insertInto('organisation_staff').values({ organisation_id: providerOrgId, user_id: userId, role, created_at: new Date().toISOString() }).execute();
    }
    await t.runtime.deps.db
      .insertInto('organisation_members')
      .values({
        organisation_id: orgId,
        company_id: companyId,
        counts_in_figures: 1,
        announcement_mail: 1,
        joined_by: null,
        joined_at: new Date().toISOString(),
      })
      .execute();
    const platformAdmin = new Browser(t.app, '198.51.100.13');
    await signUpAndVerify(t, platformAdmin, 'platform@example.be');
    await t.runtime.deps.db.updateTable('users').set({ is_admin: 1 }).where('email', '=', 'platform@example.be').execute();
    await logIn(platformAdmin, 'platform@example.be');
    browsers.set('platform_admin', platformAdmin);
    // An IT provider organisation, verified, and the share fixtures (docs/providers.md "Sharing a plan").
    const provider = await verifiedProvider(t, { name: 'Walk IT', email: 'provider@example.be', ip: '198.51.100.14' });
    providerCallerOrgId = provider.orgId;
    browsers.set('provider', provider.b);
    const { insertCompany } = await import('../../src/db/repositories/company.repository.ts');
    const { SEED_PROFILE } = await import('../support/organisations.ts');
    const otherCompanyId = randomUUID();
    await insertCompany(db, otherCompanyId, { ...SEED_PROFILE, name: 'Walk Shared Plan Co' }, nowIso);
    const assessmentId = randomUUID();
    await db.insertInto('assessments').values({ id: assessmentId, company_id: companyId, created_by: ownerUserId, created_at: nowIso, updated_at: nowIso, completed_at: null, algorithm_version: null, profile: null, result: null }).execute();
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const share = { scopes: JSON.stringify(['plan', 'provider_checklist', 'scan_report']), granted_by: ownerUserId, granted_at: nowIso, expires_at: later, revoked_by: null };
    await db.insertInto('provider_shares').values({ ...share, id: companyShareId, company_id: companyId, organisation_id: providerCallerOrgId, revoked_at: nowIso }).execute();
    await db.insertInto('provider_shares').values({ ...share, id: orgShareId, company_id: otherCompanyId, organisation_id: orgId, revoked_at: null }).execute();
    await db
      .insertInto('provider_item_updates')
      .values({ id: updateId, share_id: companyShareId, company_id: companyId, organisation_id: providerCallerOrgId, assessment_id: assessmentId, control_id: 'pr-mfa-email', note: 'Done.', marked_by: null, marked_at: nowIso, status: 'confirmed', decided_by: ownerUserId, decided_at: nowIso, decision_note: null })
      .execute();
    const anon = new Browser(t.app);
    await anon.get('/en/');
    browsers.set('anonymous', anon);
    // The tokens belong to a co-owner who takes no part in the page walk: "sign out everywhere" (walked below)
    // ends the walking caller's own tokens too.
    await inviteAndJoin(t, owner.b, companyId, 'api@example.be', 'owner');
    const ownerId = (
      await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', 'api@example.be').executeTakeFirstOrThrow()
    ).id;
    tokens.all = `sch_${'a'.repeat(43)}`;
    tokens.none = `sch_${'b'.repeat(43)}`;
    const now = new Date().toISOString();
    await insertApiToken(t.runtime.deps.db, {
      id: randomUUID(),
      userId: ownerId,
      name: 'all',
      tokenHash: sha256(tokens.all),
      scopes: ['profile:read', 'companies:read', 'companies:write', 'organisations:read'],
      now,
    });
    await insertApiToken(t.runtime.deps.db, {
      id: randomUUID(),
      userId: ownerId,
      name: 'none',
      tokenHash: sha256(tokens.none),
      scopes: [],
      now,
    });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  function urlOf(route: RouteEntry): string {
    return route.url
      .replace(':shareId', route.url.startsWith('/:lang/orgs/') ? orgShareId : companyShareId)
      .replace(':updateId', updateId)
      .replace(':lang', 'en')
      .replace(':companyId', companyId)
      .replace(':orgId', PROVIDER_ONLY.test(route.url) ? providerOrgId : orgId)
      .replace(':lessonId', 'm365-hardening')
      .replace(':token', 'x'.repeat(40))
      .replace(':file', 'style.css')
      .replace(':theme', 'accounts')
      .replace(':incidentId', incidentId)
      .replace(':draft', 'gdpr_dpa_notification')
      .replace(':domainId', domainId)
      .replace(':campaignId', campaignId)
      .replace(':personId', personId)
      .replace(':grantId', grantId)
      .replace(':scanId', '00000000-0000-4000-8000-000000000000')
      .replace(':documentId', 'staff-notice');
  }

  it('every route declares access and answers each caller as declared', async () => {
    // Log-out ends the caller's session, so it goes last.
    const routes = [...t.app.routeTable].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    for (const route of routes) {
      const url = urlOf(route);
      if (route.access.kind === 'api') {
        const cases: { auth: string | undefined; expect: (s: number) => boolean; label: string }[] =
          route.access.scope === null
            ? [{ auth: undefined, expect: (s) => s < 401 || s === 404, label: 'public api' }]
            : [
                { auth: undefined, expect: (s) => s === 401, label: 'no token' },
                { auth: 'Bearer sch_invalidinvalidinvalidinvalid', expect: (s) => s === 401, label: 'unknown token' },
                { auth: `Bearer ${tokens.none}`, expect: (s) => s === 403, label: 'token without scope' },
                { auth: `Bearer ${tokens.all}`, expect: (s) => s < 401 || s === 404, label: 'token with scope' },
              ];
        for (const c of cases) {
          const res = await t.app.inject({
            method: route.method as 'GET',
            url: url + (route.url.endsWith('/sectors') ? '?q=bak' : ''),
            headers: c.auth ? { authorization: c.auth } : {},
            ...(route.method === 'GET' ? {} : { payload: {} }),
          });
          if (!c.expect(res.statusCode) || res.statusCode >= 500)
            failures.push(`${route.method} ${route.url} [${c.label}] → ${res.statusCode}`);
        }
        continue;
      }
      for (const caller of CALLERS) {
        const b = browsers.get(caller)!;
        const res = route.method === 'GET' ? await b.get(url) : await b.post(url, {});
        const s = res.statusCode;
        const loc = String(res.headers.location ?? '');
        const toLogin = s === 303 && loc.startsWith('/en/login');
        let ok: boolean;
        switch (route.access.kind) {
          case 'public':
            ok = s < 500 && !(s === 303 && loc.startsWith('/en/login?next'));
            break;
          case 'ops':
            ok = s === 404;
            break;
          case 'mfa_pending':
            ok = caller === 'mfa_pending' ? s < 500 && !toLogin : s === 303 && loc === '/en/login';
            break;
          case 'user':
            ok =
              caller === 'anonymous'
                ? toLogin && loc.includes('next=')
                : caller === 'mfa_pending'
                  ? loc === '/en/login/mfa'
                  : s < 500 && !toLogin && s !== 403;
            break;
          case 'company': {
            const action = route.access.action;
            if (caller === 'anonymous') ok = toLogin;
            else if (caller === 'mfa_pending') ok = loc === '/en/login/mfa';
            else if (caller === 'grantee') ok = action === 'run_phishing' ? s < 500 && s !== 403 && s !== 404 && !toLogin : s === 404;
            else if (!isCompanyCaller(caller)) ok = s === 404;
            else ok = can(caller, action) ? s < 500 && s !== 403 && s !== 404 && !toLogin : s === 403;
            break;
          }
          case 'org': {
            const action = route.access.action;
            if (caller === 'anonymous') ok = toLogin;
            else if (caller === 'mfa_pending') ok = loc === '/en/login/mfa';
            else if (!isOrgCaller(caller)) ok = s === 404;
            else ok = orgCan(caller, action) ? s < 500 && s !== 403 && s !== 404 && !toLogin : s === 403;
            break;
          }
          case 'platform_admin':
            if (caller === 'anonymous') ok = toLogin;
            else if (caller === 'mfa_pending') ok = loc === '/en/login/mfa';
            else ok = caller === 'platform_admin' ? s < 500 && s !== 403 && s !== 404 : s === 404;
            break;
          default:
            ok = false;
        }
        if (!ok) failures.push(`${route.method} ${route.url} [${caller}] → ${s} ${loc}`);
        // The member company granted nothing: no organisation page may name it (let alone with a score).
        if (route.access.kind === 'org' && res.body.includes(PROFILE.name))
          failures.push(`${route.method} ${route.url} [${caller}] shows the company's name`);
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('an IT provider sees the company’s shared plan only while granted (issue 12)', async () => {
    const provider = browsers.get('provider')!;
    const owner = browsers.get('owner')!;
    // The walk above ended every session (log-out goes last): sign in again.
    await logIn(provider, 'provider@example.be');
    await logIn(owner, 'owner@example.be');
    const list = `/en/orgs/${providerCallerOrgId}/shared-plans`;
    const page = (id: string) => `/en/orgs/${providerCallerOrgId}/shared-plans/${id}`;
    // Before: the company's revoked share and nothing else.
    expect((await provider.get(list)).body).not.toContain(PROFILE.name);
    expect((await provider.get(page(companyShareId))).statusCode).toBe(404);
    // During.
    await owner.get(`/en/companies/${companyId}/providers`);
    expect((await owner.post(`/en/companies/${companyId}/providers/shares`, { organisationId: providerCallerOrgId, scopes: ['plan'], days: '30' })).statusCode).toBe(303);
    const shareId = /providers\/shares\/([0-9a-f-]{36})\/revoke/.exec((await owner.get(`/en/companies/${companyId}/providers`)).body)![1]!;
    expect((await provider.get(list)).body).toContain(PROFILE.name);
    const during = await provider.get(page(shareId));
    expect(during.statusCode).toBe(200);
    expect(during.body).toContain(PROFILE.name);
    expect((await provider.get(`${page(shareId)}/scan-report`)).statusCode).toBe(404);
    for (const url of [`/en/companies/${companyId}`, `/en/companies/${companyId}/results`, `/en/companies/${companyId}/providers`]) expect((await provider.get(url)).statusCode, url).toBe(404);
    // After.
    expect((await owner.post(`/en/companies/${companyId}/providers/shares/${shareId}/revoke`, {})).statusCode).toBe(303);
    expect((await provider.get(page(shareId))).statusCode).toBe(404);
    expect((await provider.get(list)).body).not.toContain(PROFILE.name);
  });

  it('a form post without a valid CSRF token is refused and changes nothing', async () => {
    const owner = browsers.get('owner')!;
    await owner.get(`/en/companies/${companyId}/profile`);
    const before = await t.runtime.deps.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
    const forged = await owner.post(`/en/companies/${companyId}/profile`, { name: 'Hacked' }, { csrf: 'forged-token' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('csrf_failed');
    const missing = await owner.post(`/en/companies/${companyId}/profile`, { name: 'Hacked' }, { csrf: null });
    expect(missing.statusCode).toBe(403);
    const crossSite = await owner.post(
      `/en/companies/${companyId}/profile`,
      { name: 'Hacked' },
      { headers: { 'sec-fetch-site': 'cross-site' } },
    );
    expect(crossSite.statusCode).toBe(403);
    const after = await t.runtime.deps.db.selectFrom('companies').select('name').where('id', '=', companyId).executeTakeFirstOrThrow();
    expect(after.name).toBe(before.name);
  });
});
