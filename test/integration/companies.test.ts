import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { Browser, createTestApp, linkFrom, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, logIn, ownerWithCompany, PROFILE, signUpAndVerify, totpSecretFrom } from '../support/flows.ts';

describe.each(DIALECTS)('companies on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a company with a validated profile and shows it', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const page = await b.get(`/en/companies/${companyId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Boekhouding Peeters');
    expect(page.body).toContain('0403.170.701');
    expect(page.body).toContain('69.2');
    const row = await t.runtime.deps.db.selectFrom('companies').selectAll().executeTakeFirstOrThrow();
    expect(row.enterprise_number).toBe('0403170701');
    expect(row.personal_data).toBe('sensitive');
    expect(row.webshop).toBe(0);
  });

  it('refuses a bad enterprise number, unknown sector and impossible combination, storing nothing', async () => {
    const b = new Browser(t.app);
    await signUpAndVerify(t, b, 'o@example.be');
    await logIn(b, 'o@example.be');
    await b.get('/fr/companies/new');
    for (const bad of [
      { enterpriseNumber: '0403.170.702' },
      { naceCode: '99.9' },
      { webshop: 'yes', website: 'no' },
      { employees: '-3' },
      { emailProvider: 'yahoo' },
      { name: '' },
    ]) {
      const res = await b.post('/fr/companies', { ...PROFILE, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.body).toContain('error-summary');
      expect(res.body).toContain('lang="fr"');
    }
    const n = await t.runtime.deps.db.selectFrom('companies').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('invites a colleague who accepts; roles limit what each may do; the audit log shows it all', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    const member = await inviteAndJoin(t, owner, companyId, 'colleague@example.be');
    expect((await member.get(`/en/companies/${companyId}`)).statusCode).toBe(200);
    expect((await member.get(`/en/companies/${companyId}/profile`)).statusCode).toBe(403);
    expect((await member.get(`/en/companies/${companyId}/audit`)).statusCode).toBe(403);
    await member.get(`/en/companies/${companyId}/members`);
    expect((await member.post(`/en/companies/${companyId}/invitations`, { email: 'x@example.be', role: 'member' })).statusCode).toBe(403);

    const members = await owner.get(`/en/companies/${companyId}/members`);
    const memberId = /name="userId" value="([0-9a-f-]{36})"/.exec(members.body)?.[1];
    expect(memberId).toBeTruthy();
    expect((await owner.post(`/en/companies/${companyId}/members/role`, { userId: memberId!, role: 'admin' })).statusCode).toBe(303);
    expect((await member.get(`/en/companies/${companyId}/profile`)).statusCode).toBe(200);

    // Personal security events of members show from the moment they joined.
    expect((await logIn(new Browser(t.app), 'colleague@example.be')).statusCode).toBe(303);
    const audit = await owner.get(`/en/companies/${companyId}/audit`);
    expect(audit.statusCode).toBe(200);
    for (const type of ['company.created', 'company.member_invited', 'company.member_joined', 'company.role_changed', 'user.login']) {
      expect(audit.body, type).toContain(`data-type="${type}"`);
    }
    expect(audit.body).toContain('colleague@example.be');

    expect((await owner.post(`/en/companies/${companyId}/members/remove`, { userId: memberId! })).statusCode).toBe(303);
    expect((await member.get(`/en/companies/${companyId}`)).statusCode).toBe(404);
  });

  it('keeps at least one owner', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    const page = await owner.get(`/en/companies/${companyId}/members`);
    const ownerId = (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', 'owner@example.be').executeTakeFirstOrThrow()).id;
    expect(page.statusCode).toBe(200);
    const res = await owner.post(`/en/companies/${companyId}/members/role`, { userId: ownerId, role: 'member' });
    expect(res.statusCode).toBe(400);
    const role = await t.runtime.deps.db.selectFrom('memberships').select('role').where('user_id', '=', ownerId).executeTakeFirstOrThrow();
    expect(role.role).toBe('owner');
  });

  it('an invitation link works only for the invited address, and only once', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    await owner.get(`/en/companies/${companyId}/members`);
    await owner.post(`/en/companies/${companyId}/invitations`, { email: 'right@example.be', role: 'member' });
    await t.drainJobs();
    const link = linkFrom((await latestOutboxTo(t.runtime.deps.db, 'right@example.be'))[0]!.text_body, '/invitations/');
    const wrong = new Browser(t.app);
    await signUpAndVerify(t, wrong, 'wrong@example.be');
    await logIn(wrong, 'wrong@example.be');
    await wrong.get(link);
    expect((await wrong.post(link, {})).statusCode).toBe(403);
    expect((await wrong.get(`/en/companies/${companyId}`)).statusCode).toBe(404);
  });

  it('an owner can require two-step login for all members', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    const member = await inviteAndJoin(t, owner, companyId, 'm@example.be');
    await owner.get(`/en/companies/${companyId}`);
    // The owner must use two-step login before requiring it.
    const refused = await owner.post(`/en/companies/${companyId}/settings/mfa`, { required: 'yes' });
    expect(refused.headers.location).toContain('/account/security');
    const { currentTotp } = await import('../../src/adapters/totp.ts');
    await owner.post('/en/account/security/setup', {});
    const setup = await owner.get('/en/account/security');
    const secret = totpSecretFrom(setup.body)!;
    await owner.post('/en/account/security/confirm', { code: currentTotp(secret) });
    await owner.get(`/en/companies/${companyId}`);
    expect((await owner.post(`/en/companies/${companyId}/settings/mfa`, { required: 'yes' })).headers.location).toContain('done=mfa_required_on');
    const blocked = await member.get(`/en/companies/${companyId}`);
    expect(blocked.statusCode).toBe(303);
    expect(blocked.headers.location).toBe(`/en/account/security?required=${companyId}`);
  });
});
