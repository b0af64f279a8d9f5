/**
 * Security suite (issue 13): open redirects through every `next` a visitor can hand us, and session fixation on
 * password log-in and on sign-up.
 * - Open redirect (CWE-601; OWASP ASVS 4.0.3 §5.1.5): a `next` of any spelling — scheme-relative, backslashes,
 *   percent-encoded, tab inside, absolute URL — must end on a page of this site, whichever way it travels: the log-in
 *   page's query, the log-in form, the two-step log-in form, the sign-up form through the confirmation mail link.
 * - Session fixation (OWASP ASVS 4.0.3 §3.2.1: a new session token on authentication): a session cookie planted in
 *   the victim's browser before log-in or sign-up is not the one after, and never gives access to the victim's account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { enableTotp, logIn, mailTo, PASSWORD, signUpAndVerify } from '../support/flows.ts';

const SITE = 'https://schild.example';
const HOSTILE = [
  '//evil.example',
  '///evil.example/',
  '/\\evil.example',
  '\\/evil.example',
  '/%5Cevil.example',
  '%2F%2Fevil.example',
  '/%2F/evil.example',
  '/\t/evil.example',
  '/ /evil.example',
  'https://evil.example/',
  'HTTPS://EVIL.EXAMPLE',
  'https:evil.example',
  'https:/\\evil.example',
  '/en/../..//evil.example',
  '/en/%2e%2e/%2f%2fevil.example',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
];

/** The Location of a redirect stays on this site, as a browser would resolve it. */
function onSite(location: unknown): boolean {
  const loc = String(location ?? '');
  return loc.startsWith('/') && !loc.startsWith('//') && !loc.startsWith('/\\') && new URL(loc, SITE).origin === SITE;
}

const SESSION = 'schild_session';

