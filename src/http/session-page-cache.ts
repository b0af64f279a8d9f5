/**
 * Signed-in pages sent again while nothing they show has changed (decision 0012).
 *
 * A route opts in with `config: { sessionCache: true }` when its page depends on nothing but the URL, the visitor's
 * session and CSRF cookies, the rows covered by the user's view version (migration 029: the user, their memberships
 * and companies, the invitations to their address, their organisations) and the clock. Today that is the account page.
 * The page is stored with the version it was rendered at, keyed by URL, session token and CSRF cookie. The front path
 * (front-cache.ts) sends it again only when, read at that moment in one statement, the session is still live and full
 * stage, belongs to the same user, its last-seen time needs no update yet, and the user's version is unchanged;
 * otherwise the request goes through Fastify as before. A stored page lives at most a minute, which bounds how stale
 * anything that depends on the clock alone can be (an invitation that expires by itself).
 *
 * Stored only when nothing else could make the answer differ: GET, 200, no query string, no Authorization header,
 * exactly the session and CSRF cookies (a CSRF cookie the request context keeps), and a full session.
 */
import type { FastifyReply } from 'fastify';
import { fastifyCookie } from '@fastify/cookie';
import { keepsCsrfSeed, type CookieNames } from './request-context.ts';
import { headList, PageStore } from './page-cache.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page depends only on what the user's view version covers (see http/session-page-cache.ts). */
    sessionCache?: boolean;
  }
  interface FastifyInstance {
    sessionPages: SessionPageCache;
  }
}

export const SESSION_PAGE_TTL_MS = 60_000;

export interface SessionPage {
  body: Buffer;
  head: string[];
  route: string;
  userId: string;
  sessionId: string;
  viewVersion: number;
  expires: number;
}

/**
 * The session and CSRF cookies of a request that carries exactly those two, the CSRF one of a length the request
 * context keeps; otherwise null. Parsed as the cookie plugin parses them.
 */
export function sessionCookies(header: string | undefined, names: CookieNames): { session: string; csrf: string } | null {
  if (header === undefined || !header.includes(names.session)) return null;
  const jar = fastifyCookie.parse(header);
  const session = jar[names.session];
  const csrf = jar[names.csrf];
  if (session === undefined || session === '' || session.length > 100 || !keepsCsrfSeed(csrf)) return null;
  if (Object.keys(jar).length !== 2) return null;
  return { session, csrf };
}

export const sessionPageKey = (url: string, cookies: { session: string; csrf: string }) => `${url}\n${cookies.session}\n${cookies.csrf}`;

/** Signed-in pages by `sessionPageKey`; an entry is only a candidate until the front path checks the session. */
export class SessionPageCache extends PageStore<Omit<SessionPage, 'expires'>> {
  constructor(readonly names: CookieNames, options: { ttlMs: number; maxEntries: number; now: () => number }) {
    super(options);
  }
}

/** Stores what sendPage rendered for a signed-in visitor when the route opted in and nothing else went into it. */
export function rememberSessionPage(reply: FastifyReply, status: number, html: string): void {
  const request = reply.request;
  const cache = reply.server.sessionPages as SessionPageCache | undefined;
  if (!cache || status !== 200 || request.method !== 'GET' || request.routeOptions.config?.sessionCache !== true) return;
  if (request.url.includes('?') || request.headers.authorization !== undefined) return;
  const session = request.session;
  const user = request.user;
  if (!session || !user || session.stage !== 'full') return;
  const cookies = sessionCookies(request.headers.cookie, cache.names);
  if (!cookies || cookies.csrf !== request.csrfSeed) return;
  const body = Buffer.from(html, 'utf8');
  cache.set(sessionPageKey(request.url, cookies), {
    body,
    head: headList(reply.getHeaders(), body.length),
    route: request.routeOptions.url ?? request.url,
    userId: user.id,
    sessionId: session.id,
    viewVersion: request.viewVersion,
  });
}
