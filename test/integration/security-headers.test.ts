/** The security baseline Schild tells SMEs to meet, checked on its own responses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('security headers and cookies', () => {
  describe('served over HTTPS (BASE_URL https://…)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite', { BASE_URL: 'https://schild.example', METRICS_TOKEN: 'metrics-token-0123456789' });
    });
    afterAll(async () => t.close());

    it('sends a strict CSP, HSTS, nosniff, frame and referrer rules', async () => {
      const res = await t.app.inject({ url: '/en/' });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    });

    it('uses __Host- cookies that are HttpOnly, Secure and SameSite', async () => {
      const res = await t.app.inject({ url: '/en/login' });
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-schild_csrf=/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('Secure');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).toContain('Path=/');
      expect(cookie).not.toContain('Domain=');
    });

    it('serves Prometheus metrics only with the metrics token', async () => {
      expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
      expect((await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(404);
      const ok = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('schild_http_request_duration_seconds');
    });
  });

  describe('served over plain HTTP (local start)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite');
    });
    afterAll(async () => t.close());

    it('sends no HSTS and plain cookie names, still HttpOnly and SameSite', async () => {
      const res = await t.app.inject({ url: '/nl/login' });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^schild_csrf=/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).not.toContain('Secure');
    });

    it('answers with a request id and redirects / by Accept-Language', async () => {
      const res = await t.app.inject({ url: '/', headers: { 'accept-language': 'de-BE,de;q=0.9,en;q=0.5' } });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/de/');
      const fallback = await t.app.inject({ url: '/', headers: { 'accept-language': 'es-ES' } });
      expect(fallback.headers.location).toBe('/nl/');
      const page = await t.app.inject({ url: '/fr/' });
      expect(page.body).toMatch(/^<!doctype html><html lang="fr">/);
    });
  });
});
