/**
 * Callers and real ids for the security suite's fuzzing (test/integration/security-fuzz.test.ts): the API role
 * matrix's actors (api-role-matrix.ts, on the route walk of route-walk.ts), so that each route is fuzzed by a caller
 * it lets in, with ids that name real data, and its body is parsed rather than refused at the door.
 *
 * The caller of a route is found by trying: the first role, in the order below, whose request with a harmless body
 * (an empty form, or the API matrix's valid body) is not answered 401/403/404.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { RouteEntry } from '../../src/http/auth-hooks.ts';
import { bodyFor, fillUrl, setUpApiMatrix, type ApiMatrix, type ApiRole, type MatrixIds } from './api-role-matrix.ts';
import { linkFrom, type Browser, type TestApp } from './app.ts';
import type { TestDialect } from './dialects.ts';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { mailTo } from './flows.ts';
import { incidentFacts } from './incident-facts.ts';
import type { Caller } from './route-walk.ts';

/** Page callers, in the order they are tried: the company's own people first (the fuzzer's first caller). */
export const FORM_ROLES: Caller[] = ['owner', 'admin', 'member', 'org_owner', 'org_admin', 'org_viewer', 'provider', 'grantee', 'partner', 'platform_admin', 'other_owner', 'outsider', 'anonymous', 'mfa_pending'];
/** Token holders, in the order they are tried; `anonymous` sends no token. */
export const API_ORDER: ApiRole[] = ['owner', 'admin', 'member', 'fed_owner', 'fed_viewer', 'partner', 'provider', 'grantee', 'platform_admin', 'other_owner', 'provider_unshared', 'anonymous'];
/** Answers that mean "not for you" (or "not there"): a caller that gets one is not the route's caller. */
const SHUT = new Set([401, 403, 404]);

export interface FuzzCallers {
  t: TestApp;
  matrix: ApiMatrix;
  ids: MatrixIds & { providerOrgId: string };
  /** The form route's URL: real ids (the walk's), or every parameter but :lang/:companyId replaced by `junk`. */
  formUrl(route: RouteEntry, lang: string, junk: string | null): string;
  /** The API route's URL: real ids (the matrix's), or every parameter but :companyId replaced by `junk`. */
  apiUrl(route: RouteEntry, junk: string | null): string;
  browser(role: Caller): Browser;
  /** Headers that authenticate as `role` on the API (none for anonymous). */
  auth(role: ApiRole): Record<string, string>;
  /** The first page caller let in by a form route, and the answer it got; null when none is. */
  formCaller(route: RouteEntry): Promise<{ role: Caller; status: number } | null>;
  /** The first token holder let in by an API route, and the answer it got; null when none is. */
  apiCaller(route: RouteEntry): Promise<{ role: ApiRole; status: number } | null>;
}

