/**
 * Anonymous pages whose HTML depends only on their URL are rendered once and served from memory for a few
 * minutes (src/http/page-cache.ts, decision 0010). These tests hold the promise that makes this safe: a cached
 * answer is byte for byte what the normal path sends, with the same security headers and cookies, and nothing
 * personal (a signed-in visitor's page, a form's CSRF token, a query) is ever stored or served to someone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { h } from 'preact';
import type { Browser } from '../support/app.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ownerWithCompany } from '../support/flows.ts';
import Fastify, { type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { registerPageCache } from '../../src/http/page-cache.ts';
import { sendPage } from '../../src/http/render.ts';
import { PAGE_CACHE_TTL_MS } from '../../src/http/request-context.ts';

const VOLATILE = new Set(['date', 'x-request-id', 'set-cookie', 'content-length']);
const stable = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([k]) => !VOLATILE.has(k)));

describe('anonymous page cache', () => {
  let t: TestApp;
  let owner: Browser;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    ({ b: owner } = await ownerWithCompany(t, 'cache-owner@example.be'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the second anonymous view from memory, with the same bytes, headers and a new visitor cookie', async () => {
    const before = t.app.pageCache.hits;
    const first = await t.app.inject({ url: '/fr/about' });
    const second = await t.app.inject({ url: '/fr/about' });
    expect(t.app.pageCache.hits).toBe(before + 1);
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.body).toContain('lang="fr"');
    expect(stable(second.headers)).toEqual(stable(first.headers));
    expect(second.headers['content-security-policy']).toContain("default-src 'self'");
    expect(second.headers['cache-control']).toBe('no-store');
    // A first-time visitor still gets its own CSRF cookie, different from the first visitor's.
    const csrf = (r: typeof first) => (r.cookies as { name: string; value: string }[]).find((c) => c.name === 'schild_csrf')?.value;
    expect(csrf(second)).toBeTruthy();
    expect(csrf(second)).not.toBe(csrf(first));
  });

  it('never shows a signed-in visitor the anonymous page, nor stores theirs', async () => {
    await t.app.inject({ url: '/en/' });
    const anonymous = await t.app.inject({ url: '/en/' });
    const hits = t.app.pageCache.hits;
    const mine = await owner.get('/en/');
    expect(t.app.pageCache.hits).toBe(hits);
    expect(mine.body).not.toBe(anonymous.body);
    expect(mine.body).toContain('/en/account');
    const after = await t.app.inject({ url: '/en/' });
    expect(after.body).toBe(anonymous.body);
    expect(after.body).not.toContain('/en/account');
  });

  it('an invalid session cookie goes the normal way (and is cleared), without touching the cache', async () => {
    const hits = t.app.pageCache.hits;
    const res = await t.app.inject({ url: '/en/', headers: { cookie: 'schild_session=not-a-session' } });
    expect(res.statusCode).toBe(200);
    expect(t.app.pageCache.hits).toBe(hits);
    expect((res.cookies as { name: string; value: string }[]).some((c) => c.name === 'schild_session' && c.value === '')).toBe(true);
  });

  it('does not store a page whose render read the CSRF token', async () => {
    // No opted-in page has a form today, so an app of its own carries one: the request context's token getter,
    // the cookie plugin and sendPage, as in Schild.
    const app = Fastify();
    await app.register(fastifyCookie);
    const cache = registerPageCache(app, { ttlMs: 60_000, maxEntries: 8, now: () => Date.now(), sessionCookie: 'schild_session' });
    app.decorateRequest('session', null);
    app.decorateRequest('csrfTokenMemo', null);
    const form = (request: FastifyRequest) => {
      request.csrfTokenMemo = `token-of-${request.cookies.schild_csrf ?? ''}`;
      return h('html', null, h('body', null, h('form', { method: 'post' }, h('input', { type: 'hidden', name: '_csrf', value: request.csrfTokenMemo }))));
    };
    app.get('/form', { config: { anonymousCache: true } }, async (request, reply) => sendPage(reply, form(request)));
    app.get('/plain', { config: { anonymousCache: true } }, async (_request, reply) => sendPage(reply, h('html', null, h('body', null, 'same for all'))));
    const a = await app.inject({ url: '/form', headers: { cookie: 'schild_csrf=a' } });
    const b = await app.inject({ url: '/form', headers: { cookie: 'schild_csrf=b' } });
    expect(a.body).toContain('token-of-a');
    expect(b.body).toContain('token-of-b');
    expect(cache.size).toBe(0);
    await app.inject({ url: '/plain' });
    expect(cache.size).toBe(1);
    await app.close();
  });

  it('does not store an answer to a URL with a query, or an error page', async () => {
    const size = t.app.pageCache.size;
    await t.app.inject({ url: '/nl/support-schemes?region=flanders' });
    await t.app.inject({ url: '/nl/support-schemes?region=flanders' });
    const bad = await t.app.inject({ url: '/nl/support-schemes?region=mars' });
    expect(bad.statusCode).toBe(422);
    expect(t.app.pageCache.size).toBe(size);
  });

  it('renders the page again once the stored copy is older than the limit', async () => {
    await t.app.inject({ url: '/de/privacy' });
    const hits = t.app.pageCache.hits;
    await t.app.inject({ url: '/de/privacy' });
    expect(t.app.pageCache.hits).toBe(hits + 1);
    t.clock.advance(PAGE_CACHE_TTL_MS + 1);
    await t.app.inject({ url: '/de/privacy' });
    expect(t.app.pageCache.hits).toBe(hits + 1);
    await t.app.inject({ url: '/de/privacy' });
    expect(t.app.pageCache.hits).toBe(hits + 2);
  });
});