describe.each(DIALECTS)('open redirects and session fixation on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('every `next` on the log-in page and in the log-in form stays on the site', async () => {
    const b = new Browser(t.app, '198.51.100.21');
    await signUpAndVerify(t, b, 'redirect@example.be');
    const bad: string[] = [];
    for (const next of HOSTILE) {
      // Signed out: the log-in form carries next; a right password sends the user on.
      const fresh = new Browser(t.app, '198.51.100.21');
      await fresh.get(`/en/login?next=${encodeURIComponent(next)}`);
      const res = await fresh.post('/en/login', { email: 'redirect@example.be', password: PASSWORD, next });
      if (res.statusCode !== 303 || !onSite(res.headers.location)) bad.push(`POST login ${JSON.stringify(next)} → ${res.statusCode} ${res.headers.location}`);
      // Signed in: GET /login sends the user on at once.
      const again = await fresh.get(`/en/login?next=${encodeURIComponent(next)}`);
      if (again.statusCode !== 303 || !onSite(again.headers.location)) bad.push(`GET login ${JSON.stringify(next)} → ${again.statusCode} ${again.headers.location}`);
    }
    expect(bad).toEqual([]);
  });

  it('a `next` given at sign-up travels through the confirmation mail and still stays on the site', async () => {
    const bad: string[] = [];
    for (const [i, next] of HOSTILE.slice(0, 6).entries()) {
      const b = new Browser(t.app, `198.51.100.${30 + i}`);
      const email = `signup-next-${i}@example.be`;
      await b.get(`/en/signup?next=${encodeURIComponent(next)}`);
      expect((await b.post('/en/signup', { displayName: 'Next', email, password: PASSWORD, next })).statusCode).toBe(200);
      const link = linkFrom(await mailTo(t, email, 'onfirm'), '/verify-email');
      const verified = await b.get(link);
      if (!onSite(verified.headers.location)) bad.push(`verify ${JSON.stringify(next)} → ${verified.headers.location}`);
      const loginPage = String(verified.headers.location);
      await b.get(loginPage);
      const carried = new URL(loginPage, SITE).searchParams.get('next') ?? undefined;
      const res = await b.post('/en/login', { email, password: PASSWORD, ...(carried ? { next: carried } : {}) });
      if (res.statusCode !== 303 || !onSite(res.headers.location)) bad.push(`login after sign-up ${JSON.stringify(next)} → ${res.headers.location}`);
    }
    expect(bad).toEqual([]);
  });

  it('the `next` of the two-step log-in stays on the site', async () => {
    const b = new Browser(t.app, '198.51.100.40');
    await signUpAndVerify(t, b, 'mfa-next@example.be');
    await logIn(b, 'mfa-next@example.be');
    const secret = await enableTotp(b, t.clock.now());
    for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/']) {
      const fresh = new Browser(t.app, '198.51.100.40');
      await fresh.get('/en/login');
      const first = await fresh.post('/en/login', { email: 'mfa-next@example.be', password: PASSWORD, next });
      expect(first.statusCode).toBe(303);
      expect(onSite(first.headers.location), String(first.headers.location)).toBe(true);
      await fresh.get(String(first.headers.location));
      t.clock.advance(61_000); // a fresh time step: a code is accepted once (RFC 6238 §5.2)
      const done = await fresh.post('/en/login/mfa', { code: currentTotp(secret, t.clock.now()), next });
      expect(done.statusCode, next).toBe(303);
      expect(onSite(done.headers.location), String(done.headers.location)).toBe(true);
    }
  });

  it('paths that look like another host never redirect off the site', async () => {
    for (const url of ['//evil.example/', '///evil.example', '/%2F%2Fevil.example', '/\\evil.example', '/en//evil.example', '/en/login/..//evil.example']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(500);
      if (res.headers.location !== undefined) expect(onSite(res.headers.location), `${url} → ${res.headers.location}`).toBe(true);
    }
  });

  it('password log-in: a session cookie planted before is replaced, and never opens the victim’s account', async () => {
    const attacker = new Browser(t.app, '198.51.100.50');
    await signUpAndVerify(t, attacker, 'fixer@example.be', 'Attacker Name');
    await logIn(attacker, 'fixer@example.be');
    const planted = attacker.cookies.get(SESSION)!;
    expect(planted).toBeTruthy();
    const victim = new Browser(t.app, '198.51.100.51');
    await signUpAndVerify(t, victim, 'fixed-victim@example.be', 'Victim Name');
    for (const value of [planted, 'a'.repeat(43)]) {
      victim.cookies.set(SESSION, value);
      const res = await logIn(victim, 'fixed-victim@example.be');
      expect(res.statusCode).toBe(303);
      const after = victim.cookies.get(SESSION);
      expect(after).toBeTruthy();
      expect(after).not.toBe(value);
      // With the planted value, the attacker does not see the victim's account.
      const seen = await t.app.inject({ method: 'GET', url: '/en/account', cookies: { [SESSION]: value } });
      expect(seen.body).not.toContain('Victim Name');
      expect((await victim.get('/en/account')).body).toContain('Hello Victim Name');
      await victim.post('/en/logout', {});
    }
  });

  it('sign-up: a session cookie planted before sign-up and confirmation never becomes the new account’s', async () => {
    const attacker = new Browser(t.app, '198.51.100.60');
    await signUpAndVerify(t, attacker, 'fixer2@example.be', 'Attacker Two');
    await logIn(attacker, 'fixer2@example.be');
    const planted = attacker.cookies.get(SESSION)!;
    const victim = new Browser(t.app, '198.51.100.61');
    victim.cookies.set(SESSION, planted);
    await victim.get('/en/signup');
    expect((await victim.post('/en/signup', { displayName: 'New Victim', email: 'new-victim@example.be', password: PASSWORD })).statusCode).toBe(200);
    await victim.get(linkFrom(await mailTo(t, 'new-victim@example.be', 'onfirm'), '/verify-email'));
    const seen = await t.app.inject({ method: 'GET', url: '/en/account', cookies: { [SESSION]: planted } });
    expect(seen.body).not.toContain('New Victim');
    await victim.get('/en/login');
    expect((await victim.post('/en/login', { email: 'new-victim@example.be', password: PASSWORD })).statusCode).toBe(303);
    expect(victim.cookies.get(SESSION)).not.toBe(planted);
    expect((await victim.get('/en/account')).body).toContain('Hello New Victim');
    expect((await t.app.inject({ method: 'GET', url: '/en/account', cookies: { [SESSION]: planted } })).body).not.toContain('New Victim');
  });
});
