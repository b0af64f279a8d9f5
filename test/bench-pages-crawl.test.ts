/**
 * The pure parts of `npm run bench:pages`'s crawl (bench/http/crawl.ts): which links are followed, and how URLs are
 * grouped into route patterns so that each page is measured once per visitor.
 */
import { describe, expect, it } from 'vitest';
import { extractLinks, routePattern, skipReason, takeTurns, type CrawledPage } from '../bench/http/crawl.ts';

const ID = 'c6de9063-2cd9-4a16-a714-445db6934714';
const ID2 = '448b1a52-a9cd-4ec8-8fc8-4aacedb3ea20';

describe('extractLinks', () => {
  const base = 'http://127.0.0.1:3000/en/companies/x/';
  it('resolves same-origin hrefs against the page, decodes entities, drops fragments and duplicates', () => {
    const html = `<nav><a href="/en/articles">A</a> <a class="x" href='results'>R</a> <a href=/en/scan>S</a>
      <a href="/en/support-schemes?region=flanders&amp;x=1#top">S</a> <a href="/en/articles#again">A</a>
      <A HREF="/en/about">About</A></nav>`;
    expect(extractLinks(html, base)).toEqual(['/en/articles', '/en/companies/x/results', '/en/scan', '/en/support-schemes?region=flanders&x=1', '/en/about']);
  });

  it('leaves out other origins, other schemes, bare fragments, downloads and anchors without href', () => {
    const html = `<a href="https://example.org/en/">x</a><a href="//evil.test/en/">x</a><a href="mailto:a@b.be">m</a>
      <a href="tel:+32">t</a><a href="javascript:void(0)">j</a><a href="#main">skip</a><a name="top">n</a>
      <a href="/en/plan.pdf" download>d</a><a download="plan.pdf" href="/en/x">d</a><a data-href="/en/no">n</a>
      <a href="http://127.0.0.1:3000/en/privacy">same origin, absolute</a>`;
    expect(extractLinks(html, base)).toEqual(['/en/privacy']);
  });
});

describe('skipReason', () => {
  it('follows /en/ pages only, and says why not the rest', () => {
    expect(skipReason('/en/')).toBeNull();
    expect(skipReason('/en')).toBeNull();
    expect(skipReason(`/en/companies/${ID}/results?x=1`)).toBeNull();
    expect(skipReason('/nl/account')).toBe('other language');
    expect(skipReason('/fr/')).toBe('other language');
    expect(skipReason('/de')).toBe('other language');
    expect(skipReason('/english')).toBe('outside /en/');
    expect(skipReason('/p/abc123')).toBe('outside /en/');
    expect(skipReason('/api/v1/openapi.json')).toBe('outside /en/');
  });

  it('never follows logout, GETs that change state or downloads', () => {
    expect(skipReason('/en/logout')).toBe('logout');
    expect(skipReason('/en/learn/unsubscribe/AbC123xyz')).toBe('unsubscribe page');
    expect(skipReason('/en/learn/lessons/strong-passwords')).toBe('changes state on GET');
    expect(skipReason('/en/verify-email?token=abc')).toBe('changes state on GET');
    for (const f of ['plan.pdf', 'answers.csv', 'data.json', 'cal.ics', 'REPORT.PDF']) expect(skipReason(`/en/companies/${ID}/${f}`)).toBe('download (by extension)');
    expect(skipReason('/en/articles?format=pdf')).toBeNull(); // the extension of the path counts, not the query
  });
});

describe('routePattern', () => {
  it('replaces UUIDs and numeric ids, keeps fixed words and the language', () => {
    expect(routePattern(`/en/companies/${ID}`)).toBe('/en/companies/:id');
    expect(routePattern(`/en/companies/${ID}/incidents/${ID2}/testimony`)).toBe('/en/companies/:id/incidents/:id/testimony');
    expect(routePattern('/en/admin/testimonies/42')).toBe('/en/admin/testimonies/:n'); // a number first
    expect(routePattern('/en/things/42/edit')).toBe('/en/things/:n/edit');
    expect(routePattern('/en/')).toBe('/en/');
    expect(routePattern('/en/companies/new')).toBe('/en/companies/new');
    expect(routePattern('/en/forgot-password')).toBe('/en/forgot-password');
  });

  it('replaces the slug after a known list prefix but not the fixed words beside it', () => {
    expect(routePattern('/en/articles/one-person-responsible')).toBe('/en/articles/:slug');
    expect(routePattern('/en/articles/backups')).toBe('/en/articles/:slug');
    expect(routePattern('/en/articles')).toBe('/en/articles');
    expect(routePattern(`/en/companies/${ID}/assessment/organisation`)).toBe('/en/companies/:id/assessment/:slug');
    expect(routePattern(`/en/companies/${ID}/assessment/pack/${ID2}`)).toBe('/en/companies/:id/assessment/pack/:id');
    expect(routePattern(`/en/companies/${ID}/phishing/documents`)).toBe('/en/companies/:id/phishing/documents');
    expect(routePattern(`/en/companies/${ID}/phishing/documents/staff-notice`)).toBe('/en/companies/:id/phishing/documents/:slug');
    expect(routePattern(`/en/companies/${ID}/phishing/results`)).toBe('/en/companies/:id/phishing/results');
    expect(routePattern(`/en/companies/${ID}/incidents/${ID2}/drafts/gdpr_dpa_notification`)).toBe('/en/companies/:id/incidents/:id/drafts/:slug');
    expect(routePattern('/en/learn/lessons/passwords/quiz')).toBe('/en/learn/lessons/:slug/quiz');
  });

  it('replaces capability tokens, after the token routes and anywhere else', () => {
    expect(routePattern('/en/join/abcdefabcdef')).toBe('/en/join/:token');
    expect(routePattern('/en/incidents/follow/x7Yq_9-PzK2mN4rT/drafts/police')).toBe('/en/incidents/follow/:token/drafts/:slug');
    expect(routePattern('/en/unknown/Zx81_kdP0qLmN3aB5c')).toBe('/en/unknown/:token');
    expect(routePattern('/en/it-provider-checklist')).toBe('/en/it-provider-checklist'); // long, but a word
  });

  it('keeps the query keys, sorted and once each, without their values', () => {
    expect(routePattern('/en/support-schemes?region=flanders')).toBe('/en/support-schemes?region=…');
    expect(routePattern('/en/x?b=2&a=1&b=3')).toBe('/en/x?a=…&b=…');
    expect(routePattern(`/en/incident/report?company=${ID}`)).toBe(routePattern('/en/incident/report?company=other'));
  });

  it('does not mistake a word of Object.prototype for a list prefix', () => {
    expect(routePattern('/en/constructor/x')).toBe('/en/constructor/x');
    expect(routePattern('/en/toString/a')).toBe('/en/toString/a');
  });
});

describe('takeTurns', () => {
  const page = (visitor: string, n: number): CrawledPage => ({ visitor, pattern: `/en/${n}`, path: `/en/${n}`, status: 200 });
  it('takes the first pages of each visitor in turn, up to the limit', () => {
    const pages = [page('anonymous', 1), page('anonymous', 2), page('anonymous', 3), page('owner', 1)];
    expect(takeTurns(pages, 3).map((p) => `${p.visitor}${p.pattern}`)).toEqual(['anonymous/en/1', 'owner/en/1', 'anonymous/en/2']);
    expect(takeTurns(pages, 10)).toHaveLength(4);
    expect(takeTurns(pages, 0)).toEqual([]);
  });
});
