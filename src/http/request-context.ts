/**
 * What every request carries once the hooks have run: its language, translator, session and user, CSRF token,
 * and for company routes the company and the caller's role in it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiToken } from '../db/repositories/token.repository.ts';
import type { Session, User } from '../core/account.ts';
import type { Company, Role } from '../core/company-profile.ts';
import { addMinutes, SESSION_IDLE_DAYS } from '../core/account.ts';
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from '../core/locale.ts';
import { hmac, randomToken, safeEqual, sha256 } from '../adapters/crypto.ts';
import type { AppDeps } from '../app/deps.ts';
import { findLiveSessionWithUser, touchSession } from '../db/repositories/session.repository.ts';
import { translator, type T } from '../i18n/index.ts';
import { PAGE_HEADERS, registerPageCache, type PageCache } from './page-cache.ts';

/** Whether a CSRF cookie is kept as it is: one outside 20–100 characters is replaced by a new one (and a request carrying it is never answered from a stored page). */
export function keepsCsrfSeed(seed: string | undefined): seed is string {
  return seed !== undefined && seed.length >= 20 && seed.length <= 100;
}

/** Anonymous pages rendered once are served for this long (http/page-cache.ts). */
export const PAGE_CACHE_TTL_MS = 5 * 60_000;

/** A full session's last-seen time (and with it its sliding expiry) is written at most this often. */
export const SESSION_TOUCH_MS = 60_000;

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: T;
    session: Session | null;
    user: User | null;
    /** The signed-in user's view version (migration 029), read with the session; 0 without one. */
    viewVersion: number;
    sessionToken: string | null;
    /** HMAC of the visitor's CSRF cookie, computed the first time a page or a check asks for it (most pages have no form). */
    readonly csrfToken: string;
    csrfSeed: string | null;
    csrfTokenMemo: string | null;
    company: Company | null;
    companyRole: Role | null;
    apiToken: ApiToken | null;
  }
}

export interface CookieNames {
  session: string;
  csrf: string;
}

export function cookieNames(secure: boolean): CookieNames {
  // The __Host- prefix (RFC 6265bis §4.1.3.2) pins a cookie to this host, path / and HTTPS.
  return secure ? { session: '__Host-schild_session', csrf: '__Host-schild_csrf' } : { session: 'schild_session', csrf: 'schild_csrf' };
}

export function cookieOptions(deps: AppDeps, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function localeOf(request: FastifyRequest): Locale {
  const params = request.params as Record<string, unknown> | undefined;
  if (params && isLocale(params.lang)) return params.lang;
  const first = request.url.split('/')[1];
  if (isLocale(first)) return first;
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(q)) return q;
  return negotiateLocale(request.headers['accept-language']) ?? DEFAULT_LOCALE;
}

export function registerRequestContext(app: FastifyInstance, deps: AppDeps): PageCache {
  const names = cookieNames(deps.config.secureCookies);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as unknown as T);
  app.decorateRequest('session', null);
  app.decorateRequest('user', null);
  app.decorateRequest('viewVersion', 0);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfSeed', null);
  app.decorateRequest('csrfTokenMemo', null);
  const secret = deps.config.sessionSecret;
  const pageCache = registerPageCache(app, { ttlMs: PAGE_CACHE_TTL_MS, maxEntries: 256, now: () => deps.clock.now().getTime(), sessionCookie: names.session });
  // The form token of a visitor's CSRF cookie, kept so a returning visitor's pages do not compute the HMAC again
  // (about 4 % of a signed-in page's CPU, bench/README.md). Bounded: emptied when full, since anyone can send a seed.
  const formTokens = new Map<string, string>();
  const formToken = (seed: string): string => {
    let token = formTokens.get(seed);
    if (token === undefined) {
      token = hmac(secret, `csrf:${seed}`);
      if (formTokens.size >= 10_000) formTokens.clear();
      formTokens.set(seed, token);
    }
    return token;
  };
  app.decorateRequest('csrfToken', {
    getter(this: FastifyRequest): string {
      if (this.csrfTokenMemo === null) this.csrfTokenMemo = this.csrfSeed ? formToken(this.csrfSeed) : '';
      return this.csrfTokenMemo;
    },
  });
  app.decorateRequest('company', null);
  app.decorateRequest('companyRole', null);
  app.decorateRequest('apiToken', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.locale = localeOf(request);
    request.t = translator(request.locale);
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return;

    // CSRF: a random value in an HttpOnly cookie; forms carry HMAC(secret, value) (signed double submit).
    let csrfSeed = request.cookies[names.csrf];
    if (!keepsCsrfSeed(csrfSeed)) {
      csrfSeed = randomToken(24);
      reply.setCookie(names.csrf, csrfSeed, cookieOptions(deps));
      request.cookies[names.csrf] = csrfSeed;
    }
    request.csrfSeed = csrfSeed;

    const token = request.cookies[names.session];
    if (token === undefined && pageCache.cacheable(request)) {
      const body = pageCache.get(request.url);
      if (body) return reply.headers(PAGE_HEADERS).send(body);
    }
    if (!token || token.length > 100) return;
    const now = deps.clock.now();
    const found = await findLiveSessionWithUser(deps.db, sha256(token), now.toISOString());
    if (!found) {
      reply.clearCookie(names.session, cookieOptions(deps));
      return;
    }
    const { session, user, viewVersion } = found;
    request.session = session;
    request.sessionToken = token;
    request.user = user;
    request.viewVersion = viewVersion;
    // Sliding expiry, written at most once a minute to keep reads cheap.
    if (session.stage === 'full' && now.getTime() - new Date(session.lastSeenAt).getTime() > SESSION_TOUCH_MS) {
      await touchSession(deps.db, session.id, now.toISOString(), addMinutes(now, SESSION_IDLE_DAYS * 24 * 60).toISOString());
    }
  });
  return pageCache;
}

export function csrfValid(request: FastifyRequest, provided: unknown): boolean {
  return typeof provided === 'string' && request.csrfToken.length > 0 && safeEqual(provided, request.csrfToken);
}
