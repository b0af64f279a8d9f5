/**
 * The fixture of the API role matrix (test/integration/api-authorization.test.ts): the route walk's company A with
 * its people, organisations and data (route-walk.ts), plus a real personal API token for one user in each role, made
 * through the account page like a person would (every scope, so only the role decides), and real data behind every
 * path parameter so that a 404 means "refused" and never "there was nothing there".
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { API_SCOPES } from '../../src/core/account.ts';
import type { TestApp } from './app.ts';
import type { TestDialect } from './dialects.ts';
import { PASSWORD, PROFILE } from './flows.ts';
import { incidentFacts } from './incident-facts.ts';
import { verifiedProvider } from './provider-shares.ts';
import { setUpRouteWalk, WALK_IDS, type RouteWalk } from './route-walk.ts';

/**
 * Token holders, and `anonymous` without one. fed_*: staff of the federation company A belongs to (A granted it its
 * answers); partner: staff of an accountancy firm A belongs to; provider: staff of a verified IT provider A shares its
 * plan with now; provider_unshared: staff of another IT provider whose share of A was revoked; grantee: an outside
 * account with A's 'phishing' grant; platform_admin: users.is_admin, no company or organisation of its own.
 */
export const API_ROLES = [
  'anonymous',
  'member',
  'admin',
  'owner',
  'other_owner',
  'fed_owner',
  'fed_viewer',
  'partner',
  'provider',
  'provider_unshared',
  'grantee',
  'platform_admin',
] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Ids behind the path parameters. */
export interface MatrixIds {
  companyId: string;
  incidentId: string;
  campaignId: string;
  orgId: string;
  shareId: string;
  scanId: string;
  release: string;
  token: string;
}

export interface ApiMatrix {
  t: TestApp;
  /** Company A's ids, the federation, and the provider that holds A's active share. */
  ids: MatrixIds;
  /** The outsider's own company, and the revoked share of A held by provider_unshared's organisation. */
  otherCompanyId: string;
  /** The accountancy firm of `partner`, which A joined without granting it anything. */
  partnerOrgId: string;
  unsharedOrgId: string;
  revokedShareId: string;
  tokens: Map<Exclude<ApiRole, 'anonymous'>, string>;
  /** The route walk underneath: its signed-in browsers and its URL filler (the security suite's fuzzing uses them). */
  walk: RouteWalk;
}

/** The walk's browser (signed in) of each token holder's user. */
const WALK_CALLER = {
  member: 'member',
  admin: 'admin',
  owner: 'owner',
  other_owner: 'other_owner',
  fed_owner: 'org_owner',
  fed_viewer: 'org_viewer',
  partner: 'partner',
  provider_unshared: 'provider',
  grantee: 'grantee',
  platform_admin: 'platform_admin',
} as const;

