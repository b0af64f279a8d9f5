/**
 * The API role matrix (issue 13, security suite): every registered /api/v1 route × every role, with a real personal
 * API token of each role holding every scope, so that only the role decides, against an explicit table of what each
 * role may do (docs/organisations.md, docs/providers.md, docs/phishing.md, docs/training.md, docs/privacy.md and the
 * web pages' declarations in src/http/**). OWASP ASVS 4.0.3 §4.1.1 (access control enforced on the trusted server
 * side) and §4.2.1 (no insecure direct object references: a token of one company, organisation or provider reaches
 * nothing of another); also §4.1.3 and §4.1.5 (least privilege, deny by default: a route missing from the table fails).
 *
 * Order of the checks, and what this test relies on: the access hook (src/http/auth-hooks.ts, preValidation) checks the
 * token and its scope before the body is validated; the company, organisation and share checks are the handlers' own
 * (companyForApi, phishingCompanyForApi, findStaffRole, openSharedPlan) and run after validation. A 400 would therefore
 * prove nothing about them, so every write is sent with a valid body (test/support/api-role-matrix.ts) and "allowed"
 * means a 2xx. "Refused" means 401 without a token, 403 `forbidden` for a member whose role is too low, and 404 for
 * anyone outside — where the product hides existence, the answer must equal the one for ids that name nothing.
 * Path parameters carry company A's real ids (incident, campaign, share, scan, release, learner token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/company-profile.ts';
import { DIALECTS } from '../support/dialects.ts';
import { PROFILE } from '../support/flows.ts';
import { dbFingerprint, fingerprintDiff } from '../support/route-walk-db.ts';
import { API_ROLES, bodyFor, fillUrl, missingIds, setUpApiMatrix, type ApiMatrix, type ApiRole, type MatrixIds } from '../support/api-role-matrix.ts';

/**
 * public: no token needed, everyone alike. self: any token; the answer is about its owner only. company: members of
 * A from `least` up (lower: 403), everyone else 404. phishing: A's owners and admins and the 'phishing' grantee
 * (member: 403). federation: staff of A's federation, any role. provider: staff of the IT provider holding A's share.
 */
type Rule = { kind: 'public' | 'self' | 'phishing' | 'federation' | 'provider' } | { kind: 'company'; least: Role };
type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'hidden';

const PUBLIC: Rule = { kind: 'public' };
const SELF: Rule = { kind: 'self' };
const MEMBER: Rule = { kind: 'company', least: 'member' };
const ADMIN: Rule = { kind: 'company', least: 'admin' };
const OWNER: Rule = { kind: 'company', least: 'owner' };
const PHISHING: Rule = { kind: 'phishing' };
const FEDERATION: Rule = { kind: 'federation' };
const PROVIDER: Rule = { kind: 'provider' };

