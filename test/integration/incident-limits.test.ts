/**
 * Attack: using an incident's follow-up link (anonymous, no account) or a company's incident routes to fill the
 * database with 4 kB timeline entries, or to report incidents in a loop, each one scheduling reminder mails to every
 * owner and admin. OWASP ASVS 4.0.3 §11.1.4 ("anti-automation": business functions are limited so they cannot be
 * used in bulk). Each change is counted per incident, and each new report per company, in one atomic statement
 * before anything is written (src/app/incidents.ts), so the limits hold when the requests arrive all at once: exactly
 * `max` are written, the others get a 429 with Retry-After, a page in the reader's language that says when they can
 * continue and that their earlier entries are kept, and nothing is written for them. On SQLite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { COMPANY_INCIDENTS_PER_DAY, INCIDENT_CHANGES_PER_HOUR } from '../../src/app/incidents.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { brusselsWallClock, ownerWithCompany } from '../support/flows.ts';

const statuses = (list: { statusCode: number }[]) => list.map((r) => r.statusCode).sort();
const wall = brusselsWallClock;
const ANSWERS = { category: 'invoice_fraud', ongoing: 'no', personalData: 'no', nis2: 'out_of_scope', moneyLost: 'yes', cardDataExposed: 'no', customerCardData: 'no', extortion: 'no', insured: 'no' };

describe.each(DIALECTS)('incident changes and new incidents are rate-limited on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  }, 60_000);
  afterAll(async () => t?.close());

  const db = () => t.runtime.deps.db;
  const events = async (incidentId: string) =>
    Number((await db().selectFrom('incident_events').select((e) => e.fn.countAll().as('n')).where('incident_id', '=', incidentId).executeTakeFirstOrThrow()).n);
  const incidents = async (companyId: string) =>
    Number((await db().selectFrom('incidents').select((e) => e.fn.countAll().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow()).n);

  it('a follow-up link: parallel changes beyond the hourly limit are refused, nothing is written for them, and the page says when to continue', async () => {
    const b = new Browser(t.app, '10.0.0.7');
    const now = wall(t.clock.now());
    // The last screen of the wizard, with the form that saves the report.
    await b.get(`/en/incident/report?${new URLSearchParams({ ...ANSWERS, awareDate: now.slice(0, 10), awareTime: now.slice(11), awareAtCombined: '1' })}`);
    const saved = await b.post('/en/incident/save', { ...ANSWERS, awareAt: wall(t.clock.now()) });
    expect(saved.statusCode).toBe(303);
    const base = String(saved.headers.location).split('?')[0]!;
    const token = base.split('/').pop()!;
    const incidentId = (await db().selectFrom('incidents').select('id').where('follow_token_hash', '=', sha256(token)).executeTakeFirstOrThrow()).id;
    const before = await events(incidentId);

    const max = INCIDENT_CHANGES_PER_HOUR.max;
    const burst = await Promise.all(Array.from({ length: max + 5 }, (_, i) => b.post(`${base}/update`, { text: `entry ${i} ${'x'.repeat(3000)}`, kind: 'update' })));
    expect(statuses(burst)).toEqual([...Array(max).fill(303), ...Array(5).fill(429)]);
    expect((await events(incidentId)) - before).toBe(max);
    const refused = burst.find((r) => r.statusCode === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(refused.body).toContain('Everything you saved before is kept');
    expect(refused.body).toContain('You can continue from');
    expect(refused.body).toContain('(Belgian time)');
    // The refused text is given back, so the reporter can copy it.
    expect(refused.body).toMatch(/This text was not saved[\s\S]*entry \d+ x{3000}/);
    expect(refused.body).toContain(`href="${base}"`);

    // Every kind of change on the link is refused now, in the reader's language, and none is written.
    const nl = base.replace('/en/', '/nl/');
    const others = await Promise.all([
      b.post(`${nl}/tick`, { kind: 'obligation', item: 'bank_recall', done: 'yes' }),
      b.post(`${base}/details`, { measures: 'x' }),
      b.post(`${base}/status`, { status: 'confirmed' }),
      b.post(`${base}/consents`, { stats: 'yes' }),
      b.post(`${base}/renew`, {}),
    ]);
    expect(statuses(others)).toEqual(Array(5).fill(429));
    expect(others[0]!.body).toContain('Alles wat je eerder bewaarde, blijft bewaard');
    expect(others[0]!.body).toContain('Je kan verder vanaf');
    expect((await events(incidentId)) - before).toBe(max);
    // Reading the report still works, with every saved entry.
    const page = await b.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('entry 0 x');

    // An hour later the reporter continues.
    t.clock.advance(INCIDENT_CHANGES_PER_HOUR.windowMs + 1000);
    expect((await b.post(`${base}/update`, { text: 'back again', kind: 'update' })).statusCode).toBe(303);
    expect((await events(incidentId)) - before).toBe(max + 1);
  }, 120_000);

  it('a company: parallel reports (pages and API together) beyond the daily limit, and parallel API updates beyond the hourly limit', async () => {
    const { b, companyId } = await ownerWithCompany(t, `inc-limits-${dialect}@example.be`);
    const token = `sch_${randomUUID().replace(/-/g, '').padEnd(43, 'z')}`;
    const ownerId = (await db().selectFrom('users').select('id').where('email', '=', `inc-limits-${dialect}@example.be`).executeTakeFirstOrThrow()).id;
    await insertApiToken(db(), { id: randomUUID(), userId: ownerId, name: 't', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now: new Date().toISOString() });
    const auth = { authorization: `Bearer ${token}` };
    const aware = t.clock.now();
    const form = { ...ANSWERS, awareAt: wall(aware) };
    const facts = { category: 'invoice_fraud', awareAt: aware.toISOString(), ongoing: false, personalData: 'no', specialCategoryData: false, dataEncrypted: false, gdprRole: 'controller', nis2: 'out_of_scope', moneyLost: true, cardDataExposed: false, extortion: false, insured: false };
    await b.get(`/en/incident/report?company=${companyId}`);

    const max = COMPANY_INCIDENTS_PER_DAY.max;
    const burst = await Promise.all(
      Array.from({ length: max + 6 }, (_, i) =>
        i % 2 === 0 ? b.post(`/en/companies/${companyId}/incidents`, form) : t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/incidents`, headers: auth, payload: { facts } }),
      ),
    );
    const ok = burst.filter((r) => r.statusCode === 303 || r.statusCode === 201);
    const refused = burst.filter((r) => r.statusCode === 429);
    expect(ok.length).toBe(max);
    expect(refused.length).toBe(6);
    expect(await incidents(companyId)).toBe(max);
    for (const r of refused) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    for (const r of refused) {
      if (String(r.headers['content-type']).startsWith('application/json')) expect(r.json().error.code).toBe('rate_limited');
      else expect(r.body).toContain('The incidents you reported before are kept');
    }
    const fr = await b.post(`/fr/companies/${companyId}/incidents`, form);
    expect(fr.statusCode).toBe(429);
    expect(fr.body).toContain('Vous pourrez continuer à partir du');
    // A daily wait is said in hours, not in a thousand minutes.
    expect(fr.body).toMatch(/dans environ (23\u00a0heures|1\u00a0jour)/);
    const api = await t.app.inject({ method: 'POST', url: `/api/v1/companies/${companyId}/incidents`, headers: auth, payload: { facts } });
    expect(api.statusCode).toBe(429);
    expect(api.headers['retry-after']).toMatch(/^\d+$/);
    expect(api.json().error.code).toBe('rate_limited');
    expect(await incidents(companyId)).toBe(max);

    // One incident's timeline through the API: exactly `max` updates of a parallel burst are written.
    const incidentId = (await db().selectFrom('incidents').select('id').where('company_id', '=', companyId).executeTakeFirstOrThrow()).id;
    const before = await events(incidentId);
    const changes = INCIDENT_CHANGES_PER_HOUR.max;
    const patches = await Promise.all(
      Array.from({ length: changes + 4 }, (_, i) => t.app.inject({ method: 'PATCH', url: `/api/v1/companies/${companyId}/incidents/${incidentId}`, headers: auth, payload: { update: `update ${i}` } })),
    );
    expect(statuses(patches)).toEqual([...Array(changes).fill(200), ...Array(4).fill(429)]);
    expect((await events(incidentId)) - before).toBe(changes);
    expect(patches.find((r) => r.statusCode === 429)!.json().error.code).toBe('rate_limited');
    // The same incident's page shares the count.
    const web = await b.post(`/en/companies/${companyId}/incidents/${incidentId}/update`, { text: 'one more', kind: 'update' });
    expect(web.statusCode).toBe(429);
    expect(web.headers['retry-after']).toMatch(/^\d+$/);
    expect((await events(incidentId)) - before).toBe(changes);

    // The next day the company reports again.
    t.clock.advance(COMPANY_INCIDENTS_PER_DAY.windowMs + 1000);
    expect((await b.post(`/en/companies/${companyId}/incidents`, { ...ANSWERS, awareAt: wall(t.clock.now()) })).statusCode).toBe(303);
  }, 120_000);

  it('refused forms and changes that write nothing do not use up the limit (the limit counts changes written, ASVS 4.0.3 §11.1.4)', async () => {
    const { b, companyId } = await ownerWithCompany(t, `inc-limits-invalid-${dialect}@example.be`);
    const token = `sch_${randomUUID().replace(/-/g, '').padEnd(43, 'y')}`;
    const ownerId = (await db().selectFrom('users').select('id').where('email', '=', `inc-limits-invalid-${dialect}@example.be`).executeTakeFirstOrThrow()).id;
    await insertApiToken(db(), { id: randomUUID(), userId: ownerId, name: 't', tokenHash: sha256(token), scopes: ['companies:read', 'companies:write'], now: new Date().toISOString() });
    await b.get(`/en/incident/report?company=${companyId}`);
    expect((await b.post(`/en/companies/${companyId}/incidents`, { ...ANSWERS, awareAt: wall(t.clock.now()) })).statusCode).toBe(303);
    const incidentId = (await db().selectFrom('incidents').select('id').where('company_id', '=', companyId).executeTakeFirstOrThrow()).id;
    const base = `/en/companies/${companyId}/incidents/${incidentId}`;
    // Confirmed (one change counted), it cannot go back to 'suspected'.
    expect((await b.post(`${base}/status`, { status: 'confirmed' })).statusCode).toBe(303);
    const before = await events(incidentId);

    // More refused attempts than the hourly limit: an empty update, a tick of no item and of an item that is not one of
    // the incident's duties, a status that does not exist,
    // a move the incident cannot make, and through the API a status it cannot move to.
    const max = INCIDENT_CHANGES_PER_HOUR.max;
    const refusedForms = [
      () => b.post(`${base}/update`, { text: '   ', kind: 'update' }),
      () => b.post(`${base}/tick`, { kind: 'obligation', item: '!', done: 'yes' }),
      () => b.post(`${base}/tick`, { kind: 'obligation', item: 'not_an_obligation', done: 'yes' }),
      () => b.post(`${base}/status`, { status: 'contained' }),
      () => b.post(`${base}/status`, { status: 'suspected' }),
      () =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/companies/${companyId}/incidents/${incidentId}`, headers: { authorization: `Bearer ${token}` }, payload: { update: 'kept?', status: 'suspected' } }),
    ];
    const answers = await Promise.all(Array.from({ length: max + 10 }, (_, i) => refusedForms[i % refusedForms.length]!()));
    expect(answers.filter((r) => r.statusCode === 429)).toEqual([]);
    const apiAnswers = answers.filter((_, i) => i % refusedForms.length === refusedForms.length - 1);
    for (const r of apiAnswers) expect([r.statusCode, r.json().error.code]).toEqual([400, 'validation_failed']);
    for (const r of answers.filter((_, i) => i % refusedForms.length !== refusedForms.length - 1)) expect(r.statusCode).toBe(303);
    // Nothing was written for them, not even the API's update beside the impossible status.
    expect(await events(incidentId)).toBe(before);

    // The whole hourly limit, less the confirmation, is still there for real changes.
    const real = await Promise.all(Array.from({ length: max }, (_, i) => b.post(`${base}/update`, { text: `real ${i}`, kind: 'update' })));
    expect(statuses(real)).toEqual([...Array(max - 1).fill(303), 429]);
    expect((await events(incidentId)) - before).toBe(max - 1);
  }, 120_000);
});
