/**
 * Attacks on the JSON API, written as the attacker would try them: a member who never set up two-step log-in keeps
 * reading a company that requires it through an old API token.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { enableTotp, inviteAndJoin, logIn, ownerWithCompany, signUpAndVerify } from '../support/flows.ts';

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
