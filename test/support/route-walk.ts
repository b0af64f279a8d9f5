/**
 * The fixture for walking every route with every kind of caller (test/integration/authorization.test.ts and the
 * security suite): one company with its three roles, an organisation of each relevant kind with its staff, an IT
 * partner with a phishing grant, the owner of another company, a platform administrator, and data behind every
 * route parameter, so that each route answers from data rather than with "not found".
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Role } from '../../src/core/company-profile.ts';
import type { OrgRole } from '../../src/core/organisations/organisation.ts';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import type { RouteEntry } from '../../src/http/auth-hooks.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from './app.ts';
import type { TestDialect } from './dialects.ts';
import { inviteAndJoin, logIn, mailTo, ownerWithCompany, PROFILE, signUpAndVerify } from './flows.ts';
import { verifiedProvider } from './provider-shares.ts';
import { incidentFacts } from './incident-facts.ts';

/**
 * grantee: an outside user with an active 'phishing' company grant (an IT partner): phishing pages only.
 * provider: staff of a verified IT provider organisation (issue 12): no company route and no other organisation's
 * route, shared plan or not.
 * other_owner: owner of another company; partner: staff of a partner organisation (accountant) of its own.
 */
export type Caller = 'anonymous' | 'mfa_pending' | 'outsider' | 'grantee' | Role | OrgRole | 'platform_admin' | 'provider' | 'other_owner' | 'partner';
/** Organisation staff walk every route too: to company routes they are outsiders (docs/organisations.md). */
export const CALLERS: Caller[] = [
  'anonymous',
  'mfa_pending',
  'outsider',
  'grantee',
  'member',
  'admin',
  'owner',
  'other_owner',
  'org_owner',
  'org_admin',
  'org_viewer',
  'partner',
  'platform_admin',
  'provider',
];
/** Organisation routes that exist only for an it_provider organisation (profile, track, shared plans): walked with one. */
export const PROVIDER_ONLY = /^\/:lang\/orgs\/:orgId\/(?:track|profile|shared-plans)(?:\/|$)/;
/** Fixed ids of walk data. */
export const WALK_IDS = {
  domainId: '11111111-1111-4111-8111-111111111111',
  personId: '22222222-2222-4222-8222-222222222222',
  grantId: '33333333-3333-4333-8333-333333333333',
  /** Shares to walk the provider-share routes with: the company's (revoked), and another company's to the walk's IT provider. */
  companyShareId: '44444444-4444-4444-8444-444444444444',
  orgShareId: '55555555-5555-4555-8555-555555555555',
  updateId: '66666666-6666-4666-8666-666666666666',
} as const;

export interface RouteWalk {
  t: TestApp;
  companyId: string;
  incidentId: string;
  orgId: string;
  providerOrgId: string;
  providerCallerOrgId: string;
  otherOwnCompanyId: string;
  partnerOrgId: string;
  campaignId: string;
  browsers: Map<Caller, Browser>;
  /** API tokens of a co-owner: every scope, and none. */
  tokens: { all: string; none: string };
  /** The route's URL with every parameter filled from the walk data. */
  urlOf(route: RouteEntry): string;
}

export async function setUpRouteWalk(dialect: TestDialect, env: Record<string, string> = {}): Promise<RouteWalk> {
  const { domainId, personId, grantId, companyShareId, orgShareId, updateId } = WALK_IDS;
  const browsers = new Map<Caller, Browser>();
  const tokens = { all: '', none: '' };
  const t = await createTestApp(dialect, env);
  const owner = await ownerWithCompany(t);
  const companyId = owner.companyId;
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
  const incidentId = (
    await createIncident(t.runtime.deps, {
      facts: incidentFacts({ category: 'data_leak', personalData: 'yes' }),
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
  const campaignId = created.campaign.id;
  // An organisation the company belongs to, with its three staff roles, and a platform administrator.
  // Separate addresses: the sign-up limit per address (docs/operations.md) would stop a sixth sign-up from one place.
  const orgOwner = new Browser(t.app, '198.51.100.10');
  await signUpAndVerify(t, orgOwner, 'org-owner@example.be');
  await logIn(orgOwner, 'org-owner@example.be');
  await orgOwner.get('/en/orgs/new');
  const orgCreated = await orgOwner.post('/en/orgs', { name: 'Walk Federation', kind: 'federation', sectors: 'G' });
  const orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(String(orgCreated.headers.location))![1]!;
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
  const providerOrgId = /\/orgs\/([0-9a-f-]{36})/.exec(String(providerCreated.headers.location))![1]!;
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
  const providerCallerOrgId = provider.orgId;
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
  await db.insertInto('provider_shares').values({ ...share, id: orgShareId, company_id: otherCompanyId, organisation_id: providerOrgId, revoked_at: null }).execute();
  await db
    .insertInto('provider_item_updates')
    .values({ id: updateId, share_id: companyShareId, company_id: companyId, organisation_id: providerCallerOrgId, assessment_id: assessmentId, control_id: 'pr-mfa-email', note: 'Done.', marked_by: null, marked_at: nowIso, status: 'confirmed', decided_by: ownerUserId, decided_at: nowIso, decision_note: null })
    .execute();
  // The owner of another company (cross-tenant): every route of the walk company answers as for an outsider.
  const otherOwner = new Browser(t.app, '198.51.100.15');
  await signUpAndVerify(t, otherOwner, 'other-owner@example.be');
  await logIn(otherOwner, 'other-owner@example.be');
  await otherOwner.get('/en/companies/new');
  const otherCreated = await otherOwner.post('/en/companies', { ...PROFILE, name: 'Other Owner Co' });
  const otherOwnCompanyId = /\/companies\/([0-9a-f-]{36})/.exec(String(otherCreated.headers.location))![1]!;
  browsers.set('other_owner', otherOwner);
  // Staff of a trusted partner (an accountancy firm), an organisation of its own: to the walk's federation and
  // company it is a stranger.
  const partner = new Browser(t.app, '198.51.100.16');
  await signUpAndVerify(t, partner, 'partner-staff@example.be');
  await logIn(partner, 'partner-staff@example.be');
  await partner.get('/en/orgs/new');
  const partnerCreated = await partner.post('/en/orgs', { name: 'Walk Accountants', kind: 'accountant', sectors: '' });
  const partnerOrgId = /\/orgs\/([0-9a-f-]{36})/.exec(String(partnerCreated.headers.location))![1]!;
  browsers.set('partner', partner);
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
  return { t, companyId, incidentId, orgId, providerOrgId, providerCallerOrgId, otherOwnCompanyId, partnerOrgId, campaignId, browsers, tokens, urlOf };
}