/** Every /api/v1 route. A new route fails the first test below until it has an entry here. */
const EXPECTED: Record<string, Rule> = {
  'GET /api/v1/openapi.json': PUBLIC,
  'GET /api/v1/me': SELF,
  'GET /api/v1/companies': SELF,
  'GET /api/v1/sectors': PUBLIC,
  'GET /api/v1/catalog': PUBLIC,
  'POST /api/v1/quick-scan': PUBLIC,
  'POST /api/v1/incidents/triage': PUBLIC,
  'POST /api/v1/scans': PUBLIC,
  'GET /api/v1/scans/:scanId': PUBLIC,
  'POST /api/v1/training/unsubscribe/:token': PUBLIC,
  'GET /api/v1/open-data': PUBLIC,
  'GET /api/v1/open-data/:release.:format': PUBLIC,
  'GET /api/v1/statistics': PUBLIC,
  'GET /api/v1/statistics/measures': PUBLIC,
  'GET /api/v1/phishing/templates': PUBLIC,
  'GET /api/v1/articles': PUBLIC,
  'GET /api/v1/providers': PUBLIC,
  'GET /api/v1/testimonies': PUBLIC,
  // The company and what every member sees on its pages (`view`).
  'GET /api/v1/companies/:companyId': MEMBER,
  'GET /api/v1/companies/:companyId/assessment': MEMBER,
  'GET /api/v1/companies/:companyId/software': MEMBER,
  // Every member may report and follow up an incident (`report`, docs/incidents.md); the MISP export is the owner's
  // (`share_incident`).
  'GET /api/v1/companies/:companyId/incidents': MEMBER,
  'POST /api/v1/companies/:companyId/incidents': MEMBER,
  'GET /api/v1/companies/:companyId/incidents/:incidentId': MEMBER,
  'PATCH /api/v1/companies/:companyId/incidents/:incidentId': MEMBER,
  'GET /api/v1/companies/:companyId/incidents/:incidentId/misp': OWNER,
  // Owners and admins: the profile (`edit_profile`), answers (`assess`), training coverage and reported mails (the
  // people they manage, docs/training.md, docs/mail-in.md).
  'PUT /api/v1/companies/:companyId/profile': ADMIN,
  'PATCH /api/v1/companies/:companyId/assessment/answers': ADMIN,
  'POST /api/v1/companies/:companyId/assessment/finish': ADMIN,
  'GET /api/v1/companies/:companyId/training': ADMIN,
  'GET /api/v1/companies/:companyId/mail-reports': ADMIN,
  // `run_phishing`: owners, admins and the grantee, "the staff list, the exercises and their results, pages and API"
  // (docs/phishing.md); the results page let the grantee in and the API did not (decided 2026-12-07: the API follows).
  'GET /api/v1/companies/:companyId/phishing/campaigns/:campaignId/results': PHISHING,
  'GET /api/v1/companies/:companyId/people': PHISHING,
  'POST /api/v1/companies/:companyId/people': PHISHING,
  'POST /api/v1/companies/:companyId/people/import': PHISHING,
  'GET /api/v1/companies/:companyId/phishing/campaigns': PHISHING,
  'POST /api/v1/companies/:companyId/phishing/campaigns': PHISHING,
  'GET /api/v1/companies/:companyId/phishing/campaigns/:campaignId': PHISHING,
  'POST /api/v1/companies/:companyId/phishing/campaigns/:campaignId/cancel': PHISHING,
  // Organisation staff, any role; anyone else 404 (docs/organisations.md "API", docs/providers.md "Sharing a plan").
  'GET /api/v1/organisations': SELF,
  'GET /api/v1/organisations/:orgId/dashboard': FEDERATION,
  'GET /api/v1/organisations/:orgId/offers': FEDERATION,
  'GET /api/v1/organisations/:orgId/shared-plans': PROVIDER,
  'GET /api/v1/organisations/:orgId/shared-plans/:shareId': PROVIDER,
};

const RANK: Record<Role, number> = { member: 0, admin: 1, owner: 2 };
const isCompanyRole = (r: ApiRole): r is Role => r === 'member' || r === 'admin' || r === 'owner';

function expected(rule: Rule, role: ApiRole): Outcome {
  if (rule.kind === 'public') return 'allowed';
  if (role === 'anonymous') return 'unauthenticated';
  switch (rule.kind) {
    case 'self':
      return 'allowed';
    case 'company':
      return isCompanyRole(role) ? (RANK[role] >= RANK[rule.least] ? 'allowed' : 'forbidden') : 'hidden';
    case 'phishing':
      return role === 'owner' || role === 'admin' || role === 'grantee' ? 'allowed' : role === 'member' ? 'forbidden' : 'hidden';
    case 'federation':
      return role === 'fed_owner' || role === 'fed_viewer' ? 'allowed' : 'hidden';
    case 'provider':
      return role === 'provider' ? 'allowed' : 'hidden';
  }
}

const QUERY: Record<string, string> = { '/api/v1/sectors': '?q=bak' };

