/**
 * A company's staff list (the people who receive phishing simulations and lessons) holds at most STAFF_LIST_MAX
 * (10,000) people. OWASP ASVS 4.0.3 §11.1.4 (anti-automation: business functions have limits so they cannot be used
 * in bulk); Schild serves SMEs, which have fewer than 250 persons (Commission Recommendation 2003/361/EC, annex,
 * art. 2), and its campaigns are sized for up to 10,000 recipients. Only people not yet listed count; an add or an
 * import that would pass the cap writes nothing (all or nothing) and gets a 409: the API's `staff_list_full`, the page
 * a message in the reader's language with the cap and how many are listed, keeping what was typed.
 *
 * Each company is filled straight through insertPeople() to just below the cap, then through the pages and the API.
 * Parallel imports and additions that each fit but together pass the cap must leave exactly those that fit: on
 * PostgreSQL that needs the row lock of lockStaffList() (without it the count goes stale and the list passes the
 * cap); SQLite runs one transaction at a time. On SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { STAFF_LIST_MAX } from '../../src/app/people.ts';
import { insertPeople } from '../../src/db/repositories/people.repository.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, PROFILE } from '../support/flows.ts';

type Reply = { statusCode: number; body: string; headers: Record<string, unknown>; json: () => { error: { code: string; issues?: { path: string; message: string }[] } } & Record<string, unknown> };

const csv = (emails: string[]) => `email;name;language;group\n${emails.map((e) => `${e};;en;`).join('\n')}\n`;

describe.each(DIALECTS)('the staff list cap (STAFF_LIST_MAX) on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let firstCompany: string;
  const token = `sch_${'c'.repeat(43)}`;
  const db = () => t.runtime.deps.db;
  const count = async (companyId: string) => Number((await db().selectFrom('people').select((e) => e.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow()).n);
  const listed = async (companyId: string, emails: string[]) =>
    (await db().selectFrom('people').select('email').where('company_id', '=', companyId).where('email', 'in', emails).execute()).map((r) => r.email);
  const api = (companyId: string, path: '' | '/import', payload: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/people${path}`, headers: { authorization: `Bearer ${token}`, ...headers }, payload: payload as string }) as Promise<Reply>;

  /** A company of the owner's with a verified domain and `STAFF_LIST_MAX - room` people on its list. */
  async function companyWithRoom(room: number, n: number): Promise<{ companyId: string; domain: string; seeded: string[] }> {
    let companyId = firstCompany;
    if (n > 0) {
      await owner.get('/en/companies/new');
      const res = await owner.post('/en/companies', { ...PROFILE, name: `Cap ${n}` });
      expect(res.statusCode).toBe(303);
      companyId = /\/en\/companies\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    }
    const domain = `c${n}.cap.test`;
    const now = new Date().toISOString();
    await db().insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain, verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null }).execute();
    const seeded = Array.from({ length: STAFF_LIST_MAX - room }, (_, i) => `seed${i}@${domain}`);
    await insertPeople(
      db(),
      seeded.map((email, i) => ({ id: randomUUID(), companyId, email, displayName: null, language: 'en', group: '', pseudonym: `S-${i}`, createdAt: now })),
    );
    expect(await count(companyId)).toBe(STAFF_LIST_MAX - room);
    return { companyId, domain, seeded };
  }

  /**
   * Sends the requests at once. On PostgreSQL with the worst interleaving, every time: the test holds a table lock
   * that lets everyone read `people` but keeps rows from being inserted into it until all `n` requests wait on a lock.
   * Without lockStaffList() every one of them has then counted the list before any has written; with it the first
   * waits to insert and the others wait for the company's row, and each counts what the one before it wrote.
   */
  async function atOnce(n: number, requests: () => Promise<Reply>[]): Promise<Reply[]> {
    if (dialect !== 'postgres') return Promise.all(requests());
    let running: Promise<Reply[]> | undefined;
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`lock table people in share row exclusive mode`.execute(trx);
        running = Promise.all(requests());
        for (const deadline = Date.now() + 60_000; ; ) {
          // Waits on the rate-limit counters are short and not what is counted here.
          const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query not ilike '%rate_limits%'`.execute(db());
          if (waiting.rows[0]!.n >= n) break;
          if (Date.now() > deadline) throw new Error(`only ${waiting.rows[0]!.n} of ${n} requests reached the staff list`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      });
    return running!;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId: firstCompany } = await ownerWithCompany(t, 'owner@cap.test'));
    const ownerId = (await db().selectFrom('users').select('id').where('email', '=', 'owner@cap.test').executeTakeFirstOrThrow()).id;
    await insertApiToken(db(), { id: randomUUID(), userId: ownerId, name: 't', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now: new Date().toISOString() });
  }, 120_000);
  afterAll(async () => t?.close());

  it('a full list refuses one more person (page in English and Dutch, API 409 staff_list_full) but takes a list of people already on it', async () => {
    const { companyId, domain, seeded } = await companyWithRoom(0, 0);
    const page = `/en/companies/${companyId}/people`;
    await owner.get(page);

    const en = await owner.post(page, { email: `new@${domain}`, name: 'New Person', language: 'en', group: 'Shop' });
    expect(en.statusCode).toBe(409);
    expect(en.body).toContain('Your staff list is full: it can hold at most 10,000 people, and it holds 10,000 now. We added nobody.');
    expect(en.body).toContain(`value="new@${domain}"`);
    expect(en.body).toContain('value="New Person"');
    const nl = await owner.post(`/nl/companies/${companyId}/people`, { email: `nieuw@${domain}`, name: '', language: 'nl', group: '' });
    expect(nl.statusCode).toBe(409);
    expect(nl.body).toContain('Je lijst met medewerkers is vol: er kunnen hoogstens 10.000 mensen op, en er staan er nu 10.000 op. We hebben niemand toegevoegd.');
    expect(nl.body).toContain(`value="nieuw@${domain}"`);

    const viaApi = await api(companyId, '', { email: `api@${domain}` }, { 'accept-language': 'fr-BE' });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json().error.code).toBe('staff_list_full');
    expect(viaApi.json().error.issues).toEqual([{ path: 'people', message: expect.stringContaining('au maximum 10\u202f000 personnes et en compte 10\u202f000 actuellement') }]);
    expect(await count(companyId)).toBe(STAFF_LIST_MAX);
    expect(await listed(companyId, [`new@${domain}`, `nieuw@${domain}`, `api@${domain}`])).toEqual([]);

    // People already on the list do not count: the same list can be imported again, through the page and the API.
    const again = await owner.post(`${page}/import`, { csv: csv(seeded.slice(0, 3)) });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toContain('done=imported&added=0&existing=3');
    const againApi = await api(companyId, '/import', { people: seeded.slice(3, 8).map((email) => ({ email: email.toUpperCase() })) });
    expect(againApi.statusCode).toBe(200);
    expect(againApi.json()).toEqual({ added: 0, alreadyListed: 5 });
    // One new person among them is one too many.
    const oneNew = await owner.post(`${page}/import`, { csv: csv([...seeded.slice(0, 3), `late@${domain}`]) });
    expect(oneNew.statusCode).toBe(409);
    expect(oneNew.body).toContain('New people in this list: 1. We imported nothing.');
    expect(await count(companyId)).toBe(STAFF_LIST_MAX);

    // Room made by removing someone is room again.
    const someone = await db().selectFrom('people').select('id').where('company_id', '=', companyId).where('email', '=', seeded[0]!).executeTakeFirstOrThrow();
    expect((await owner.post(`${page}/${someone.id}/remove`, {})).statusCode).toBe(303);
    expect((await owner.post(page, { email: `new@${domain}`, name: '', language: 'en', group: '' })).statusCode).toBe(303);
    expect(await count(companyId)).toBe(STAFF_LIST_MAX);
  }, 120_000);

  it('an import that would pass the cap imports nothing (page, CSV and JSON API); one that fills it exactly is taken', async () => {
    const { companyId, domain, seeded } = await companyWithRoom(5, 1);
    const page = `/en/companies/${companyId}/people`;
    await owner.get(page);
    const six = Array.from({ length: 6 }, (_, i) => `six${i}@${domain}`);
    const text = csv([...seeded.slice(0, 2), ...six]);

    const refused = await owner.post(`${page}/import`, { csv: text });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Your staff list can hold at most 10,000 people, and it holds 9,995 now. New people in this list: 6. We imported nothing.');
    expect(refused.body).toContain(six[5]); // the pasted list stays in the form
    const de = await owner.post(`/de/companies/${companyId}/people/import`, { csv: text });
    expect(de.statusCode).toBe(409);
    expect(de.body).toContain('kann höchstens 10.000 Personen enthalten und enthält jetzt 9.995. Neue Personen in dieser Liste: 6. Wir haben nichts importiert.');
    const csvApi = await api(companyId, '/import', text, { 'content-type': 'text/csv' });
    expect(csvApi.statusCode).toBe(409);
    expect(csvApi.json().error.code).toBe('staff_list_full');
    const jsonApi = await api(companyId, '/import', { people: six.map((email) => ({ email })) }, { 'accept-language': 'en' });
    expect(jsonApi.statusCode).toBe(409);
    expect(jsonApi.json().error.code).toBe('staff_list_full');
    expect(jsonApi.json().error.issues![0]!.message).toContain('it holds 9,995 now. New people in this list: 6.');
    expect(await count(companyId)).toBe(STAFF_LIST_MAX - 5);
    expect(await listed(companyId, six)).toEqual([]);

    const fits = await api(companyId, '/import', { people: [...seeded.slice(0, 2), ...six.slice(0, 5)].map((email) => ({ email })) });
    expect(fits.statusCode).toBe(200);
    expect(fits.json()).toEqual({ added: 5, alreadyListed: 2 });
    expect(await count(companyId)).toBe(STAFF_LIST_MAX);
  }, 120_000);

  it('parallel imports that each fit but together pass the cap: exactly those that fit are written, all or nothing', async () => {
    const { companyId, domain } = await companyWithRoom(10, 2);
    const page = `/en/companies/${companyId}/people`;
    await owner.get(page);

    // Room for 10: eight imports of 4 new people each, at once, through the page and the API; two fit.
    const batches = Array.from({ length: 8 }, (_, i) => Array.from({ length: 4 }, (_, j) => `batch${i}-${j}@${domain}`));
    const imports = await atOnce(batches.length, () =>
      batches.map((emails, i) => (i % 2 === 0 ? owner.post(`${page}/import`, { csv: csv(emails) }) : api(companyId, '/import', { people: emails.map((email) => ({ email })) }))),
    );
    const taken = batches.filter((_, i) => [200, 303].includes(imports[i]!.statusCode));
    const refused = batches.filter((_, i) => imports[i]!.statusCode === 409);
    expect(imports.map((r) => r.statusCode).filter((s) => ![200, 303, 409].includes(s))).toEqual([]);
    expect(taken.length).toBe(2);
    expect(refused.length).toBe(6);
    expect(await count(companyId)).toBe(STAFF_LIST_MAX - 2);
    expect((await listed(companyId, taken.flat())).sort()).toEqual(taken.flat().sort());
    expect(await listed(companyId, refused.flat())).toEqual([]);
    for (const [i, r] of imports.entries()) {
      if (r.statusCode !== 409) continue;
      if (i % 2 === 0) expect(r.body).toContain('We imported nothing.');
      else expect(r.json().error.code).toBe('staff_list_full');
    }
  }, 120_000);

  it('parallel additions that each fit but together pass the cap: exactly those that fit are written', async () => {
    const { companyId, domain } = await companyWithRoom(2, 3);
    const page = `/en/companies/${companyId}/people`;
    await owner.get(page);
    // Room for 2: six people added one by one, at once, through the page and the API; two fit.
    const singles = Array.from({ length: 6 }, (_, i) => `single${i}@${domain}`);
    const adds = await atOnce(singles.length, () => singles.map((email, i) => (i % 2 === 0 ? owner.post(page, { email, name: '', language: 'en', group: '' }) : api(companyId, '', { email }))));
    expect(adds.map((r) => r.statusCode).filter((s) => ![201, 303, 409].includes(s))).toEqual([]);
    const added = singles.filter((_, i) => adds[i]!.statusCode !== 409);
    expect(added.length).toBe(2);
    expect(await count(companyId)).toBe(STAFF_LIST_MAX);
    expect((await listed(companyId, singles)).sort()).toEqual(added.sort());
  }, 120_000);
});
