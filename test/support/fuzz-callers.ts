/**
 * Callers and real ids for the security suite's fuzzing (test/integration/security-fuzz.test.ts): the API role
 * matrix's actors (api-role-matrix.ts, on the route walk of route-walk.ts), so that each route is fuzzed by a caller
 * it lets in, with ids that name real data, and its body is parsed rather than refused at the door.
 *
 * The caller of a route is found by trying: the first role, in the order below, whose request with a harmless body
 * (an empty form, or the API matrix's valid body) is not answered 401/403/404.
 *
 * Token routes get real capability links, made in the set-up below; a one-time link (an invitation, used up once
 * accepted) is made again for every fuzz attempt, so that the attempt reaches the handler with a link still valid.
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
  /** Whether the route's capability link is used up by one use (accepting an invitation). */
  oneTime(route: RouteEntry): boolean;
  /** Gives a one-time route a fresh, unused link for formUrl's next real-id URL; throws when none is left. */
  renew(route: RouteEntry): void;
}

/**
 * `fresh`: how many unused invitations of each kind to keep for renew(), beside the one the caller's probe uses up
 * (one per fuzz attempt).
 */
export async function setUpFuzzCallers(dialect: TestDialect, env: Record<string, string>, opts: { fresh: number }): Promise<FuzzCallers> {
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
  // Mailed capability links, all for the walk's outsider (so that one caller can use them): invitations to company
  // A and to the federation's staff, and a join link of the federation. An invitation is used up once accepted (the
  // caller's probe accepts the first), so each is made 1 + `fresh` times, through the app's invitation pages: one for
  // the probe and one for each fuzz attempt (renew() below). Company A's admin invites (members only), so that the
  // owner's daily invitation limit is left to the fuzzing of the invitation routes themselves.
  const admin = walk.browsers.get('admin')!;
  await admin.get(`/en/companies/${walk.companyId}/members`);
  for (let i = 0; i <= opts.fresh; i++) expect((await admin.post(`/en/companies/${walk.companyId}/invitations`, { email: 'outsider@example.be', role: 'member' })).statusCode).toBe(303);
  const orgOwner = walk.browsers.get('org_owner')!;
  await orgOwner.get(`/en/orgs/${walk.orgId}/staff`);
  for (let i = 0; i <= opts.fresh; i++) expect((await orgOwner.post(`/en/orgs/${walk.orgId}/staff/invite`, { email: 'outsider@example.be', role: 'org_viewer' })).statusCode).toBe(303);
  await t.drainJobs();
  const outbox = await latestOutboxTo(db, 'outsider@example.be');
  const mailed = (fragment: string) => outbox.filter((m) => m.text_body.includes(fragment)).map((m) => linkFrom(m.text_body, fragment).split('/').pop()!);
  const stock: Record<string, string[]> = { '/invitations/': mailed('/invitations/'), '/org-invitations/': mailed('/org-invitations/') };
  for (const [prefix, tokens] of Object.entries(stock)) if (tokens.length !== opts.fresh + 1) throw new Error(`${tokens.length} invitations mailed for ${prefix}, not ${opts.fresh + 1}`);
  await orgOwner.get(`/en/orgs/${walk.orgId}/members`);
  const join = /\/join\/([A-Za-z0-9_-]+)/.exec((await orgOwner.post(`/en/orgs/${walk.orgId}/links`, {})).body)?.[1];
  if (!join) throw new Error('no join link');
  // An incident reported without a company: its follow-up link (docs/incidents.md).
  const { createIncident } = await import('../../src/app/incidents.ts');
  const { followToken } = await createIncident(t.runtime.deps, { facts: incidentFacts({ category: 'data_leak', personalData: 'yes' }), lang: 'en', companyId: null, user: null });
  // A phishing mail as it stands once sent (the app's own seed, as `schild demo` and the tracking tests lay it down:
  // the recipient's token is the one the sending job puts in the mail), for the landing page's POST /p/:token.
  const { seedSentCampaign } = await import('../../src/app/phishing-seed.ts');
  const ownerId = (await db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
  const sent = await seedSentCampaign(t.runtime.deps, {
    companyId: walk.companyId,
    createdBy: ownerId,
    name: 'Fuzz',
    templateId: 'parcel-delivery',
    domain: 'example.test',
    startsAt: new Date(t.clock.now().getTime() - 3_600_000),
    people: [{ email: 'fuzz-recipient@example.test', name: null, language: 'en' }],
  });
  const capability: Record<string, string> = {
    '/invitations/': stock['/invitations/']!.shift()!,
    '/org-invitations/': stock['/org-invitations/']!.shift()!,
    '/join/': join,
    '/incidents/follow/': followToken!,
    '/p/': sent.recipients[0]!.token,
  };
  const { loadContent } = await import('../../src/adapters/content.ts');
  const lessonId = loadContent().lessons[0]!.id;
  const ids = { ...matrix.ids, providerOrgId, token: unsubscribe };
  /** Real tokens of the public token routes the fixture can make. */
  const prefixOf = (url: string, links: Record<string, unknown>): string | undefined => Object.keys(links).find((prefix) => url.replace('/:lang', '').startsWith(`${prefix}:token`));
  const tokenOf = (url: string): string | null =>
    url.includes('/learn/unsubscribe/') ? unsubscribe : url.startsWith('/learn/') ? magic : (capability[prefixOf(url, capability) ?? ''] ?? null);
  const oneTime = (route: RouteEntry): boolean => prefixOf(route.url, stock) !== undefined;
  const renew = (route: RouteEntry): void => {
    const prefix = prefixOf(route.url, stock);
    if (prefix === undefined) return;
    const next = stock[prefix]!.shift();
    if (!next) throw new Error(`no fresh ${prefix} link left for ${route.url} (setUpFuzzCallers' fresh)`);
    capability[prefix] = next;
  };
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
  return { t, matrix, ids, formUrl, apiUrl, browser, auth, formCaller, apiCaller, oneTime, renew };
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
