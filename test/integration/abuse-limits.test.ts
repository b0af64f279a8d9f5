/**
 * A free account used as a spam relay or to fill the database: invitations are mails from our domain to any address
 * the user types, and companies cost storage and scans. Both are limited per user (OWASP ASVS 4.0.3 §11.1.4,
 * anti-automation on business functions); the limits are in src/app/companies.ts and docs/operations.md.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPANIES_PER_USER, INVITATIONS_PER_COMPANY, INVITATIONS_PER_USER } from '../../src/app/companies.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PROFILE } from '../support/flows.ts';

const count = async (t: TestApp, table: 'companies' | 'invitations' | 'outbox') =>
  Number((await t.runtime.deps.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe.each(DIALECTS)('per-user limits on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a user who creates companies in a loop is stopped with a clear message, and nothing more is stored', async () => {
    const { b } = await ownerWithCompany(t);
    await b.get('/en/companies/new');
    for (let i = 1; i < COMPANIES_PER_USER.max; i++) expect((await b.post('/en/companies', { ...PROFILE, name: `Shell ${i}` })).statusCode).toBe(303);
    const stopped = await b.post('/en/companies', { ...PROFILE, name: 'One too many' });
    expect(stopped.statusCode).toBe(429);
    expect(stopped.body).toContain('You have already added many companies today');
    expect(await count(t, 'companies')).toBe(COMPANIES_PER_USER.max);
    t.clock.advance(COMPANIES_PER_USER.windowMs + 60_000);
    expect((await b.post('/en/companies', { ...PROFILE, name: 'Next day' })).statusCode).toBe(303);
  });

  it('a user who sends invitations in a loop is stopped before the company limit, and no more mail leaves', async () => {
    expect(INVITATIONS_PER_USER.max).toBeLessThan(INVITATIONS_PER_COMPANY.max);
    const { b, companyId } = await ownerWithCompany(t);
    await b.get(`/en/companies/${companyId}/members`);
    for (let i = 0; i < INVITATIONS_PER_USER.max; i++) {
      expect((await b.post(`/en/companies/${companyId}/invitations`, { email: `target${i}@example.be`, role: 'member' })).statusCode).toBe(303);
    }
    const mailsBefore = await count(t, 'outbox');
    const stopped = await b.post(`/en/companies/${companyId}/invitations`, { email: 'one-more@example.be', role: 'member' });
    expect(stopped.statusCode).toBe(429);
    expect(stopped.body).toContain('Too many attempts');
    expect(await count(t, 'invitations')).toBe(INVITATIONS_PER_USER.max);
    expect(await count(t, 'outbox')).toBe(mailsBefore);
  });
});
