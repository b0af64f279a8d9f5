/**
 * Attack: an owner's or admin's session or API token used to plan phishing campaigns in a loop (each copies the staff
 * list into recipients and mails every one of them) or to grow the staff list without end (imports of 5,000 rows, or
 * one person at a time). OWASP ASVS 4.0.3 §11.1.4 ("anti-automation": business functions are limited so they cannot
 * be used in bulk). Campaigns are counted per company per day (src/app/phishing-campaigns.ts), imports and single
 * additions per company per hour (src/app/people.ts), in one atomic statement before anything is written, so the
 * limits hold when the requests arrive all at once, through the pages and the API together: exactly `max` are written,
 * the others get a 429 with Retry-After and a message in the reader's language, and nothing is written for them.
 * On SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { PEOPLE_ADDED_PER_HOUR, PEOPLE_IMPORTS_PER_HOUR } from '../../src/app/people.ts';
import { CAMPAIGNS_PER_COMPANY } from '../../src/app/phishing-campaigns.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';

type Reply = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => { error: { code: string } } };

/** Exactly `max` of the replies succeeded; every other one is a 429 with Retry-After, as a page or an API error. */
function expectExactly(replies: Reply[], max: number, okStatuses: number[], pageText: string): void {
  const ok = replies.filter((r) => okStatuses.includes(r.statusCode));
  const refused = replies.filter((r) => r.statusCode === 429);
  expect(ok.length).toBe(max);
  expect(refused.length).toBe(replies.length - max);
  for (const r of refused) {
    expect(r.headers['retry-after']).toMatch(/^\d+$/);
    if (String(r.headers['content-type']).startsWith('application/json')) expect(r.json().error.code).toBe('rate_limited');
    else expect(r.body).toContain(pageText);
  }
}

describe.each(DIALECTS)('phishing campaigns and the staff list are rate-limited on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  let owner: Browser;
  const token = `sch_${'l'.repeat(43)}`;
  const auth = { authorization: `Bearer ${token}` };
  const db = () => t.runtime.deps.db;
  const count = async (table: 'people' | 'phishing_campaigns' | 'phishing_recipients') => Number((await db().selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t, 'owner@limits.test'));
    const now = new Date().toISOString();
    await db().insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'limits.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null }).execute();
    const ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@limits.test').executeTakeFirstOrThrow()).id;
    await insertApiToken(db(), { id: randomUUID(), userId: ownerId, name: 't', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now });
  }, 120_000);
  afterAll(async () => t?.close());

  it('imports: a parallel burst through the page and the API imports exactly the hourly limit; single additions likewise', async () => {
    const base = `/en/companies/${companyId}/people`;
    await owner.get(base);
    const max = PEOPLE_IMPORTS_PER_HOUR.max;
    const imports = await Promise.all(
      Array.from({ length: max + 4 }, (_, i) =>
        i % 2 === 0
          ? owner.post(`${base}/import`, { csv: `email;name;language;group\nimport${i}@limits.test;Person ${i};nl;Shop\n` })
          : t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/people/import`, headers: auth, payload: { people: [{ email: `import${i}@limits.test` }] } }),
      ),
    );
    expectExactly(imports, max, [303, 200], 'staff list was added to a great many times');
    expect(await count('people')).toBe(max);
    // Refused in Dutch, the list that was pasted stays in the form.
    const nl = await owner.post(`/nl/companies/${companyId}/people/import`, { csv: 'email\nlater@limits.test\n' });
    expect(nl.statusCode).toBe(429);
    expect(nl.body).toContain('Probeer het opnieuw over');
    expect(nl.body).toContain('later@limits.test');
    expect(await count('people')).toBe(max);

    const adds = PEOPLE_ADDED_PER_HOUR.max;
    const added = await Promise.all(
      Array.from({ length: adds + 4 }, (_, i) =>
        i % 2 === 0
          ? owner.post(base, { email: `one${i}@limits.test`, name: '', language: 'en', group: '' })
          : t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/people`, headers: auth, payload: { email: `one${i}@limits.test` } }),
      ),
    );
    expectExactly(added, adds, [303, 201], 'staff list was added to a great many times');
    expect(await count('people')).toBe(max + adds);

    // An hour later the list can be added to again.
    t.clock.advance(PEOPLE_IMPORTS_PER_HOUR.windowMs + 1000);
    expect((await owner.post(`${base}/import`, { csv: 'email\nlater@limits.test\n' })).statusCode).toBe(303);
    expect(await count('people')).toBe(max + adds + 1);
  }, 120_000);

  it('campaigns: a parallel burst through the page and the API plans exactly the daily limit, and sends nothing more', async () => {
    const people = await count('people');
    expect(people).toBeGreaterThan(0);
    await owner.get(`/en/companies/${companyId}/phishing`);
    const form = { name: 'Burst', templateId: 'parcel-delivery', groups: '*', startsAt: '', windowStart: '09:00', windowEnd: '17:00', weekdaysOnly: 'yes', ratePerMinute: '20' };
    const max = CAMPAIGNS_PER_COMPANY.max;
    const burst = await Promise.all(
      Array.from({ length: max + 4 }, (_, i) =>
        i % 2 === 0
          ? owner.post(`/en/companies/${companyId}/phishing`, { ...form, name: `Burst ${i}` })
          : t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/phishing/campaigns`, headers: auth, payload: { name: `Burst ${i}`, templateId: 'parcel-delivery' } }),
      ),
    );
    expectExactly(burst, max, [303, 201], 'This campaign was not planned and no e-mail goes out');
    expect(await count('phishing_campaigns')).toBe(max);
    expect(await count('phishing_recipients')).toBe(max * people);
    const de = await owner.post(`/de/companies/${companyId}/phishing`, form);
    expect(de.statusCode).toBe(429);
    expect(de.body).toContain('Diese Kampagne wurde nicht geplant');
    expect(de.body).toMatch(/Versuchen Sie es in (23\u00a0Stunden|1\u00a0Tag)/);
    const api = await t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/phishing/campaigns`, headers: auth, payload: { name: 'Api', templateId: 'parcel-delivery' } });
    expect(api.statusCode).toBe(429);
    expect(api.headers['retry-after']).toMatch(/^\d+$/);
    expect(await count('phishing_campaigns')).toBe(max);
    expect(await count('phishing_recipients')).toBe(max * people);

    // The next day a campaign can be planned again.
    t.clock.advance(CAMPAIGNS_PER_COMPANY.windowMs + 1000);
    expect((await owner.post(`/en/companies/${companyId}/phishing`, { ...form, name: 'Next day' })).statusCode).toBe(303);
  }, 120_000);
});
