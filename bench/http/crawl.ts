/**
 * Finding the pages of `npm run bench:pages` (bench/http/pages.ts) the way a visitor does: following the `<a href>`
 * links of the pages, from a few start pages, as one visitor (a cookie) at a time. Same origin, GET only, /en/ only.
 *
 * URLs are grouped by route pattern (routePattern): UUIDs, numeric ids, tokens and the slugs after known list
 * prefixes become placeholders, and only the first URL of each pattern is fetched and kept. The pure parts
 * (extractLinks, skipReason, routePattern) are tested in test/bench-pages-crawl.test.ts.
 */
import { LOCALES } from '../../src/core/locale.ts';

/** Why a link is not followed, or null to follow it. `path` is a same-origin path with its query. */
export function skipReason(path: string): string | null {
  const pathname = path.split('?', 1)[0] ?? '';
  // One language is enough: the pages of every language run the same code (routes are /:lang/…).
  const first = pathname.split('/')[1] ?? '';
  if (first !== 'en' && (LOCALES as readonly string[]).includes(first)) return 'other language';
  if (pathname !== '/en' && !pathname.startsWith('/en/')) return 'outside /en/';
  if (/\/logout(\/|$)/.test(pathname)) return 'logout';
  // GET routes that change state: confirming an e-mail address, and a learner's lesson (it records that the lesson was
  // started; it needs a learner's cookie, which neither visitor has, so this is a precaution). The learning mails'
  // unsubscribe page only shows a confirmation form, but stays out so that no crawl ever comes near it. (A phishing
  // mail's link /p/:token and a learner's link /learn/:token lie outside /en/.)
  if (/\/(verify-email)(\/|$)/.test(pathname) || /\/learn\/lessons\//.test(pathname)) return 'changes state on GET';
  if (/\/unsubscribe(\/|$)/.test(pathname)) return 'unsubscribe page';
  if (/\.(pdf|csv|json|ics|txt|xml|zip|png|jpe?g|gif|svg|webp|ico|css|js)$/i.test(pathname)) return 'download (by extension)';
  return null;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'", '#x2F': '/', '#47': '/' };
const decode = (s: string) => s.replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? m);

/**
 * The same-origin targets of a page's `<a href>` links as path + query (fragment dropped), in order, without
 * duplicates. Links with a `download` attribute and other origins or schemes (mailto:, tel:, javascript:) are left out.
 */
export function extractLinks(html: string, pageUrl: string): string[] {
  const page = new URL(pageUrl);
  const out = new Set<string>();
  for (const m of html.matchAll(/<a\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    if (/(^|\s)download(\s|=|$)/i.test(attrs)) continue;
    const href = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attrs);
    const raw = href?.[1] ?? href?.[2] ?? href?.[3];
    if (raw === undefined || raw.trim() === '' || raw.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(decode(raw.trim()), page);
    } catch {
      continue;
    }
    if (url.origin !== page.origin) continue;
    out.add(url.pathname + url.search);
  }
  return [...out];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * The segment after these words is an identifier chosen by content or a capability token, except the fixed words
 * listed: [placeholder, fixed words]. Read off the routes of src/http/web (an article, a lesson, an assessment theme,
 * a document, an incident draft; invitation, join and incident follow-up tokens).
 */
const AFTER: Record<string, readonly [string, readonly string[]]> = {
  articles: [':slug', []],
  lessons: [':slug', []],
  assessment: [':slug', ['pack']],
  track: [':slug', []],
  documents: [':slug', []],
  drafts: [':slug', []],
  testimonies: [':slug', []],
  providers: [':slug', []],
  'sector-packs': [':slug', []],
  'shared-plans': [':slug', []],
  campaigns: [':slug', []],
  phishing: [':slug', ['documents', 'results', 'campaigns']],
  follow: [':token', []],
  invitations: [':token', []],
  'org-invitations': [':token', []],
  join: [':token', []],
};

function placeholder(segment: string, previous: string | undefined, index: number): string {
  if (UUID.test(segment)) return ':id';
  if (/^\d+$/.test(segment)) return ':n';
  // The language (the first segment) stays as it is; a fixed word of the route after one of AFTER's words too.
  const after = index > 1 && previous !== undefined && Object.hasOwn(AFTER, previous) ? AFTER[previous] : undefined;
  if (after && !after[1].includes(segment)) return after[0];
  // A capability token anywhere else: long, URL-safe, with a digit or upper-case letter (words and slugs have neither).
  if (segment.length >= 16 && /^[A-Za-z0-9_-]+$/.test(segment) && /[0-9A-Z_]/.test(segment)) return ':token';
  return segment;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/**
 * The route pattern of a path + query: identifiers become placeholders and the query keeps its (sorted, distinct) keys
 * with "…" for values, so `/en/articles/one-person-responsible` → `/en/articles/:slug` and
 * `/en/companies/<uuid>/incidents?status=open` → `/en/companies/:id/incidents?status=…`.
 */
export function routePattern(path: string): string {
  const q = path.indexOf('?');
  const pathname = q < 0 ? path : path.slice(0, q);
  const segments = pathname.split('/');
  const mapped = segments.map((s, i) => (s === '' ? s : placeholder(safeDecode(s), segments[i - 1], i)));
  const keys = q < 0 ? [] : [...new Set(new URLSearchParams(path.slice(q + 1)).keys())].sort();
  return mapped.join('/') + (keys.length ? `?${keys.map((k) => `${k}=…`).join('&')}` : '');
}

export interface Visitor {
  name: string;
  /** The Cookie header this visitor sends. */
  cookie: string;
  start: string[];
}

export interface CrawledPage {
  visitor: string;
  pattern: string;
  /** The first URL (path + query) found for the pattern: the one measured. */
  path: string;
  status: number;
  /** Where a redirect points, for the report. */
  location?: string;
}

export interface CrawlResult {
  pages: CrawledPage[];
  fetches: number;
  /** Links not followed, by reason, counted once per distinct path and visitor. */
  skipped: Record<string, number>;
  /** True when the fetch budget ran out with links still to visit. */
  truncated: boolean;
}

/**
 * Visits the visitors' start pages and then every link they lead to, one URL per pattern and visitor, taking turns
 * between the visitors so that each gets a share of the `maxFetches` budget. Only 200 text/html pages are read for
 * links; a redirect's same-origin target is followed; answers of another content type count as downloads and are
 * dropped from the list.
 */
export async function crawl(base: string, visitors: Visitor[], maxFetches: number): Promise<CrawlResult> {
  const skipped: Record<string, number> = {};
  const pages: CrawledPage[] = [];
  const state = visitors.map((v) => ({ v, queue: [] as string[], patterns: new Set<string>(), skippedPaths: new Set<string>() }));
  const offer = (s: (typeof state)[number], path: string) => {
    const reason = skipReason(path);
    if (reason) {
      if (!s.skippedPaths.has(path)) {
        s.skippedPaths.add(path);
        skipped[reason] = (skipped[reason] ?? 0) + 1;
      }
      return;
    }
    const pattern = routePattern(path);
    if (s.patterns.has(pattern)) return;
    s.patterns.add(pattern);
    s.queue.push(path);
  };
  for (const s of state) for (const p of s.v.start) offer(s, p);

  let fetches = 0;
  while (fetches < maxFetches && state.some((s) => s.queue.length)) {
    for (const s of state) {
      const path = s.queue.shift();
      if (path === undefined || fetches >= maxFetches) continue;
      fetches++;
      const res = await fetch(`${base}${path}`, { headers: { cookie: s.v.cookie }, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const type = res.headers.get('content-type') ?? '';
      const page: CrawledPage = { visitor: s.v.name, pattern: routePattern(path), path, status: res.status };
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location') ?? '';
        page.location = location;
        await res.body?.cancel();
        const target = new URL(location, `${base}${path}`);
        if (target.origin === new URL(base).origin) offer(s, target.pathname + target.search);
      } else if (res.status === 200 && !type.startsWith('text/html')) {
        await res.body?.cancel();
        skipped['download (by content-type)'] = (skipped['download (by content-type)'] ?? 0) + 1;
        continue;
      } else if (res.status === 200) {
        for (const link of extractLinks(await res.text(), `${base}${path}`)) offer(s, link);
      } else await res.body?.cancel();
      pages.push(page);
    }
  }
  return { pages, fetches, skipped, truncated: state.some((s) => s.queue.length > 0) };
}

/** The first `limit` pages taking turns between the visitors, so that a short run still measures both. */
export function takeTurns(pages: CrawledPage[], limit: number): CrawledPage[] {
  const byVisitor = new Map<string, CrawledPage[]>();
  for (const p of pages) byVisitor.set(p.visitor, [...(byVisitor.get(p.visitor) ?? []), p]);
  const lists = [...byVisitor.values()];
  const out: CrawledPage[] = [];
  for (let i = 0; out.length < Math.min(limit, pages.length); i++) {
    for (const list of lists) if (list[i] && out.length < limit) out.push(list[i]!);
  }
  return out;
}
