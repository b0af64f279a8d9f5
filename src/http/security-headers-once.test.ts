/**
 * The security headers are computed once at start (staticSecurityHeaders in app.ts) instead of by @fastify/helmet on
 * every request. They must be exactly what the plugin sets per request, for HTTP and HTTPS deployments (HSTS,
 * RFC 6797 §6.1, and upgrade-insecure-requests only behind HTTPS), on pages, the API, errors and unknown paths.
 */
import Fastify from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

const HELMET_HEADERS = /^(content-security-policy|cross-origin-.*|origin-agent-cluster|referrer-policy|strict-transport-security|x-content-type-options|x-dns-prefetch-control|x-download-options|x-frame-options|x-permitted-cross-domain-policies|x-xss-protection)$/;
const pick = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => HELMET_HEADERS.test(k)));

for (const secure of [false, true]) {
  describe(`security headers computed once (${secure ? 'HTTPS' : 'HTTP'})`, () => {
    let t: TestApp;
    let perRequest: Record<string, unknown>;
    beforeAll(async () => {
      t = await createTestApp('sqlite', secure ? { BASE_URL: 'https://schild.test' } : {});
      expect(t.config.secureCookies).toBe(secure);
      // The plugin as it runs per request, with the options of the app.
      const { helmetOptions } = await import('./app.ts');
      const reference = Fastify();
      await reference.register(fastifyHelmet, helmetOptions(secure));
      reference.get('/', async () => 'x');
      perRequest = pick((await reference.inject({ url: '/' })).headers);
      await reference.close();
    });
    afterAll(async () => t.close());

    it.each(['/en/', '/en/login', '/api/v1/catalog', '/en/no-such-page', '/healthz'])('%s', async (url) => {
      const res = await t.app.inject({ url });
      expect(Object.keys(perRequest).length).toBeGreaterThanOrEqual(10);
      expect(pick(res.headers)).toEqual(perRequest);
      expect(res.headers['permissions-policy']).toContain('camera=()');
    });
  });
}
