/**
 * Two-step log-in under attack: a code read over a shoulder (or captured by a phishing proxy) replayed while it is
 * still valid, and someone at an unlocked computer, or with the password alone, trying to switch two-step log-in
 * off or to make new recovery codes for himself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { enableTotp, logIn, PASSWORD, signUpAndVerify } from '../support/flows.ts';

const STEP = 30_000;

describe.each(DIALECTS)('two-step log-in on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let secret: string;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    owner = new Browser(t.app);
    await signUpAndVerify(t, owner, 'mfa@example.be');
    await logIn(owner, 'mfa@example.be');
    secret = await enableTotp(owner, t.clock.now());
    t.clock.advance(STEP);
  });
  afterEach(async () => {
    await t.close();
  });

  const passwordStep = async () => {
    const b = new Browser(t.app);
    expect((await logIn(b, 'mfa@example.be')).headers.location).toMatch(/^\/en\/login\/mfa/);
    await b.get('/en/login/mfa');
    return b;
  };
  const enabled = async () =>
    (await t.runtime.deps.db.selectFrom('users').select('totp_enabled_at').where('email', '=', 'mfa@example.be').executeTakeFirstOrThrow()).totp_enabled_at !== null;

  // RFC 6238 §5.2: "The verifier MUST NOT accept the second attempt of the OTP after the successful validation".
  it('accepts a TOTP code once: the same code replayed later in its window is refused', async () => {
    const code = currentTotp(secret, t.clock.now());
    const first = await passwordStep();
    expect((await first.post('/en/login/mfa', { code, next: '/en/account' })).headers.location).toBe('/en/account');
    const thief = await passwordStep();
    const replay = await thief.post('/en/login/mfa', { code, next: '/en/account' });
    expect(replay.statusCode).toBe(400);
    expect((await thief.get('/en/account')).headers.location).toBe('/en/login/mfa');
    // The owner's next code (next time step) works.
    t.clock.advance(STEP);
    const next = await passwordStep();
    expect((await next.post('/en/login/mfa', { code: currentTotp(secret, t.clock.now()) })).statusCode).toBe(303);
  });

  // OWASP Session Management Cheat Sheet, "Renew the Session ID After Any Privilege Level Change": the token that
  // existed between password and code (and may have been seen in that time) must not become the signed-in session.
  it('completing the second step gives a new session token; the half-way token stops working', async () => {
    const b = await passwordStep();
    const sessionCookie = [...b.cookies.keys()].find((k) => /session/.test(k))!;
    const halfWay = b.cookies.get(sessionCookie)!;
    expect((await b.post('/en/login/mfa', { code: currentTotp(secret, t.clock.now()), next: '/en/account' })).headers.location).toBe('/en/account');
    const full = b.cookies.get(sessionCookie)!;
    expect(full).not.toBe(halfWay);
    expect((await b.get('/en/account')).statusCode).toBe(200);
    const replayed = new Browser(t.app);
    replayed.cookies.set(sessionCookie, halfWay);
    expect((await replayed.get('/en/account')).headers.location).toMatch(/^\/en\/login/);
  });

  it('the same fresh code sent from two places at once is accepted for only one of them', async () => {
    const code = currentTotp(secret, t.clock.now());
    const [a, b] = [await passwordStep(), await passwordStep()];
    const answers = await Promise.all([a.post('/en/login/mfa', { code }), b.post('/en/login/mfa', { code })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([303, 400]);
  });

  it('a code from before the last accepted one is refused (no going back in time)', async () => {
    const older = currentTotp(secret, new Date(t.clock.now().getTime() - STEP));
    const newer = currentTotp(secret, t.clock.now());
    expect((await (await passwordStep()).post('/en/login/mfa', { code: newer })).statusCode).toBe(303);
    expect((await (await passwordStep()).post('/en/login/mfa', { code: older })).statusCode).toBe(400);
  });

  it('switching two-step log-in off needs the password and a code, with an attempt limit', async () => {
    await owner.get('/en/account/security');
    // The password alone (someone who phished it, at an unlocked computer) is not enough.
    const passwordOnly = await owner.post('/en/account/security/disable', { password: PASSWORD });
    expect(passwordOnly.statusCode).toBe(400);
    expect(await enabled()).toBe(true);
    const wrongCode = await owner.post('/en/account/security/disable', { password: PASSWORD, code: '000000' });
    expect(wrongCode.statusCode).toBe(400);
    expect(wrongCode.body).toContain('error-summary');
    for (let i = 0; i < 4; i++) expect((await owner.post('/en/account/security/disable', { password: `wrong-password-${i}`, code: '000000' })).statusCode).toBe(400);
    // Five attempts used: even the right answer waits now.
    const limited = await owner.post('/en/account/security/disable', { password: PASSWORD, code: currentTotp(secret, t.clock.now()) });
    expect(limited.statusCode).toBe(429);
    expect(await enabled()).toBe(true);
    t.clock.advance(16 * 60_000);
    await owner.get('/en/account/security');
    const ok = await owner.post('/en/account/security/disable', { password: PASSWORD, code: currentTotp(secret, t.clock.now()) });
    expect(ok.headers.location).toBe('/en/account/security?done=mfa_disabled');
    expect(await enabled()).toBe(false);
  });

  it('new recovery codes need the password and a code; the old codes keep working until then', async () => {
    await owner.get('/en/account/security');
    const before = await t.runtime.deps.db.selectFrom('recovery_codes').select('code_hash').execute();
    const noProof = await owner.post('/en/account/security/recovery-codes', {});
    expect(noProof.statusCode).toBe(400);
    expect(noProof.body).not.toMatch(/data-testid="recovery-codes"/);
    const wrong = await owner.post('/en/account/security/recovery-codes', { codesPassword: 'wrong-password-1', codesCode: currentTotp(secret, t.clock.now()) });
    expect(wrong.statusCode).toBe(400);
    expect(await t.runtime.deps.db.selectFrom('recovery_codes').select('code_hash').execute()).toEqual(before);
    t.clock.advance(STEP);
    const ok = await owner.post('/en/account/security/recovery-codes', { codesPassword: PASSWORD, codesCode: currentTotp(secret, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    expect([...ok.body.matchAll(/<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/li>/g)]).toHaveLength(10);
  });
});
