/** Malformed and hostile input never gives a 500 and never stores anything. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PROFILE } from '../support/flows.ts';

async function counts(t: TestApp): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['users', 'companies', 'memberships', 'invitations', 'api_tokens'] as const) {
    const r = await t.runtime.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(r.n);
  }
  return out;
}

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let companyId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('bad JSON, wrong types and unknown fields on the API get 400 with a code, in the asked language', async () => {
    const before = await counts(t);
    const cases = [
      { payload: '{"lang": "nl", ', type: 'application/json' },
      { payload: '{"__proto__": {"admin": true}}', type: 'application/json' },
      { payload: '[]', type: 'application/json' },
      { payload: 'q=1', type: 'text/plain' },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: 'PUT', url: `/api/v1/companies/${companyId}/profile`, payload: c.payload, headers: { 'content-type': c.type, 'accept-language': 'fr' } });
      expect(res.statusCode, c.payload).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, c.payload).toBeLessThan(500);
      const body = res.json() as { error: { code: string; message: string } };
      expect(body.error.code).toMatch(/^[a-z_]+$/);
      expect(body.error.message.length).toBeGreaterThan(3);
    }
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/sectors?q=&lang=xx' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(await counts(t)).toEqual(before);
  });

  it('a 10 MB body is refused with 413, as JSON and as a form', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const api = await t.app.inject({ method: 'PUT', url: `/api/v1/companies/${companyId}/profile`, payload: JSON.stringify({ name: big }), headers: { 'content-type': 'application/json' } });
    expect(api.statusCode).toBe(413);
    expect(api.json().error.code).toBe('payload_too_large');
    const form = await t.app.inject({ method: 'POST', url: '/en/signup', payload: `displayName=${big}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(413);
    expect(form.body).toContain('<html lang="en"');
    expect(form.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('script tags and SQL fragments are stored as text and shown escaped', async () => {
    await owner.get(`/en/companies/${companyId}/profile`);
    const evil = `<script>alert(1)</script>'; DROP TABLE users; --`;
    const res = await owner.post(`/en/companies/${companyId}/profile`, { ...PROFILE, name: evil });
    expect(res.statusCode).toBe(303);
    const page = await owner.get(`/en/companies/${companyId}`);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
    expect((await counts(t)).users).toBeGreaterThan(0);
  });

  it('form fields sent as arrays, huge or missing values, and unknown languages never give a 500', async () => {
    const before = await counts(t);
    const b = new Browser(t.app);
    await b.get('/en/signup');
    const attempts: Record<string, string | string[]>[] = [
      { displayName: ['a', 'b'], email: 'x@example.be', password: 'long-enough-password' },
      { displayName: 'A', email: ['a@example.be', 'b@example.be'], password: 'long-enough-password' },
      { displayName: 'A', email: 'not-an-email', password: 'long-enough-password' },
      { displayName: 'A', email: "x@example.be' OR 1=1 --", password: 'long-enough-password' },
      { displayName: 'A'.repeat(5000), email: 'y@example.be', password: 'long-enough-password' },
      {},
    ];
    for (const form of attempts) {
      const res = await b.post('/en/signup', form);
      expect(res.statusCode, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(res.body).toContain('error-summary');
    }
    for (const url of ['/xx/', '/en/companies/not-a-uuid', '/en/companies/00000000-0000-0000-0000-000000000000', '/en/invitations/%00%ff', '/en/reset-password?token[]=a', '/%ff']) {
      const res = await b.get(url);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    const nl = await b.get('/nl/does-not-exist');
    expect(nl.statusCode).toBe(404);
    expect(nl.body).toContain('<html lang="nl"');
    expect(await counts(t)).toEqual(before);
  });

  it('a hostile next= after log-in never gives a 500 and never leaves the site (CWE-601, RFC 9110 §5.5)', async () => {
    const hostile = [
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/en/\\..\\..\\evil',
      '%2F%2Fevil.example',
      '/en/%0d%0aSet-Cookie:%20x=y',
      '/en/\r\nSet-Cookie: x=y',
      '/en/\u0000\u0001\u007f',
      '/en/caf\u00e9/\u2028',
      `/en/${'a'.repeat(100_000)}`,
      'javascript:alert(1)',
    ];
    const fresh = new Browser(t.app);
    await fresh.get('/en/login');
    for (const [i, next] of hostile.entries()) {
      // Signed in: GET /login sends the user on to next at once.
      const signedIn = await owner.get(`/en/login?next=${encodeURIComponent(next)}`);
      expect(signedIn.statusCode, JSON.stringify(next).slice(0, 60)).toBe(303);
      const location = String(signedIn.headers.location);
      expect(new URL(location, 'https://schild.example').origin).toBe('https://schild.example');
      expect(location).toMatch(/^\/(nl|fr|de|en)\//);
      // Not signed in: the form carries next along; a wrong password answers 401, never 500.
      const posted = await fresh.post('/en/login', { email: `nobody${i}@example.be`, password: 'not-the-password-1', next });
      expect(posted.statusCode, JSON.stringify(next).slice(0, 60)).toBe(401);
    }
    // Bytes that are not UTF-8 at all, as a hand-made query string.
    for (const raw of ['%2Fen%2F%ED%A0%80', '%2Fen%2F%FF%FE', '%2Fen%2F%00', '%2F%2F%E3%80%82evil']) {
      const res = await owner.get(`/en/login?next=${raw}`);
      expect(res.statusCode, raw).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/(nl|fr|de|en)\/[\x21-\x7e]*$/);
    }
  });

  it('an enterprise number that fails its check digits is refused by the API too', async () => {
    const { randomUUID } = await import('node:crypto');
    const { insertApiToken } = await import('../../src/db/repositories/token.repository.ts');
    const { sha256 } = await import('../../src/adapters/crypto.ts');
    const user = await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow();
    const token = `sch_${'w'.repeat(43)}`;
    await insertApiToken(t.runtime.deps.db, { id: randomUUID(), userId: user.id, name: 'w', tokenHash: sha256(token), scopes: ['companies:write'], now: new Date().toISOString() });
    const body = {
      name: 'X', enterpriseNumber: '0403170702', naceCode: '69.2', employees: 3, region: 'brussels', language: 'de', website: true, webshop: false,
      emailProvider: 'google', cardPayments: false, personalData: 'basic', remoteWork: false, itProvider: false,
    };
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/companies/${companyId}/profile`, payload: body, headers: { authorization: `Bearer ${token}`, 'accept-language': 'de' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('enterpriseNumber');
    const ok = await t.app.inject({ method: 'PUT', url: `/api/v1/companies/${companyId}/profile`, payload: { ...body, enterpriseNumber: '0403.170.701' }, headers: { authorization: `Bearer ${token}` } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().enterpriseNumber).toBe('0403170701');
  });
});

describe('a fault on our side', () => {
  it('shows a translated 500 page without a stack trace, and JSON for the API', async () => {
    const t = await createTestApp('sqlite');
    const b = new Browser(t.app);
    const { signUpAndVerify, logIn } = await import('../support/flows.ts');
    await signUpAndVerify(t, b, 'down@example.be');
    await logIn(b, 'down@example.be');
    await t.runtime.close(); // the database goes away under a running app
    const page = await b.get('/de/account');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('<html lang="de"');
    expect(page.body).toContain('internal');
    expect(page.body).not.toMatch(/\.ts:\d+|at [A-Za-z]+ \(|SqliteError|node_modules/);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    const api = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer sch_${'z'.repeat(43)}` } });
    expect(api.statusCode).toBe(500);
    expect(api.json()).toMatchObject({ error: { code: 'internal' } });
    await t.app.close();
  });
});
