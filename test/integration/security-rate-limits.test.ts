/**
 * Security suite (issue 13): every limit on an anonymous or credential-guessing function holds when the attempts
 * arrive all at once, on both engines: exactly `max` attempts are carried out, the rest get 429 and change nothing.
 * Each attempt is counted in one atomic statement before the work it guards (src/app/rate-limit.ts), so a
 * check-then-count race cannot let a burst through (OWASP ASVS 4.0.3 §2.2.1 anti-automation, §11.1.4 business
 * limits; NIST SP 800-63B §5.2.2 rate limiting). Log-in itself is covered by login-race.test.ts, "scan now" and
 * domain verification by domain-rate-limits.test.ts, incident changes and reports by incident-limits.test.ts, phishing
 * campaigns and the staff list by phishing-limits.test.ts. The limits are listed in docs/operations.md.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAUTH_LIMIT } from '../../src/app/api-tokens.ts';
import { RESEND_LIMITS } from '../../src/app/accounts.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { enableTotp, logIn, PASSWORD, signUpAndVerify } from '../support/flows.ts';

/** The limits as the use cases set them (src/app/accounts.ts, mfa.ts, scans.ts). */
const SIGNUPS_PER_IP = 10;
const RESETS_PER_ACCOUNT = 3;
const MFA_CODES_PER_USER = 10;
const ANONYMOUS_SCANS_PER_IP = 10;

const tally = (codes: number[]) => codes.reduce<Record<number, number>>((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {});

describe.each(DIALECTS)('rate limits under parallel requests on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });
  const count = async (table: 'users' | 'scans') => Number((await t.runtime.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const mailsTo = async (address: string) =>
    Number((await t.runtime.deps.db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n')).where('to_address', '=', address).executeTakeFirstOrThrow()).n);

  it(`sign-up: ${SIGNUPS_PER_IP + 5} at once from one address, exactly ${SIGNUPS_PER_IP} accounts`, async () => {
    const ip = '203.0.113.200';
    const browsers = Array.from({ length: SIGNUPS_PER_IP + 5 }, () => new Browser(t.app, ip));
    for (const b of browsers) await b.get('/en/signup');
    const usersBefore = await count('users');
    const answers = await Promise.all(browsers.map((b, i) => b.post('/en/signup', { displayName: 'Burst', email: `burst-${i}@example.be`, password: PASSWORD })));
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 200: SIGNUPS_PER_IP, 429: 5 });
    expect((await count('users')) - usersBefore).toBe(SIGNUPS_PER_IP);
  });

  it(`password reset: 8 requests at once for one account, exactly ${RESETS_PER_ACCOUNT} mails`, async () => {
    await signUpAndVerify(t, new Browser(t.app, '203.0.113.201'), 'reset-burst@example.be');
    await t.drainJobs();
    const mailsBefore = await mailsTo('reset-burst@example.be');
    const browsers = Array.from({ length: 8 }, (_, i) => new Browser(t.app, `203.0.113.${210 + i}`));
    for (const b of browsers) await b.get('/en/forgot-password');
    const answers = await Promise.all(browsers.map((b) => b.post('/en/forgot-password', { email: 'reset-burst@example.be' })));
    // The same answer for everyone, so the limit does not reveal whether the account exists.
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    expect((await mailsTo('reset-burst@example.be')) - mailsBefore).toBe(RESETS_PER_ACCOUNT);
  });

  it(`verification mail again: 6 at once for one address, exactly ${RESEND_LIMITS.perEmail.max} mails`, async () => {
    const b = new Browser(t.app, '203.0.113.220');
    await b.get('/en/signup');
    expect((await b.post('/en/signup', { displayName: 'Resend', email: 'resend-burst@example.be', password: PASSWORD })).statusCode).toBe(200);
    const mailsBefore = await mailsTo('resend-burst@example.be');
    const browsers = Array.from({ length: 6 }, (_, i) => new Browser(t.app, `203.0.113.${221 + i}`));
    for (const x of browsers) await x.get('/en/login');
    await Promise.all(browsers.map((x) => x.post('/en/verify-email/resend', { email: 'resend-burst@example.be' })));
    expect((await mailsTo('resend-burst@example.be')) - mailsBefore).toBe(RESEND_LIMITS.perEmail.max);
  });

  it(`two-step code: ${MFA_CODES_PER_USER + 6} guesses at once, exactly ${MFA_CODES_PER_USER} checked`, async () => {
    const b = new Browser(t.app, '203.0.113.230');
    await signUpAndVerify(t, b, 'mfa-burst@example.be');
    await logIn(b, 'mfa-burst@example.be');
    await enableTotp(b, t.clock.now());
    await b.post('/en/logout', {});
    await b.get('/en/login');
    expect(String((await b.post('/en/login', { email: 'mfa-burst@example.be', password: PASSWORD })).headers.location)).toContain('/login/mfa');
    await b.get('/en/login/mfa');
    const answers = await Promise.all(Array.from({ length: MFA_CODES_PER_USER + 6 }, (_, i) => b.post('/en/login/mfa', { code: String(100000 + i) })));
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 400: MFA_CODES_PER_USER, 429: 6 });
    // No guess got through: the only live session is still the half-way one.
    const userId = (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', 'mfa-burst@example.be').executeTakeFirstOrThrow()).id;
    const live = await t.runtime.deps.db.selectFrom('sessions').select('stage').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([{ stage: 'mfa' }]);
  });

  it(`password check before making an API key: 9 at once, exactly ${REAUTH_LIMIT.max} checked`, async () => {
    const b = new Browser(t.app, '203.0.113.240');
    await signUpAndVerify(t, b, 'reauth-burst@example.be');
    await logIn(b, 'reauth-burst@example.be');
    await b.get('/en/account/tokens');
    const answers = await Promise.all(Array.from({ length: REAUTH_LIMIT.max + 4 }, (_, i) => b.post('/en/account/tokens', { name: 'k', scopes: ['profile:read'], password: `wrong-password-${i}` })));
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 400: REAUTH_LIMIT.max, 429: 4 });
  });

  it(`anonymous scans through the API: ${ANONYMOUS_SCANS_PER_IP + 4} at once from one address, exactly ${ANONYMOUS_SCANS_PER_IP} scans`, async () => {
    // Distinct made-up names: no job runs in this test app, so nothing is looked up or contacted.
    const scansBefore = await count('scans');
    const answers = await Promise.all(
      Array.from({ length: ANONYMOUS_SCANS_PER_IP + 4 }, (_, i) =>
        t.app.inject({ method: 'POST', url: '/api/v1/scans', payload: { domain: `burst-${i}-${randomUUID().slice(0, 8)}.be` }, remoteAddress: '203.0.113.250', headers: { 'accept-language': 'nl' } }),
      ),
    );
    expect(tally(answers.map((r) => r.statusCode))).toEqual({ 202: ANONYMOUS_SCANS_PER_IP, 429: 4 });
    expect(answers.find((r) => r.statusCode === 429)!.json().error.code).toBe('rate_limited');
    expect((await count('scans')) - scansBefore).toBe(ANONYMOUS_SCANS_PER_IP);
  });
});