export async function setUpApiMatrix(dialect: TestDialect, env: Record<string, string> = {}): Promise<ApiMatrix> {
  const walk = await setUpRouteWalk(dialect, env);
  const { t, companyId, incidentId, campaignId, orgId, partnerOrgId, providerCallerOrgId } = walk;
  const db = t.runtime.deps.db;
  const now = new Date().toISOString();
  const ownerId = (await db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
  // A belongs to the partner's firm too, and granted the federation its answers: the closest an organisation gets.
  await db.insertInto('organisation_members').values({ organisation_id: partnerOrgId, company_id: companyId, counts_in_figures: 1, announcement_mail: 1, joined_by: null, joined_at: now }).execute();
  await db.insertInto('organisation_grants').values({ organisation_id: orgId, company_id: companyId, scope: 'assessment_answers', granted_by: ownerId, granted_at: now }).execute();
  // An IT provider A shares its plan with now, through the owner's page (docs/providers.md "Sharing a plan").
  const provider = await verifiedProvider(t, { name: 'Matrix IT', email: 'matrix-provider@example.be', ip: '198.51.100.30' });
  const owner = walk.browsers.get('owner')!;
  await owner.get(`/en/companies/${companyId}/providers`);
  expect((await owner.post(`/en/companies/${companyId}/providers/shares`, { organisationId: provider.orgId, scopes: ['plan', 'provider_checklist', 'scan_report'], days: '30' })).statusCode).toBe(303);
  const share = await db.selectFrom('provider_shares').select('id').where('organisation_id', '=', provider.orgId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
  // A scan, an open-data release and a learner's unsubscribe token, for the public routes that take their ids.
  const { requestScan } = await import('../../src/app/scans.ts');
  const scan = await requestScan(t.runtime.deps, 'example.test', { user: null, ip: '198.51.100.31' });
  if (!scan.ok) throw new Error(`scan not requested: ${scan.error}`);
  const { insertRelease } = await import('../../src/db/repositories/open-data.repository.ts');
  await insertRelease(db, { release: '2026-Q1', quarter: '2026-Q1', epsilon: '1', method: 'm', sensitivity: 11, rowCount: 0, body: '{"rows":[]}', createdAt: now });
  const { inviteLearners, unsubscribeToken } = await import('../../src/app/training.ts');
  const { findCompany } = await import('../../src/db/repositories/company.repository.ts');
  expect((await inviteLearners(t.runtime.deps, (await findCompany(db, companyId))!, [WALK_IDS.personId])).ok).toBe(true);
  const learner = await db.selectFrom('training_learners').select('id').where('person_id', '=', WALK_IDS.personId).executeTakeFirstOrThrow();

  const tokens = new Map<Exclude<ApiRole, 'anonymous'>, string>();
  const browsers = [...Object.entries(WALK_CALLER).map(([role, caller]) => [role, walk.browsers.get(caller)!] as const), ['provider', provider.b] as const];
  for (const [role, b] of browsers) {
    await b.get('/en/account/tokens');
    const created = await b.post('/en/account/tokens', { name: `matrix ${role}`, scopes: [...API_SCOPES], password: PASSWORD });
    const token = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)?.[1];
    if (!token) throw new Error(`no token for ${role}: ${created.statusCode}`);
    tokens.set(role as Exclude<ApiRole, 'anonymous'>, token);
  }
  return {
    t,
    ids: { companyId, incidentId, campaignId, orgId, shareId: share.id, scanId: scan.scanId, release: '2026-Q1', token: unsubscribeToken(t.runtime.deps, learner.id) },
    otherCompanyId: walk.otherOwnCompanyId,
    partnerOrgId,
    unsharedOrgId: providerCallerOrgId,
    revokedShareId: WALK_IDS.companyShareId,
    tokens,
    walk,
  };
}

/** The route's URL with its parameters taken from `ids`; organisation routes of an IT provider take the provider's. */
export function fillUrl(url: string, ids: MatrixIds & { providerOrgId: string }): string {
  return url
    .replace(':companyId', ids.companyId)
    .replace(':incidentId', ids.incidentId)
    .replace(':campaignId', ids.campaignId)
    .replace(':orgId', url.includes('/shared-plans') ? ids.providerOrgId : ids.orgId)
    .replace(':shareId', ids.shareId)
    .replace(':scanId', ids.scanId)
    .replace(':release.:format', `${ids.release}.json`)
    .replace(':token', ids.token);
}

/** The same ids, every uuid replaced by one that names nothing: what "does not exist" answers. */
export function missingIds(ids: MatrixIds & { providerOrgId: string }): MatrixIds & { providerOrgId: string } {
  return { ...ids, companyId: randomUUID(), incidentId: randomUUID(), campaignId: randomUUID(), orgId: randomUUID(), providerOrgId: randomUUID(), shareId: randomUUID() };
}

/**
 * A valid body for each write, so the handler's own checks run: schema validation comes before the handler (see the
 * test's header). Each allowed write is harmless: a profile saved unchanged, an empty update, a person at A's verified
 * domain, a campaign in 2030. `n` keeps addresses apart between callers.
 */
export function bodyFor(method: string, url: string, n: number): Record<string, unknown> | undefined {
  const facts = incidentFacts();
  const key = `${method} ${url}`;
  switch (key) {
    case 'PUT /api/v1/companies/:companyId/profile':
      return {
        name: PROFILE.name,
        enterpriseNumber: PROFILE.enterpriseNumber,
        naceCode: PROFILE.naceCode,
        employees: 4,
        region: 'flanders',
        language: 'nl',
        website: true,
        webshop: false,
        emailProvider: 'microsoft365',
        cardPayments: false,
        personalData: 'sensitive',
        remoteWork: true,
        itProvider: true,
      };
    case 'POST /api/v1/quick-scan':
      return { lang: 'en', profile: { sector: '69', employees: 4, website: true, webshop: false, email: 'microsoft365', cardPayments: false, personalData: 'basic', remoteWork: false, itProvider: false }, answers: {} };
    case 'POST /api/v1/incidents/triage':
      return { lang: 'en', facts };
    case 'POST /api/v1/companies/:companyId/incidents':
      return { facts };
    case 'PATCH /api/v1/companies/:companyId/incidents/:incidentId':
    case 'PATCH /api/v1/companies/:companyId/assessment/answers':
    case 'POST /api/v1/companies/:companyId/assessment/finish':
    case 'POST /api/v1/companies/:companyId/phishing/campaigns/:campaignId/cancel':
    case 'POST /api/v1/training/unsubscribe/:token':
      return {};
    case 'POST /api/v1/scans':
      return { domain: 'example.test' };
    case 'POST /api/v1/companies/:companyId/people':
      return { email: `matrix-${n}@example.test` };
    case 'POST /api/v1/companies/:companyId/people/import':
      return { people: [{ email: `matrix-import-${n}@example.test` }] };
    case 'POST /api/v1/companies/:companyId/phishing/campaigns':
      return { name: `Matrix ${n}`, templateId: 'parcel-delivery', startsAt: '2030-01-07T09:00:00+01:00' };
    default:
      if (method !== 'GET') throw new Error(`No body for ${key}: add one to test/support/api-role-matrix.ts`);
      return undefined;
  }
}