export async function setUpFuzzCallers(dialect: TestDialect, env: Record<string, string>): Promise<FuzzCallers> {
  const matrix = await setUpApiMatrix(dialect, env);
  const { t, walk } = matrix;
  const providerOrgId = (await t.runtime.deps.db.selectFrom('provider_shares').select('organisation_id').where('id', '=', matrix.ids.shareId).executeTakeFirstOrThrow()).organisation_id;
  // A learner of its own (the walk's person is removed when its remove route is fuzzed): its magic link, unsubscribe
  // token, and a learner session in the anonymous browser, for the learner routes (docs/training.md).
  const db = t.runtime.deps.db;
  const personId = randomUUID();
  await db.insertInto('people').values({ id: personId, company_id: walk.companyId, email: 'fuzz-learner@example.test', display_name: null, language: 'en', group_name: '', pseudonym: 'P-FUZZ', created_at: new Date().toISOString() }).execute();
  const { inviteLearners, unsubscribeToken } = await import('../../src/app/training.ts');
  const { findCompany } = await import('../../src/db/repositories/company.repository.ts');
  if (!(await inviteLearners(t.runtime.deps, (await findCompany(db, walk.companyId))!, [personId])).ok) throw new Error('learner not invited');
  const learnLink = linkFrom(await mailTo(t, 'fuzz-learner@example.test', ''), '/learn/');
  const learner = await db.selectFrom('training_learners').select('id').where('person_id', '=', personId).executeTakeFirstOrThrow();
  const unsubscribe = unsubscribeToken(t.runtime.deps, learner.id);
  const magic = learnLink.split('/').pop()!;
  const anonymous = walk.browsers.get('anonymous')!;
  await anonymous.get(learnLink);
  expect((await anonymous.post(learnLink, {})).statusCode).toBe(303);
  // Mailed capability links, all for the walk's outsider (so that one caller can use them): an invitation to company
  // A, an invitation to the federation's staff, and a join link of the federation.
  const owner = walk.browsers.get('owner')!;
  await owner.get(`/en/companies/${walk.companyId}/members`);
  expect((await owner.post(`/en/companies/${walk.companyId}/invitations`, { email: 'outsider@example.be', role: 'member' })).statusCode).toBe(303);
  await t.drainJobs();
  const mailed = async (fragment: string) => linkFrom((await latestOutboxTo(db, 'outsider@example.be')).find((m) => m.text_body.includes(fragment))!.text_body, fragment).split('/').pop()!;
  const invitation = await mailed('/invitations/');
  const orgOwner = walk.browsers.get('org_owner')!;
  await orgOwner.get(`/en/orgs/${walk.orgId}/staff`);
  expect((await orgOwner.post(`/en/orgs/${walk.orgId}/staff/invite`, { email: 'outsider@example.be', role: 'org_viewer' })).statusCode).toBe(303);
  await t.drainJobs();
  const orgInvitation = await mailed('/org-invitations/');
  await orgOwner.get(`/en/orgs/${walk.orgId}/members`);
  const join = /\/join\/([A-Za-z0-9_-]+)/.exec((await orgOwner.post(`/en/orgs/${walk.orgId}/links`, {})).body)?.[1];
  if (!join) throw new Error('no join link');
  // An incident reported without a company: its follow-up link (docs/incidents.md).
  const { createIncident } = await import('../../src/app/incidents.ts');
  const { followToken } = await createIncident(t.runtime.deps, { facts: incidentFacts({ category: 'data_leak', personalData: 'yes' }), lang: 'en', companyId: null, user: null });
  const capability: Record<string, string> = { '/invitations/': invitation, '/org-invitations/': orgInvitation, '/join/': join, '/incidents/follow/': followToken! };
  const { loadContent } = await import('../../src/adapters/content.ts');
  const lessonId = loadContent().lessons[0]!.id;
  const ids = { ...matrix.ids, providerOrgId, token: unsubscribe };
  /** Real tokens of the public token routes the fixture can make. */
  const tokenOf = (url: string): string | null =>
    url.includes('/learn/unsubscribe/') ? unsubscribe : url.startsWith('/learn/') ? magic : (Object.entries(capability).find(([prefix]) => url.startsWith(`${prefix}:token`))?.[1] ?? null);
  const junkFill = (url: string, lang: string, companyId: string, junk: string) => url.replace(':lang', lang).replace(':companyId', companyId).replace(/:[A-Za-z]+/g, junk);

  const formUrl = (route: RouteEntry, lang: string, junk: string | null): string => {
    if (junk !== null) return junkFill(route.url, lang, walk.companyId, junk);
    const token = tokenOf(route.url.replace('/:lang', ''));
    const own = route.url.replace(':token', token ?? ':token').replace('/learn/lessons/:lessonId', `/learn/lessons/${lessonId}`);
    const url = walk.urlOf({ ...route, url: own }).replace(/:[A-Za-z]+/g, 'unknown');
    return route.url.startsWith('/:lang') ? `/${lang}${url.slice(3)}` : url;
  };
  const apiUrl = (route: RouteEntry, junk: string | null): string => (junk !== null ? junkFill(route.url, 'en', ids.companyId, junk) : fillUrl(route.url, ids).replace(/:[A-Za-z]+/g, 'unknown'));
  const browser = (role: Caller): Browser => {
    const b = walk.browsers.get(role);
    if (!b) throw new Error(`no browser for ${role}`);
    return b;
  };
  const auth = (role: ApiRole): Record<string, string> => (role === 'anonymous' ? {} : { authorization: `Bearer ${matrix.tokens.get(role)!}` });

  async function formCaller(route: RouteEntry) {
    for (const role of FORM_ROLES) {
      const res = await browser(role).post(formUrl(route, 'en', null), {});
      // A redirect to log-in (a caller half-way through it) is a door too.
      if (!SHUT.has(res.statusCode) && !(res.statusCode === 303 && /\/login/.test(String(res.headers.location)))) return log(route, { role, status: res.statusCode });
    }
    return log(route, null);
  }
  async function apiCaller(route: RouteEntry) {
    for (const role of API_ORDER) {
      const body = route.method === 'GET' ? undefined : (safeBody(route) ?? {});
      const res: LightMyRequestResponse = await t.app.inject({ method: route.method as 'POST', url: apiUrl(route, null), headers: auth(role), ...(body ? { payload: body } : {}) });
      if (!SHUT.has(res.statusCode)) return log(route, { role, status: res.statusCode });
    }
    return log(route, null);
  }
  return { t, matrix, ids, formUrl, apiUrl, browser, auth, formCaller, apiCaller };
}

/** FUZZ_CALLERS=1 prints the caller found for each route. */
function log<T>(route: RouteEntry, found: T): T {
  if (process.env.FUZZ_CALLERS) console.info(`caller ${route.method} ${route.url}: ${JSON.stringify(found)}`);
  return found;
}

/** The API matrix's valid body for the route, or none when it has none (a route the matrix does not know yet). */
function safeBody(route: RouteEntry): Record<string, unknown> | undefined {
  try {
    return bodyFor(route.method, route.url, 0);
  } catch {
    return undefined;
  }
}