describe.each(DIALECTS)('API authorization by role on %s', (dialect) => {
  let m: ApiMatrix;
  let ids: MatrixIds & { providerOrgId: string };
  const apiRoutes = () => m.t.app.routeTable.filter((r) => r.url.startsWith('/api/')).map((r) => `${r.method} ${r.url}`);

  beforeAll(async () => {
    m = await setUpApiMatrix(dialect);
    const providerOrgId = (await m.t.runtime.deps.db.selectFrom('provider_shares').select('organisation_id').where('id', '=', m.ids.shareId).executeTakeFirstOrThrow()).organisation_id;
    ids = { ...m.ids, providerOrgId };
  }, 180_000);

  afterAll(async () => {
    await m?.t.close();
  });

  let n = 0;
  async function call(key: string, role: ApiRole, at: typeof ids) {
    const [method, url] = key.split(' ') as [string, string];
    const token = role === 'anonymous' ? undefined : m.tokens.get(role);
    const body = bodyFor(method, url, ++n);
    const res = await m.t.app.inject({
      method: method as 'GET',
      url: fillUrl(url, at) + (QUERY[url] ?? ''),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body ? { payload: body } : {}),
    });
    let error: { code?: string; message?: string } = {};
    try {
      error = (res.json() as { error?: typeof error }).error ?? {};
    } catch {
      // not JSON (a CSV, a PDF): no error body
    }
    return { status: res.statusCode, code: error.code, message: error.message, body: res.body };
  }

  it('every registered /api/v1 route has an entry in the table, and every entry a route', () => {
    const registered = apiRoutes();
    expect(registered.length).toBeGreaterThan(40);
    expect(registered.filter((k) => !(k in EXPECTED)), 'routes without an expectation: add them to EXPECTED').toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !registered.includes(k)), 'entries for routes that no longer exist').toEqual([]);
  });

  it('every route answers every role as the table says, and a refused request changes nothing', async () => {
    const routes = apiRoutes().filter((k) => k in EXPECTED);
    const failures: string[] = [];
    const check = async (key: string, role: ApiRole) => {
      const want = expected(EXPECTED[key]!, role);
      const got = await call(key, role, ids);
      const seen = `${key} [${role}] want ${want}, got ${got.status} ${got.code ?? ''}`;
      if (got.status >= 500) return void failures.push(seen);
      if (want === 'allowed' && !(got.status >= 200 && got.status < 300)) failures.push(seen);
      if (want === 'unauthenticated' && !(got.status === 401 && got.code === 'unauthenticated')) failures.push(seen);
      if (want === 'forbidden' && !(got.status === 403 && got.code === 'forbidden')) failures.push(seen);
      if (want === 'hidden') {
        // The same answer as for ids that name nothing: the refusal tells nothing about what exists.
        const none = await call(key, role, missingIds(ids));
        if (got.status !== 404 || got.status !== none.status || got.code !== none.code || got.message !== none.message) failures.push(`${seen}; for missing ids ${none.status} ${none.code ?? ''}`);
      }
    };
    // Phase 1: every refused pair, with the database compared before and after (token last-use times aside).
    const db = m.t.runtime.deps.db;
    const before = await dbFingerprint(db);
    for (const key of routes) for (const role of API_ROLES) if (expected(EXPECTED[key]!, role) !== 'allowed') await check(key, role);
    const changed = fingerprintDiff(before, await dbFingerprint(db));
    if (changed.length > 0) failures.push(`refused requests changed ${changed.join(', ')}`);
    // Phase 2: every allowed pair.
    for (const key of routes) for (const role of API_ROLES) if (expected(EXPECTED[key]!, role) === 'allowed') await check(key, role);
    expect(failures).toEqual([]);
  }, 180_000);

  it('A’s child ids reach nothing through another company or another provider (ASVS 4.0.3 §4.2.1)', async () => {
    const failures: string[] = [];
    // The outsider names its own company with A's incident and campaign: the same 404 as for ids that name nothing.
    const own = { ...ids, companyId: m.otherCompanyId };
    for (const key of Object.keys(EXPECTED).filter((k) => k.includes(':companyId/') && /:(incidentId|campaignId)/.test(k))) {
      const got = await call(key, 'other_owner', own);
      const none = await call(key, 'other_owner', { ...missingIds(ids), companyId: m.otherCompanyId });
      if (got.status !== 404 || got.code !== none.code || got.status !== none.status) failures.push(`${key} → ${got.status} ${got.code ?? ''}`);
    }
    expect(failures).toEqual([]);
    // The provider whose share A revoked, through its own organisation: the old share is gone, the list is empty.
    const unshared = { ...ids, providerOrgId: m.unsharedOrgId };
    const plan = 'GET /api/v1/organisations/:orgId/shared-plans/:shareId';
    for (const shareId of [m.revokedShareId, ids.shareId]) {
      const got = await call(plan, 'provider_unshared', { ...unshared, shareId });
      const none = await call(plan, 'provider_unshared', { ...unshared, shareId: missingIds(ids).shareId });
      expect([got.status, got.code]).toEqual([404, none.code]);
    }
    const list = await call('GET /api/v1/organisations/:orgId/shared-plans', 'provider_unshared', unshared);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ sharedPlans: [] });
    // While the one holding A's active share sees A, and only what A shared.
    const shared = JSON.parse((await call(plan, 'provider', ids)).body) as { share: { companyId: string }; plan: unknown };
    expect(shared.share.companyId).toBe(ids.companyId);
    // No company list of a token holder names A unless they belong to it.
    for (const role of API_ROLES.filter((r) => r !== 'anonymous' && !isCompanyRole(r))) {
      const companies = JSON.parse((await call('GET /api/v1/companies', role, ids)).body) as { companies: { id: string }[] };
      expect(companies.companies.map((c) => c.id), role).not.toContain(ids.companyId);
    }
    // The federation A granted its answers names A; the firm A joined without a grant does not (docs/organisations.md).
    const dashboard = 'GET /api/v1/organisations/:orgId/dashboard';
    expect((await call(dashboard, 'fed_viewer', ids)).body).toContain(ids.companyId);
    const partner = await call(dashboard, 'partner', { ...ids, orgId: m.partnerOrgId });
    expect(partner.status).toBe(200);
    expect(partner.body).not.toContain(ids.companyId);
    expect(partner.body).not.toContain(PROFILE.name);
  });

  // What the order of checks means for a caller from outside: a malformed body is refused before the handler looks at
  // the company, with the same answer for A as for a company that does not exist, so it tells nothing either.
  it('a malformed write from an outsider answers the same for A as for ids that name nothing', async () => {
    const writes = Object.keys(EXPECTED).filter((k) => !k.startsWith('GET ') && !['public', 'self'].includes(EXPECTED[k]!.kind));
    expect(writes.length).toBeGreaterThan(8);
    for (const key of writes) {
      const [method, url] = key.split(' ') as [string, string];
      const send = async (at: typeof ids) => {
        const res = await m.t.app.inject({ method: method as 'POST', url: fillUrl(url, at), headers: { authorization: `Bearer ${m.tokens.get('other_owner')!}` }, payload: { unexpected: true } });
        return [res.statusCode, (res.json() as { error?: { code?: string } }).error?.code];
      };
      const [real, none] = [await send(ids), await send(missingIds(ids))];
      expect(real, key).toEqual(none);
      expect(real[0], key).not.toBeLessThan(400);
    }
  });

  // Access is read afresh on every request (docs/phishing.md "IT provider grant", docs/organisations.md): taken back,
  // the same token's next request gets what a stranger gets.
  it('a revoked grant, a removed member and removed staff lose the API at their next request', async () => {
    const db = m.t.runtime.deps.db;
    const userId = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const cases: [string, ApiRole][] = [
      ['GET /api/v1/companies/:companyId/people', 'grantee'],
      ['GET /api/v1/companies/:companyId', 'member'],
      ['GET /api/v1/organisations/:orgId/dashboard', 'fed_viewer'],
    ];
    for (const [key, role] of cases) expect((await call(key, role, ids)).status, `${key} [${role}] before`).toBe(200);
    await db.updateTable('company_grants').set({ revoked_at: new Date().toISOString() }).where('grantee_user_id', '=', await userId('partner@example.be')).execute();
    await db.deleteFrom('memberships').where('user_id', '=', await userId('member@example.be')).execute();
    await db.deleteFrom('organisation_staff').where('user_id', '=', await userId('org-viewer@example.be')).where('organisation_id', '=', ids.orgId).execute();
    for (const [key, role] of cases) {
      const [after, none] = [await call(key, role, ids), await call(key, role, missingIds(ids))];
      expect([after.status, after.code], `${key} [${role}] after`).toEqual([404, none.code]);
    }
  });
});
