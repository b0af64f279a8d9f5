/**
 * Attacks on the JSON API, written as the attacker would try them: a member who never set up two-step log-in keeps
 * reading a company that requires it through an old API token.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { enableTotp, inviteAndJoin, logIn, mailTo, ownerWithCompany, PASSWORD, signUpAndVerify } from '../support/flows.ts';

async function tokenFor(t: TestApp, email: string): Promise<string> {
  const user = await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const token = `sch_${randomUUID().replaceAll('-', '')}${randomUUID().replaceAll('-', '')}`;
  await insertApiToken(t.runtime.deps.db, {
    id: randomUUID(),
    userId: user.id,
    name: 'sync',
    tokenHash: sha256(token),
    scopes: ['profile:read', 'companies:read', 'companies:write'],
    now: new Date().toISOString(),
  });
  return token;
}

describe.each(DIALECTS)('"require two-step log-in" holds on the API too, on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let owner: Browser;
  let member: Browser;
  let memberToken: string;
  let outsiderToken: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t));
    member = await inviteAndJoin(t, owner, companyId, 'member@example.be');
    memberToken = await tokenFor(t, 'member@example.be');
    const outsider = new Browser(t.app);
    await signUpAndVerify(t, outsider, 'outsider@example.be');
    outsiderToken = await tokenFor(t, 'outsider@example.be');
    // The token was made before the rule: the owner now switches on two-step log-in and requires it.
    await enableTotp(owner);
    await owner.get(`/en/companies/${companyId}`);
    const required = await owner.post(`/en/companies/${companyId}/settings/mfa`, { required: 'yes' });
    expect(required.headers.location).toContain('done=mfa_required_on');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const call = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

  it('a member without two-step log-in gets 403 mfa_required on every route of that company', async () => {
    const routes = [...t.app.routeTable].filter((r) => r.access.kind === 'api' && r.url.includes(':companyId'));
    expect(routes.length).toBeGreaterThan(3);
    for (const r of routes) {
      const url = r.url.replace(':companyId', companyId).replace(':incidentId', randomUUID());
      const res = await call(memberToken, r.method as 'GET', url, r.method === 'GET' ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().error.code, `${r.method} ${r.url}`).toBe('mfa_required');
    }
    // The company is left out of the member's list as well, and nothing of it shows.
    const list = await call(memberToken, 'GET', '/api/v1/companies');
    expect(list.statusCode).toBe(200);
    expect(JSON.stringify(list.json())).not.toContain(companyId);
    // The account itself is not company data.
    expect((await call(memberToken, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('an outsider still cannot tell that the company exists', async () => {
    const res = await call(outsiderToken, 'GET', `/api/v1/companies/${companyId}`);
    expect(res.statusCode).toBe(404);
  });

  it('once the member switches on two-step log-in, the same token works again', async () => {
    await logIn(member, 'member@example.be');
    await enableTotp(member);
    const res = await call(memberToken, 'GET', `/api/v1/companies/${companyId}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().requireMfa).toBe(true);
  });
});

describe.each(DIALECTS)('API tokens end with the sessions, and making one needs the password, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const me = (token: string) => t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
  const tokenCount = async (email: string) => {
    const r = await t.runtime.deps.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('users.email', '=', email)
      .where('api_tokens.revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };

  // A thief who had the password made himself a key; the owner resets the password: the key must die with it
  // (OWASP ASVS 4.0.3 §3.3.3: sessions end when the password changes; a token is a session that never expires).
  it('a password reset ends every API token', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'reset@example.be');
    const stolen = await tokenFor(t, 'reset@example.be');
    expect((await me(stolen)).statusCode).toBe(200);
    await b.get('/en/forgot-password');
    await b.post('/en/forgot-password', { email: 'reset@example.be' });
    const link = linkFrom(await mailTo(t, 'reset@example.be', 'password'), '/reset-password');
    await b.get(link);
    const token = new URL(`http://x${link}`).searchParams.get('token')!;
    expect((await b.post('/en/reset-password', { token, password: 'a-brand-new-passphrase' })).statusCode).toBe(303);
    expect((await me(stolen)).statusCode).toBe(401);
  });

  it('a password change ends API tokens by default; keeping them is an explicit choice', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'change@example.be');
    await logIn(b, 'change@example.be');
    const first = await tokenFor(t, 'change@example.be');
    await b.get('/en/account/security');
    expect((await b.post('/en/account/password', { current: PASSWORD, next: 'a-new-long-passphrase' })).statusCode).toBe(303);
    expect((await me(first)).statusCode).toBe(401);
    const kept = await tokenFor(t, 'change@example.be');
    await b.get('/en/account/security');
    expect((await b.post('/en/account/password', { current: 'a-new-long-passphrase', next: 'another-long-passphrase', keepTokens: 'yes' })).statusCode).toBe(303);
    expect((await me(kept)).statusCode).toBe(200);
  });

  it('"sign out everywhere" ends API tokens by default', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'everywhere@example.be');
    await logIn(b, 'everywhere@example.be');
    const token = await tokenFor(t, 'everywhere@example.be');
    const page = await b.get('/en/account/sessions');
    expect(page.body).toContain('name="keepTokens"');
    await b.post('/en/account/sessions/revoke-all', {});
    expect((await me(token)).statusCode).toBe(401);
  });

  // Someone at an unlocked computer, or with a stolen session cookie, must not be able to mint a long-lived key
  // without knowing the password (OWASP ASVS 4.0.3 §3.7.1; NIST SP 800-63B §4.2.3, re-authentication).
  it('making a token asks for the password again, with an attempt limit', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'mint@example.be');
    await logIn(b, 'mint@example.be');
    await b.get('/en/account/tokens');
    const without = await b.post('/en/account/tokens', { name: 'sync', scopes: ['profile:read'] });
    expect(without.statusCode).toBe(400);
    expect(without.body).toContain('error-summary');
    expect(await tokenCount('mint@example.be')).toBe(0);
    for (let i = 0; i < 5; i++) {
      const wrong = await b.post('/en/account/tokens', { name: 'sync', scopes: ['profile:read'], password: `wrong-password-${i}` });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('This password is not correct.');
    }
    const limited = await b.post('/en/account/tokens', { name: 'sync', scopes: ['profile:read'], password: PASSWORD });
    expect(limited.statusCode).toBe(429);
    expect(await tokenCount('mint@example.be')).toBe(0);
    t.clock.advance(16 * 60_000);
    await b.get('/en/account/tokens');
    const ok = await b.post('/en/account/tokens', { name: 'sync', scopes: ['profile:read'], password: PASSWORD });
    expect(ok.statusCode).toBe(200);
    expect(await tokenCount('mint@example.be')).toBe(1);
  });
});
