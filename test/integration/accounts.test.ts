import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/adapters/totp.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { logIn, mailTo, PASSWORD, signUpAndVerify, totpSecretFrom } from '../support/flows.ts';
import { DIALECTS } from '../support/dialects.ts';

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('signs up, verifies the e-mail, logs in and out', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'owner@example.be');
    const login = await logIn(b, 'Owner@Example.be');
    expect(login.statusCode).toBe(303);
    expect(login.headers.location).toBe('/en/account');
    const account = await b.get('/en/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Test Owner');
    const out = await b.post('/en/logout', {});
    expect(out.headers.location).toBe('/en/login?done=logged_out');
    expect((await b.get('/en/account')).headers.location).toBe('/en/login?next=%2Fen%2Faccount');
  });

  it('refuses log-in before the e-mail is verified, and with a wrong password', async () => {
    const b = new Browser(t.app);
    await b.get('/en/signup');
    await b.post('/en/signup', { displayName: 'X', email: 'new@example.be', password: PASSWORD });
    const unverified = await logIn(b, 'new@example.be');
    expect(unverified.statusCode).toBe(403);
    const wrong = await logIn(b, 'new@example.be', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).not.toContain(PASSWORD);
  });

  it('rejects weak and common passwords with a translated message and stores nothing', async () => {
    const b = new Browser(t.app);
    await b.get('/nl/signup');
    for (const [password, text] of [
      ['kort', 'minstens 10'],
      ['wachtwoord123', 'vaak gebruikt'],
      ['azerty123456', 'vaak gebruikt'],
    ] as const) {
      const res = await b.post('/nl/signup', { displayName: 'X', email: 'weak@example.be', password });
      expect(res.statusCode).toBe(400);
      expect(res.body.toLowerCase()).toContain(text);
    }
    const count = await t.runtime.deps.db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('does not reveal whether an e-mail already has an account', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'taken@example.be');
    const again = await b.post('/en/signup', { displayName: 'Other', email: 'taken@example.be', password: 'another-long-password-9' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Check your');
    const text = await mailTo(t, 'taken@example.be', 'already');
    expect(text).toContain('/en/forgot-password');
  });

  it('resets a forgotten password once, ending other sessions', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'reset@example.be');
    const other = new Browser(t.app);
    expect((await logIn(other, 'reset@example.be')).statusCode).toBe(303);
    await b.get('/en/forgot-password');
    const sent = await b.post('/en/forgot-password', { email: 'reset@example.be' });
    expect(sent.statusCode).toBe(200);
    const unknown = await b.post('/en/forgot-password', { email: 'nobody@example.be' });
    expect(unknown.body).toBe(sent.body.replace('reset@example.be', 'nobody@example.be'));
    const link = linkFrom(await mailTo(t, 'reset@example.be', 'password'), '/reset-password');
    const form = await b.get(link);
    expect(form.statusCode).toBe(200);
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    const done = await b.post('/en/reset-password', { token, password: 'a-brand-new-passphrase' });
    expect(done.headers.location).toBe('/en/login?done=password_reset');
    expect((await b.post('/en/reset-password', { token, password: 'yet-another-passphrase' })).statusCode).toBe(400);
    expect((await other.get('/en/account')).statusCode).toBe(303);
    expect((await logIn(b, 'reset@example.be', 'a-brand-new-passphrase')).headers.location).toBe('/en/account');
  });

  it('sets up TOTP, then requires the code at log-in; a recovery code works once', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'mfa@example.be');
    await logIn(b, 'mfa@example.be');
    await b.get('/en/account/security');
    await b.post('/en/account/security/setup', {});
    const setup = await b.get('/en/account/security');
    const secret = totpSecretFrom(setup.body);
    expect(secret).toBeTruthy();
    expect(setup.body).toContain('<svg');
    const wrong = await b.post('/en/account/security/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    const ok = await b.post('/en/account/security/confirm', { code: currentTotp(secret!, t.clock.now()) });
    expect(ok.statusCode).toBe(200);
    const codes = [...ok.body.matchAll(/<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    const stored = await t.runtime.deps.db.selectFrom('users').select('totp_secret').where('email', '=', 'mfa@example.be').executeTakeFirstOrThrow();
    expect(stored.totp_secret).not.toContain(secret!);

    const c = new Browser(t.app);
    const first = await logIn(c, 'mfa@example.be');
    expect(first.headers.location).toMatch(/^\/en\/login\/mfa/);
    expect((await c.get('/en/account')).headers.location).toBe('/en/login/mfa');
    await c.get('/en/login/mfa');
    expect((await c.post('/en/login/mfa', { code: '123456', next: '/en/account' })).statusCode).toBe(400);
    // The code that confirmed the set-up is used up (RFC 6238 §5.2): the next time step's code logs in.
    t.clock.advance(30_000);
    const second = await c.post('/en/login/mfa', { code: currentTotp(secret!, t.clock.now()), next: '/en/account' });
    expect(second.headers.location).toBe('/en/account');
    expect((await c.get('/en/account')).statusCode).toBe(200);

    const d = new Browser(t.app);
    await logIn(d, 'mfa@example.be');
    await d.get('/en/login/mfa');
    expect((await d.post('/en/login/mfa', { code: codes[0]!.toUpperCase() })).statusCode).toBe(303);
    const e = new Browser(t.app);
    await logIn(e, 'mfa@example.be');
    await e.get('/en/login/mfa');
    expect((await e.post('/en/login/mfa', { code: codes[0]! })).statusCode).toBe(400);
  });

  it('lists sessions and signs out everywhere else', async () => {
    const a = new Browser(t.app);
    await signUpAndVerify(t, a, 'many@example.be');
    await logIn(a, 'many@example.be');
    const other = new Browser(t.app);
    await logIn(other, 'many@example.be');
    const page = await a.get('/en/account/sessions');
    expect(page.body.match(/<tr>/g)?.length).toBe(3); // header + two sessions
    await a.post('/en/account/sessions/revoke-all', {});
    expect((await other.get('/en/account')).statusCode).toBe(303);
    expect((await a.get('/en/account')).statusCode).toBe(200);
  });

  it('limits log-in attempts per account with a clear message, and records them', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'brute@example.be');
    for (let i = 0; i < 5; i++) expect((await logIn(b, 'brute@example.be', `wrong-password-${i}`)).statusCode).toBe(401);
    const blocked = await logIn(b, 'brute@example.be');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.body).toContain('Wait 15 min');
    t.clock.advance(16 * 60_000);
    expect((await logIn(b, 'brute@example.be')).statusCode).toBe(303);
    const types = await t.runtime.deps.db.selectFrom('audit_events').select('type').execute();
    expect(types.filter((r) => r.type === 'user.login_failed')).toHaveLength(5);
    expect(types.some((r) => r.type === 'user.login_rate_limited')).toBe(true);
  });

  it('limits log-in attempts per address across accounts', async () => {
    const b = new Browser(t.app, '198.51.100.7');
    for (let i = 0; i < 20; i++) await logIn(b, `user${i}@example.be`, 'wrong-password-xx');
    const blocked = await logIn(b, 'someone@example.be', 'wrong-password-xx');
    expect(blocked.statusCode).toBe(429);
    const elsewhere = new Browser(t.app, '198.51.100.8');
    expect((await logIn(elsewhere, 'someone@example.be', 'wrong-password-xx')).statusCode).toBe(401);
  });
});

describe.each(DIALECTS)('password change on %s', (dialect) => {
  it('needs the current password, refuses a weak one, and ends other sessions', async () => {
    const t = await createTestApp(dialect);
    try {
      const a = new Browser(t.app);
      await signUpAndVerify(t, a, 'change@example.be');
      await logIn(a, 'change@example.be');
      const other = new Browser(t.app);
      await logIn(other, 'change@example.be');
      await a.get('/en/account/security');
      expect((await a.post('/en/account/password', { current: 'wrong-password-123', next: 'a-new-long-passphrase' })).statusCode).toBe(400);
      expect((await a.post('/en/account/password', { current: PASSWORD, next: 'password123' })).statusCode).toBe(400);
      const ok = await a.post('/en/account/password', { current: PASSWORD, next: 'a-new-long-passphrase' });
      expect(ok.headers.location).toBe('/en/account/security?done=password_changed');
      expect((await a.get('/en/account')).statusCode).toBe(200);
      expect((await other.get('/en/account')).statusCode).toBe(303);
      expect((await logIn(new Browser(t.app), 'change@example.be', 'a-new-long-passphrase')).headers.location).toBe('/en/account');
    } finally {
      await t.close();
    }
  });
});
