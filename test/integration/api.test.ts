import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import type { Browser } from '../support/app.ts';
import { ownerWithCompany, PASSWORD } from '../support/flows.ts';

describe.each(DIALECTS)('API tokens and JSON API on %s', (dialect) => {
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

  it('creates a token shown once and stored hashed; the API answers by scope; revoking stops it', async () => {
    await owner.get('/en/account/tokens');
    const created = await owner.post('/en/account/tokens', { name: 'Accounting sync', scopes: ['profile:read', 'companies:read'], password: PASSWORD });
    expect(created.statusCode).toBe(200);
    const token = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)?.[1];
    expect(token).toBeTruthy();
    const rows = await t.runtime.deps.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token!);
    expect((await owner.get('/en/account/tokens')).body).not.toContain(token!);

    const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'owner@example.be', mfaEnabled: false, scopes: ['profile:read', 'companies:read'] });
    const list = await t.app.inject({ url: '/api/v1/companies', headers: { authorization: `Bearer ${token}` } });
    expect(list.json().companies).toHaveLength(1);
    expect(list.json().companies[0]).toMatchObject({ id: companyId, role: 'owner', naceCode: '69.2', personalData: 'sensitive' });
    const write = await t.app.inject({ method: 'PUT', url: `/api/v1/companies/${companyId}/profile`, payload: {}, headers: { authorization: `Bearer ${token}` } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('insufficient_scope');
    const other = await t.app.inject({ url: '/api/v1/companies/00000000-0000-4000-8000-000000000000', headers: { authorization: `Bearer ${token}` } });
    expect(other.statusCode).toBe(404);

    await owner.post('/en/account/tokens/revoke', { id: rows[0]!.id });
    const after = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
  });

  it('refuses a token without a scope chosen', async () => {
    await owner.get('/en/account/tokens');
    const res = await owner.post('/en/account/tokens', { name: 'No scope', password: PASSWORD });
    expect(res.statusCode).toBe(400);
    const bogus = await owner.post('/en/account/tokens', { name: 'Bogus', scopes: 'admin:all', password: PASSWORD });
    expect(bogus.statusCode).toBe(400);
  });

  it('searches sectors without a token, in the asked language', async () => {
    const res = await t.app.inject({ url: '/api/v1/sectors?q=69&lang=fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json().sectors[0].code).toBe('69');
  });

  it('health, readiness and protected metrics', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ok' });
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(404);
  });
});
