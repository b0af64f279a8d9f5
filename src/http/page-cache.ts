/**
 * Anonymous pages whose HTML depends on nothing but their URL (the home page, about, privacy, the support schemes,
 * the IT-provider checklist) are rendered once and then sent as the same bytes to every visitor without a session,
 * for a few minutes. Profiles showed the render and the string's byte count at about a quarter of such a request's
 * CPU (bench/README.md, decision 0010).
 *
 * A page is stored only when everything that could make it personal is absent, so the cached bytes are what the
 * normal path would have produced:
 * - the route opted in (`config: { anonymousCache: true }`), with GET, a 200 answer and no query string;
 * - no session cookie and no Authorization header came with the request (a signed-in visitor sees their name);
 * - the render did not read the CSRF token (a page with a form carries the visitor's own token).
 * A stored page is answered in one of two places. A request that already carries its CSRF cookie is answered in
 * front of the framework (http/front-cache.ts, decision 0011) with the stored headers, which are the security and
 * page headers the normal path set; a first visit goes through the hooks, which give it its CSRF cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const PAGE_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } as const;

/**
 * A stored page's headers as Node's flat raw list (name, value, …): the headers the normal path set (security and page
 * headers), never a Set-Cookie (a cookie is never the same for two answers), and the body's length.
 */
export function headList(headers: Record<string, unknown>, length: number): string[] {
  const head: string[] = [];
  for (const [name, value] of Object.entries({ ...headers, ...PAGE_HEADERS })) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie' || lower === 'content-length' || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) head.push(lower, String(v));
  }
  head.push('content-length', String(length));
  return head;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The page's HTML depends only on its URL for anonymous visitors (see http/page-cache.ts). */
    anonymousCache?: boolean;
  }
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export interface PageCacheOptions {
  /** How long a stored page is served, in ms: bounds staleness for anything time-dependent in a layout. */
  ttlMs: number;
  /** At most this many pages are held (4 languages × a handful of pages in practice). */
  maxEntries: number;
  now: () => number;
  /** The session cookie's name: a request carrying one is never answered from the cache. */
  sessionCookie: string;
}

interface Entry {
  body: Buffer;
  expires: number;
  /** The whole answer's headers as Node's flat raw list (name, value, …), for the front path (http/front-cache.ts). */
  head: string[];
  /** The route pattern, for the request metrics of the front path. */
  route: string;
}

/**
 * Stored pages by key, each for a fixed time, at most `maxEntries` (the oldest stored goes first). Shared by the
 * anonymous pages here and the signed-in pages of session-page-cache.ts.
 */
export class PageStore<V> {
  private readonly entries = new Map<string, V & { expires: number }>();
  constructor(private readonly options: { ttlMs: number; maxEntries: number; now: () => number }) {}

  /** The live entry for a key, or undefined (an expired one is forgotten). */
  get(key: string): (V & { expires: number }) | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.options.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { ...value, expires: this.options.now() + this.options.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

export class PageCache {
  private readonly store: PageStore<Omit<Entry, 'expires'>>;
  hits = 0;
  constructor(private readonly options: PageCacheOptions) {
    this.store = new PageStore(options);
  }

  get(url: string): Buffer | null {
    return this.entry(url)?.body ?? null;
  }

  /** The live entry for a URL (counted as a hit), or undefined. */
  entry(url: string): Entry | undefined {
    const entry = this.store.get(url);
    if (entry) this.hits += 1;
    return entry;
  }

  /**
   * Stores a page. `headers` are the answer's own headers as the normal path sends them (security headers and the
   * page headers); a Set-Cookie among them is dropped, since a cookie is never the same for two visitors.
   */
  set(url: string, html: string, headers: Record<string, unknown> = {}, route = url): void {
    const body = Buffer.from(html, 'utf8');
    this.store.set(url, { body, head: headList(headers, body.length), route });
  }

  get size(): number {
    return this.store.size;
  }

  /** An opted-in GET without a query string, from a visitor without a session cookie or an Authorization header. */
  cacheable(request: FastifyRequest): boolean {
    return (
      request.method === 'GET' &&
      request.routeOptions.config?.anonymousCache === true &&
      !request.url.includes('?') &&
      request.cookies[this.options.sessionCookie] === undefined &&
      request.headers.authorization === undefined
    );
  }
}

/** Stores what sendPage rendered when nothing personal went into it. */
export function rememberPage(reply: FastifyReply, status: number, html: string): void {
  const request = reply.request;
  const cache = reply.server.pageCache as PageCache | undefined;
  if (!cache || status !== 200 || request.session !== null || request.csrfTokenMemo !== null || !cache.cacheable(request)) return;
  cache.set(request.url, html, reply.getHeaders(), request.routeOptions.url ?? request.url);
}

export function registerPageCache(app: FastifyInstance, options: PageCacheOptions): PageCache {
  const cache = new PageCache(options);
  app.decorate('pageCache', cache);
  return cache;
}
