/**
 * Walks every registered route with every kind of caller and checks the answer matches the route's declared
 * access. A new route is covered automatically; a route without a declaration cannot even register. The callers
 * (test/support/route-walk.ts) are every role of issue 13's security suite: anonymous, member, admin, owner, the owner
 * of another company, federation staff in three roles, partner staff, IT provider staff, a phishing grantee and a
 * platform administrator. A refused state-changing request is also checked in the database: nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Role } from '../../src/core/company-profile.ts';
import { orgCan, type OrgRole } from '../../src/core/organisations/organisation.ts';
import type { RouteEntry } from '../../src/http/auth-hooks.ts';
import type { Browser, TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, PROFILE } from '../support/flows.ts';
import { CALLERS, PROVIDER_ONLY, setUpRouteWalk, WALK_IDS, type Caller } from '../support/route-walk.ts';
import { dbFingerprint, fingerprintDiff } from '../support/route-walk-db.ts';

/** Organisation routes that exist only for a federation (its sector report and sector pack). */
const FEDERATION_ONLY = /^\/:lang\/orgs\/:orgId\/(?:report|sector-pack)(?:[/.]|$)/;
const ORG_CALLERS: readonly Caller[] = ['org_owner', 'org_admin', 'org_viewer'];
const isOrgCaller = (c: Caller): c is OrgRole => ORG_CALLERS.includes(c);
const isCompanyCaller = (c: Caller): c is Role => c === 'member' || c === 'admin' || c === 'owner';

