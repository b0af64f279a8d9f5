/**
 * Issue 9: `schild demo` fills the demo company with every kind of data the product holds, so every page can be seen
 * with real content: two finished assessment rounds with a done action, incidents in several states, a verified
 * domain with scan history and an alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/entrypoints/demo.ts';
import { Browser, createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';

describe.each(DIALECTS)('the demo company on %s', (dialect) => {
  let t: TestApp;
  let demo: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    demo = await seedDemo(t.runtime.deps, t.runtime.content.assessment, t.runtime.content.incidents);
  });
  afterAll(async () => t?.close());

  it('holds every kind of data, and running it again changes nothing', async () => {
    const db = t.runtime.deps.db;
    const assessments = await db.selectFrom('assessments').select(['completed_at', 'result']).execute();
    expect(assessments.filter((a) => a.completed_at !== null)).toHaveLength(2);
    const [older, newer] = assessments
      .filter((a) => a.completed_at !== null)
      .sort((a, b) => a.completed_at!.localeCompare(b.completed_at!))
      .map((a) => (JSON.parse(a.result!) as { scores: { overall: number } }).scores.overall);
    expect(newer).toBeGreaterThan(older!);
    const incidents = await db.selectFrom('incidents').select('status').execute();
    expect(incidents.map((i) => i.status).sort()).toEqual(['closed', 'confirmed', 'suspected']);
    const scans = await db.selectFrom('scans').select(['grade', 'status']).orderBy('created_at').execute();
    expect(scans.map((s) => s.status)).toEqual(['done', 'done']);
    expect(scans[0]!.grade).not.toBe(scans[1]!.grade);
    const domain = await db.selectFrom('company_domains').select(['verified_at', 'last_scan_id']).executeTakeFirstOrThrow();
    expect(domain.verified_at).not.toBeNull();
    const alerts = await db.selectFrom('outbox').select('subject').where('to_address', '=', demo.ownerEmail).execute();
    expect(alerts.some((m) => m.subject.includes('bakkerij-demo.example'))).toBe(true);
    // No monitoring scan is planned for the reserved demo domain: it is never scanned live.
    expect(await db.selectFrom('jobs').select('id').where('type', '=', 'scan').execute()).toHaveLength(0);

    await seedDemo(t.runtime.deps, t.runtime.content.assessment, t.runtime.content.incidents);
    expect(await db.selectFrom('incidents').select('id').execute()).toHaveLength(3);
  });

  it('has two finished phishing campaigns with results, and prints a working landing link of one demo recipient', async () => {
    const db = t.runtime.deps.db;
    const campaigns = await db.selectFrom('phishing_campaigns').select(['id', 'domain', 'status']).orderBy('starts_at').execute();
    expect(campaigns.map((c) => [c.domain, c.status])).toEqual([
      ['bakkerij-demo.example', 'sent'],
      ['bakkerij-demo.example', 'sent'],
    ]);
    // Nothing is mailed to the demo staff: their mails only exist as rows.
    expect(await db.selectFrom('outbox').select('id').where('to_address', 'like', '%@bakkerij-demo.example').execute()).toHaveLength(0);
    expect(demo.phishingLink).toMatch(/\/p\/[A-Za-z0-9_-]{22}$/);
    const again = await seedDemo(t.runtime.deps, t.runtime.content.assessment, t.runtime.content.incidents);
    expect(again.phishingLink).toBe(demo.phishingLink);
    const landing = await t.app.inject({ url: new URL(demo.phishingLink!).pathname, headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' } });
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('lang="nl"');
    expect(landing.body).toContain('data-testid="landing-form"');

    const b = new Browser(t.app);
    await b.get('/nl/login');
    await b.post('/nl/login', { email: demo.ownerEmail, password: demo.password, next: '/nl/account' });
    const company = await db.selectFrom('companies').select('id').executeTakeFirstOrThrow();
    const overview = await b.get(`/nl/companies/${company.id}/phishing/results`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Pakje onderweg (herfst)');
    const results = await b.get(`/nl/companies/${company.id}/phishing/campaigns/${campaigns[1]!.id}/results`);
    expect(results.body).toContain('3 van 7');
    expect(results.body).toContain('Eerste melding na 6 min');
  });

  it('shows the demo owner a home with content in every part', async () => {
    const b = new Browser(t.app);
    await b.get('/nl/login');
    const login = await b.post('/nl/login', { email: demo.ownerEmail, password: demo.password, next: '/nl/account' });
    expect(login.statusCode).toBe(303);
    const company = await t.runtime.deps.db.selectFrom('companies').select('id').executeTakeFirstOrThrow();
    const home = await b.get(`/nl/companies/${company.id}`);
    expect(home.statusCode).toBe(200);
    expect(home.body).toMatch(/\d+ op 100/);
    expect(home.body).toContain('Hoger dan de vorige keer');
    expect(home.body).toContain('bakkerij-demo.example');
    expect(home.body).toContain('Volgende termijn');
    // Hours in this week's actions are written the Dutch way (decimal comma), never "1.5".
    expect(home.body).not.toMatch(/ongeveer \d+\.\d+ uur/);
  });
});
