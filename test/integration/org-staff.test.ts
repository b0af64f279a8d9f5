/**
 * An organisation owner changes a staff member's role and removes staff, on SQLite and PostgreSQL: never the last
 * owner, audit logged, and a removed member loses access at once, on the pages and through the API (OWASP ASVS
 * 4.0.3 §4.1.3 "least privilege", §4.2.1 access checked on every request: no cached permission).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertStaff } from '../../src/db/repositories/organisation.repository.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, signUpAndVerify } from '../support/flows.ts';

describe.each(DIALECTS)('organisation staff roles on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let helper: Browser;
  let orgId: string;
  let ownerId: string;
  let helperId: string;
  const db = () => t.runtime.deps.db;
  const roleOf = async (userId: string) => (await db().selectFrom('organisation_staff').select('role').where('organisation_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst())?.role;
  const idOf = async (email: string) => (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = new Browser(t.app);
    await signUpAndVerify(t, owner, 'owner@federation.be');
    await logIn(owner, 'owner@federation.be');
    await owner.get('/en/orgs/new');
    const created = await owner.post('/en/orgs', { name: 'Staff Federation', kind: 'federation', sectors: '47' });
    orgId = /\/orgs\/([0-9a-f-]{36})$/.exec(String(created.headers.location))![1]!;
    helper = new Browser(t.app);
    await signUpAndVerify(t, helper, 'helper@federation.be');
    await logIn(helper, 'helper@federation.be');
    ownerId = await idOf('owner@federation.be');
    helperId = await idOf('helper@federation.be');
    // The helper joined as a viewer (the invitation flow itself is tested in organisations.test.ts).
    await insertStaff(db(), orgId, helperId, 'org_viewer', new Date().toISOString());
  }, 120_000);

  afterAll(async () => t?.close());

  it('bad input changes nothing and says so, in the page language', async () => {
    await owner.get(`/fr/orgs/${orgId}/staff`);
    const badRole = await owner.post(`/fr/orgs/${orgId}/staff/role`, { userId: helperId, role: 'org_king' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.body).toContain('Cette valeur n’est pas valable');
    expect((await owner.post(`/fr/orgs/${orgId}/staff/remove`, { userId: 'not-a-uuid' })).statusCode).toBe(400);
    const stranger = await owner.post(`/en/orgs/${orgId}/staff/remove`, { userId: randomUUID() });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('not (or no longer) on the staff');
    expect(await roleOf(helperId)).toBe('org_viewer');
  });

  it('the owner changes a role (audit logged); the new rights hold at the next request', async () => {
    await helper.get(`/en/orgs/${orgId}/members`);
    expect((await helper.post(`/en/orgs/${orgId}/links`, {})).statusCode).toBe(403);
    await owner.get(`/en/orgs/${orgId}/staff`);
    const res = await owner.post(`/en/orgs/${orgId}/staff/role`, { userId: helperId, role: 'org_admin' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/orgs/${orgId}/staff?done=role_saved`);
    expect(await roleOf(helperId)).toBe('org_admin');
    expect((await helper.post(`/en/orgs/${orgId}/links`, {})).statusCode).toBe(200);
    // An administrator cannot change roles: that is the owner's (orgCan 'manage_staff').
    await helper.get(`/en/orgs/${orgId}/staff`);
    expect((await helper.post(`/en/orgs/${orgId}/staff/role`, { userId: ownerId, role: 'org_viewer' })).statusCode).toBe(403);
    expect(await roleOf(ownerId)).toBe('org_owner');
    const events = await db().selectFrom('audit_events').select(['type', 'detail', 'user_id']).where('organisation_id', '=', orgId).where('type', '=', 'organisation.staff_role_changed').execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.user_id).toBe(ownerId);
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ staffUserId: helperId, from: 'org_viewer', to: 'org_admin' });
    expect((await owner.get(`/en/orgs/${orgId}/staff`)).body).toContain('owner@federation.be changed a staff member’s role');
  });

  it('the last owner can neither step down nor leave; with a second owner, one can', async () => {
    await owner.get(`/en/orgs/${orgId}/staff`);
    const down = await owner.post(`/en/orgs/${orgId}/staff/role`, { userId: ownerId, role: 'org_viewer' });
    expect(down.statusCode).toBe(400);
    expect(down.body).toContain('always needs at least one owner');
    expect((await owner.post(`/en/orgs/${orgId}/staff/remove`, { userId: ownerId })).statusCode).toBe(400);
    expect(await roleOf(ownerId)).toBe('org_owner');
    // Make the helper owner too; then the first owner may step down to viewer.
    expect((await owner.post(`/en/orgs/${orgId}/staff/role`, { userId: helperId, role: 'org_owner' })).statusCode).toBe(303);
    expect((await owner.post(`/en/orgs/${orgId}/staff/role`, { userId: ownerId, role: 'org_viewer' })).statusCode).toBe(303);
    expect(await roleOf(ownerId)).toBe('org_viewer');
    // Now the helper is the last owner: the same rule holds for them.
    await helper.get(`/en/orgs/${orgId}/staff`);
    expect((await helper.post(`/en/orgs/${orgId}/staff/remove`, { userId: helperId })).statusCode).toBe(400);
    // Restore: the helper makes the first user owner again.
    expect((await helper.post(`/en/orgs/${orgId}/staff/role`, { userId: ownerId, role: 'org_owner' })).statusCode).toBe(303);
  });

  it('a removed staff member loses access at once, on the pages and through the API (audit logged)', async () => {
    const token = `sch_${'r'.repeat(43)}`;
    await insertApiToken(db(), { id: randomUUID(), userId: helperId, name: 'api', tokenHash: sha256(token), scopes: ['organisations:read'], now: new Date().toISOString() });
    const api = () => t.app.inject({ url: `/api/v1/organisations/${orgId}/dashboard`, headers: { authorization: `Bearer ${token}` } });
    expect((await api()).statusCode).toBe(200);
    expect((await helper.get(`/en/orgs/${orgId}`)).statusCode).toBe(200);
    await owner.get(`/en/orgs/${orgId}/staff`);
    const res = await owner.post(`/en/orgs/${orgId}/staff/remove`, { userId: helperId });
    expect(res.statusCode).toBe(303);
    expect(await roleOf(helperId)).toBeUndefined();
    // The very next requests: not found, like any outsider (the organisation's existence is not confirmed).
    expect((await helper.get(`/en/orgs/${orgId}`)).statusCode).toBe(404);
    expect((await helper.get(`/en/orgs/${orgId}/staff`)).statusCode).toBe(404);
    expect((await api()).statusCode).toBe(404);
    const list = await t.app.inject({ url: '/api/v1/organisations', headers: { authorization: `Bearer ${token}` } });
    expect(list.json()).toEqual([]);
    const removed = await db().selectFrom('audit_events').select('detail').where('organisation_id', '=', orgId).where('type', '=', 'organisation.staff_removed').execute();
    expect(removed.map((r) => JSON.parse(r.detail))).toEqual([expect.objectContaining({ staffUserId: helperId })]);
    expect((await owner.get(`/en/orgs/${orgId}/staff?done=removed`)).body).toContain('no longer has access');
  });
});
