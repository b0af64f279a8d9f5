/**
 * The front path (src/http/front-cache.ts, decision 0011): a stored anonymous page is answered by the Node server's
 * request handler before Fastify, over a real loopback connection (inject() does not go through the server). These
 * tests hold it to the normal path: the same status, headers and bytes; and every request the normal path would
 * answer differently (a session, a missing or unusable CSRF cookie, a query, another method, an Authorization header,
 * a closing server) goes to Fastify. The request still counts in the request metrics under its route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { ownerWithCompany } from '../support/flows.ts';

const METRICS_TOKEN = 'front-cache-metrics-token-0123';
const VOLATILE = new Set(['date', 'set-cookie', 'content-length', 'connection', 'keep-alive']);
const stable = (headers: Headers) => { const out: Record<string, string> = {}; headers.forEach((v, k) => { if (!VOLATILE.has(k)) out[k] = v; }); return out; };

describe('front path for stored anonymous pages', () => {
  let t: TestApp;
  let base: string;
  let owner: Browser;
  let csrf: string;

  beforeAll(async () => {
    t = await createTestApp('sqlite', { METRICS_TOKEN });
    ({ b: owner } = await ownerWithCompany(t, 'front-owner@example.be'));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // A first visit: rendered by Fastify, stored, and the visitor's CSRF cookie set.
    const first = await fetch(`${base}/nl/about`);
    expect(first.status).toBe(200);
    csrf = /schild_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')![1]!;
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { cookie: `schild_csrf=${csrf}`, ...headers } });

  it('answers a returning visitor from the stored copy with the normal path’s status, headers and bytes', async () => {
    const normal = await fetch(`${base}/nl/about`); // no CSRF cookie: the normal path, which sets one
    const served = t.app.frontCache.served;
    const front = await get('/nl/about');
    expect(t.app.frontCache.served).toBe(served + 1);
    expect(front.status).toBe(200);
    const body = await front.text();
    expect(body).toBe(await normal.text());
    expect(body).toContain('lang="nl"');
    expect(stable(front.headers)).toEqual(stable(normal.headers));
    expect(front.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(front.headers.get('x-frame-options')).toBe('DENY');
    expect(front.headers.get('cache-control')).toBe('no-store');
    expect(front.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Number(front.headers.get('content-length'))).toBe(Buffer.byteLength(body));
    // A returning visitor keeps its cookie: nothing is set.
    expect(front.headers.get('set-cookie')).toBeNull();
  });

  it('never answers a signed-in visitor from the stored copy', async () => {
    await get('/en/');
    const session = owner.cookies.get('schild_session')!;
    const served = t.app.frontCache.served;
    const mine = await get('/en/', { cookie: `schild_csrf=${csrf}; schild_session=${session}` });
    expect(t.app.frontCache.served).toBe(served);
    expect(await mine.text()).toContain('/en/account');
    // And a stale session cookie goes the normal way, which clears it.
    const stale = await get('/en/', { cookie: `schild_csrf=${csrf}; schild_session=not-a-session` });
    expect(t.app.frontCache.served).toBe(served);
    expect(stale.headers.get('set-cookie')).toMatch(/schild_session=;/);
  });

  it('leaves every other request to Fastify', async () => {
    await get('/fr/privacy');
    const served = t.app.frontCache.served;
    // A CSRF cookie the request context would replace (shorter than 20 characters) gets a new one there.
    const short = await fetch(`${base}/fr/privacy`, { headers: { cookie: 'schild_csrf=short' } });
    expect(short.headers.get('set-cookie')).toMatch(/schild_csrf=/);
    // A query, another method, an Authorization header, a URL that was never stored.
    expect((await get('/fr/privacy?x=1')).status).toBe(200);
    expect((await fetch(`${base}/fr/privacy`, { method: 'HEAD', headers: { cookie: `schild_csrf=${csrf}` } })).status).toBe(200);
    expect((await get('/fr/privacy', { authorization: 'Bearer sch_nothing' })).status).not.toBe(500);
    expect((await get('/fr/nowhere')).status).toBe(404);
    expect(t.app.frontCache.served).toBe(served);
    expect((await get('/fr/privacy')).status).toBe(200);
    expect(t.app.frontCache.served).toBe(served + 1);
  });

  it('serves a fresh render once the stored copy is older than the limit', async () => {
    await get('/de/support-schemes');
    const served = t.app.frontCache.served;
    await get('/de/support-schemes');
    expect(t.app.frontCache.served).toBe(served + 1);
    t.clock.advance(6 * 60_000);
    await get('/de/support-schemes');
    expect(t.app.frontCache.served).toBe(served + 1);
    await get('/de/support-schemes');
    expect(t.app.frontCache.served).toBe(served + 2);
  });

  it('counts the requests it answers in the request metrics under their route', async () => {
    const count = async () => {
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const line = text.split('\n').find((l) => l.startsWith('schild_http_request_duration_seconds_count{') && l.includes('route="/:lang/about"') && l.includes('status="200"'));
      return Number(line?.split(' ').pop() ?? 0);
    };
    await get('/nl/about'); // stored again if an earlier test let the copy expire
    const before = await count();
    const served = t.app.frontCache.served;
    for (let i = 0; i < 3; i++) await get('/nl/about');
    expect(t.app.frontCache.served).toBe(served + 3);
    expect(await count()).toBe(before + 3);
  });
});