describe.each(DIALECTS)('authorization on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let providerCallerOrgId = '';
  let partnerOrgId = '';
  let browsers: Map<Caller, Browser>;
  let tokens: { all: string; none: string };
  let urlOf: (route: RouteEntry) => string;
  const { companyShareId } = WALK_IDS;

  beforeAll(async () => {
    const walk = await setUpRouteWalk(dialect);
    ({ t, companyId, providerCallerOrgId, partnerOrgId, browsers, tokens, urlOf } = walk);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.runtime.deps.db;

  /** Whether the route's declared access refuses this caller (mirrors the expectations of the walk below). */
  function refused(route: RouteEntry, caller: Caller): boolean {
    const access = route.access;
    const signedOut = caller === 'anonymous' || caller === 'mfa_pending';
    switch (access.kind) {
      case 'public':
        return false;
      case 'mfa_pending':
        return caller !== 'mfa_pending';
      case 'user':
        return signedOut;
      case 'company':
        if (signedOut) return true;
        if (caller === 'grantee') return access.action !== 'run_phishing';
        return !isCompanyCaller(caller) || !can(caller, access.action);
      case 'org':
        return signedOut || !isOrgCaller(caller) || !orgCan(caller, access.action);
      case 'platform_admin':
        return caller !== 'platform_admin';
      default:
        return true;
    }
  }

  // A POST by a caller the route refuses, with a valid CSRF token of its own session, changes nothing
  // (OWASP ASVS 4.0.3 §4.1.1/§4.1.3: access control on the server, deny by default; §4.2.1: no IDOR across
  // companies and organisations).
  it('every route declares access and answers each caller as declared', async () => {
    // Log-out ends the caller's session, so it goes last.
    const routes = [...t.app.routeTable].sort((a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')));
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    // API routes here: the token and scope check of the access hook only (a 404 may be the walk's placeholder id).
    // Each role's token against each route, with real ids: test/integration/api-authorization.test.ts.
    type ApiCase = { auth: string | undefined; expect: (s: number) => boolean; label: string; refused: boolean };
    const apiCases = (route: RouteEntry): ApiCase[] =>
      route.access.kind === 'api' && route.access.scope === null
        ? [{ auth: undefined, expect: (s) => s < 401 || s === 404, label: 'public api', refused: false }]
        : [
            { auth: undefined, expect: (s) => s === 401, label: 'no token', refused: true },
            { auth: 'Bearer sch_invalidinvalidinvalidinvalid', expect: (s) => s === 401, label: 'unknown token', refused: true },
            { auth: `Bearer ${tokens.none}`, expect: (s) => s === 403, label: 'token without scope', refused: true },
            { auth: `Bearer ${tokens.all}`, expect: (s) => s < 401 || s === 404, label: 'token with scope', refused: false },
          ];

    async function callApi(route: RouteEntry, c: ApiCase): Promise<void> {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: urlOf(route) + (route.url.endsWith('/sectors') ? '?q=bak' : ''),
        headers: c.auth ? { authorization: c.auth } : {},
        ...(route.method === 'GET' ? {} : { payload: {} }),
      });
      if (!c.expect(res.statusCode) || res.statusCode >= 500) failures.push(`${route.method} ${route.url} [${c.label}] → ${res.statusCode}`);
    }

    async function callPage(route: RouteEntry, caller: Caller): Promise<void> {
      const url = urlOf(route);
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
      if (route.access.kind === 'org' && res.body.includes(PROFILE.name)) failures.push(`${route.method} ${route.url} [${caller}] shows the company's name`);
    }

    // Phase 1: every request the route refuses, GET and POST (with the caller's own valid CSRF token), and the
    // database before and after: a refused request changes nothing (one fingerprint pair keeps the walk fast;
    // the changed tables in the message point to the route).
    // Each caller holds a valid CSRF token of its own, as from the last page its browser showed.
    for (const b of browsers.values()) await b.get('/en/scan');
    const before = await dbFingerprint(db());
    for (const route of routes) {
      if (route.access.kind === 'api') for (const c of apiCases(route).filter((x) => x.refused)) await callApi(route, c);
      else for (const caller of CALLERS.filter((c) => refused(route, c))) await callPage(route, caller);
    }
    const changed = fingerprintDiff(before, await dbFingerprint(db()));
    if (changed.length > 0) failures.push(`refused requests changed ${changed.join(', ')}`);
    // Phase 2: every caller the route lets in.
    for (const route of routes) {
      if (route.access.kind === 'api') for (const c of apiCases(route).filter((x) => !x.refused)) await callApi(route, c);
      else for (const caller of CALLERS.filter((c) => !refused(route, c))) await callPage(route, caller);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  // Partner staff are walked above as strangers to the walk's federation; here as the owner of their own organisation
  // (an accountancy firm), which the company has joined without granting it anything but its figures: every
  // organisation route answers them as declared, and none names the company (docs/organisations.md; ASVS 4.0.3
  // §4.2.1). Routes of another kind of organisation (an IT provider's profile, track and shared plans; a federation's
  // sector report and sector pack) are not theirs: 404.
  it('partner staff walk their own organisation’s routes as its owner and never see a company that shared nothing (issue 13)', async () => {
    const partner = browsers.get('partner')!;
    await logIn(partner, 'partner-staff@example.be');
    await db()
      .insertInto('organisation_members')
      .values({ organisation_id: partnerOrgId, company_id: companyId, counts_in_figures: 1, announcement_mail: 1, joined_by: null, joined_at: new Date().toISOString() })
      .execute();
    const routes = t.app.routeTable.filter((r) => r.access.kind === 'org' && r.url.startsWith('/:lang/orgs/:orgId'));
    expect(routes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    await partner.get(`/en/orgs/${partnerOrgId}`);
    for (const route of routes) {
      const url = urlOf({ ...route, url: route.url.replace(':orgId', partnerOrgId) });
      const res = route.method === 'GET' ? await partner.get(url) : await partner.post(url, {});
      const s = res.statusCode;
      const toLogin = s === 303 && String(res.headers.location ?? '').startsWith('/en/login');
      const action = route.access.kind === 'org' ? route.access.action : null;
      const ok = PROVIDER_ONLY.test(route.url) || FEDERATION_ONLY.test(route.url) ? s === 404 : action !== null && orgCan('org_owner', action) && s < 500 && s !== 403 && s !== 404 && !toLogin;
      if (!ok) failures.push(`${route.method} ${route.url} → ${s}`);
      if (res.body.includes(PROFILE.name)) failures.push(`${route.method} ${route.url} shows the company's name`);
    }
    expect(failures).toEqual([]);
    // The company's own pages stay closed to them.
    for (const url of [`/en/companies/${companyId}`, `/en/companies/${companyId}/results`]) expect((await partner.get(url)).statusCode, url).toBe(404);
  });

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

  // Driven from the route table, so a new form route is covered the day it is added (OWASP ASVS 4.0.3 §4.2.2, CSRF;
  // the token is bound to the caller's own cookie, so another visitor's token is as bad as none).
  it('every form route refuses a post without a CSRF token, or with another visitor’s, and changes nothing', async () => {
    const forms = t.app.routeTable.filter((r) => r.access.kind !== 'api' && r.method !== 'GET');
    expect(forms.length).toBeGreaterThan(50);
    const stranger = browsers.get('outsider')!;
    await stranger.get('/en/');
    const before = await dbFingerprint(db());
    const failures: string[] = [];
    for (const route of forms) {
      // A caller the route lets act, so only the missing token can explain a refusal.
      const caller = ['owner', 'org_owner', 'platform_admin', 'grantee', 'anonymous', 'mfa_pending'].find((c) => !refused(route, c as Caller)) as Caller;
      const b = browsers.get(caller)!;
      for (const [label, csrf] of [['no token', null], ['another visitor’s token', stranger.csrf]] as const) {
        const res = await b.post(urlOf(route), { name: 'Hacked' }, { csrf });
        if (res.statusCode !== 403 || !res.body.includes('csrf_failed')) failures.push(`${route.method} ${route.url} [${caller}, ${label}] → ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(fingerprintDiff(before, await dbFingerprint(db()))).toEqual([]);
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
