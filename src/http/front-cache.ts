/**
 * The front path: a stored anonymous page (http/page-cache.ts) is answered before the request reaches Fastify.
 *
 * Once the home page is rendered once (decision 0010), the work left per request was the framework's: routing, the
 * request and reply objects, five hooks, the cookie plugin's two passes and the metrics hook, about half of the
 * request's CPU (bench/README.md, issue 13). For a page whose bytes and headers are the same for every visitor, none
 * of it decides anything. Here the Node server's request handler looks the URL up first and, only when the request is
 * one the normal path would have answered from the same stored copy, writes the stored status, headers and body
 * itself (decision 0011). Everything else goes to Fastify unchanged.
 *
 * The conditions are the normal path's, checked on the raw request:
 * - GET, no query string, a stored live copy for exactly this URL (only opted-in routes' 200 answers are stored);
 * - no Authorization header and no session cookie (a signed-in visitor, or a stale session cookie to clear, goes
 *   the normal way);
 * - a CSRF cookie the request context would keep (20–100 characters): a visitor without one goes the normal way
 *   and gets its own cookie there;
 * - the server is not closing (Fastify answers 503 then).
 * The request still counts in `schild_http_request_duration_seconds` under its route, and is logged at info level
 * like any other request.
 *
 * A signed-in page stored by a route that opted in (session-page-cache.ts, decision 0012) is answered here too, after
 * one read of the session and the user's view version; when anything differs the request goes to Fastify.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fastifyCookie } from '@fastify/cookie';
import { keepsCsrfSeed, SESSION_TOUCH_MS } from './request-context.ts';
import type { Logger } from 'pino';
import type { PageCache } from './page-cache.ts';
import type { Metrics } from './ops.routes.ts';
import type { AppDeps } from '../app/deps.ts';
import { sha256 } from '../adapters/crypto.ts';
import { redactUrl } from './log-redaction.ts';
import { findLiveSessionVersion } from '../db/repositories/session.repository.ts';
import { sessionCookies, sessionPageKey, type SessionPage, type SessionPageCache } from './session-page-cache.ts';

export interface FrontCacheOptions {
  cache: PageCache;
  /** Signed-in pages stored with their user's view version (session-page-cache.ts, decision 0012). */
  sessionPages: SessionPageCache;
  deps: Pick<AppDeps, 'db' | 'clock'>;
  cookies: { session: string; csrf: string };
  metrics: Pick<Metrics, 'httpDuration'>;
  log: Logger;
  /** True once the server has begun to close. */
  closing: () => boolean;
}

export interface FrontCache {
  /**
   * Answers the request from a stored page and returns true, or returns false and leaves it untouched; for a stored
   * signed-in page, a promise of either once the session is checked.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  /** Requests answered here. */
  readonly served: number;
  /** Of those, signed-in pages. */
  readonly servedSignedIn: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    frontCache: FrontCache;
  }
}

export function createFrontCache(options: FrontCacheOptions): FrontCache {
  const { cache, sessionPages, deps, cookies, metrics, log, closing } = options;
  let served = 0;
  let servedSignedIn = 0;

  function send(req: IncomingMessage, res: ServerResponse, url: string, entry: { head: string[]; body: Buffer; route: string }, started: number): true {
    res.writeHead(200, entry.head);
    res.end(entry.body);
    served += 1;
    const seconds = (performance.now() - started) / 1000;
    // The answer is out: nothing below may hand the request to Fastify again, so a failure here is only logged.
    try {
      metrics.httpDuration.observe({ method: 'GET', route: entry.route, status: '200' }, seconds);
      // The URL redacted as Fastify's request log redacts it. No client address: behind a proxy the socket's is the
      // proxy's, and the page's own log line does not need it.
      if (log.isLevelEnabled('info')) log.info({ reqId: req.headers['x-request-id'] ?? randomUUID(), req: { method: 'GET', url: redactUrl(url), host: req.headers.host }, res: { statusCode: 200 }, responseTime: seconds * 1000, frontCache: true }, 'request completed');
    } catch (error) {
      log.error({ err: error }, 'front path: recording a request failed');
    }
    return true;
  }

  /** A stored signed-in page, sent only if the session read now still backs it (session-page-cache.ts). */
  async function serveSignedIn(req: IncomingMessage, res: ServerResponse, url: string, key: string, entry: SessionPage, token: string, started: number): Promise<boolean> {
    const now = deps.clock.now();
    let found: Awaited<ReturnType<typeof findLiveSessionVersion>>;
    try {
      found = await findLiveSessionVersion(deps.db, sha256(token), now.toISOString());
    } catch {
      // The database is unreachable: the normal path answers (503) and the stored page is not trusted again.
      sessionPages.delete(key);
      return false;
    }
    const current =
      found !== undefined &&
      found.stage === 'full' &&
      found.id === entry.sessionId &&
      found.userId === entry.userId &&
      found.viewVersion === entry.viewVersion &&
      // The normal path would write the last-seen time now: let it.
      now.getTime() - new Date(found.lastSeenAt).getTime() <= SESSION_TOUCH_MS;
    if (!current || closing() || res.headersSent) {
      sessionPages.delete(key);
      return false;
    }
    servedSignedIn += 1;
    return send(req, res, url, entry, started);
  }

  return {
    get served() {
      return served;
    },
    get servedSignedIn() {
      return servedSignedIn;
    },
    serve(req, res) {
      const url = req.url;
      if (req.method !== 'GET' || url === undefined || url.includes('?') || req.headers.authorization !== undefined || closing()) return false;
      const raw = req.headers.cookie;
      if (raw === undefined || !raw.includes(cookies.csrf)) return false;
      const started = performance.now();
      if (raw.includes(cookies.session)) {
        const signedIn = sessionCookies(raw, cookies);
        if (signedIn === null) return false;
        const key = sessionPageKey(url, signedIn);
        const entry = sessionPages.get(key);
        return entry === undefined ? false : serveSignedIn(req, res, url, key, entry, signedIn.session, started);
      }
      // Parsed as the cookie plugin parses it, so both paths agree on what the visitor sent.
      const jar = fastifyCookie.parse(raw);
      if (jar[cookies.session] !== undefined) return false;
      if (!keepsCsrfSeed(jar[cookies.csrf])) return false;
      const entry = cache.entry(url);
      if (entry === undefined) return false;
      return send(req, res, url, entry, started);
    },
  };
}
