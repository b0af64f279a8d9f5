/**
 * "Is my software safe?" over HTTP on SQLite and PostgreSQL: add and remove products, answer per product, suggestions
 * from the profile and from a stored scan, plan items appearing and disappearing on the software and plan pages,
 * roles (a member reads, owners and admins change), bad input refused with nothing saved, and the JSON API.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, ownerWithCompany, PASSWORD } from '../support/flows.ts';

const decode = (s: string) => s.replace(/&#x27;|&#39;/g, '’').replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe.each(DIALECTS)('software list on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    await t.close();
  });

  const rows = (companyId: string) => t.runtime.deps.db.selectFrom('company_software').selectAll().where('company_id', '=', companyId).execute();

  it('adds a suggested product, turns an answer into a plan item on both pages, and drops it when the answer is yes', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const base = `/en/companies/${companyId}/software`;
    const first = await b.get(base);
    expect(first.statusCode).toBe(200);
    // PROFILE says the mail runs through Microsoft 365.
    expect(decode(first.body)).toContain('Your company profile says your e-mail runs through Microsoft 365.');
    expect(first.body).toContain(`href="/en/companies/${companyId}/software"`);

    const added = await b.post(base, { productId: 'microsoft-365' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${base}?done=added`);
    expect((await rows(companyId)).map((r) => [r.product_id, r.settings])).toEqual([['microsoft-365', '{}']]);

    // Not answered yet: the item asks to require two-step log-in, with Microsoft's own steps and source.
    let page = decode((await b.get(base)).body);
    expect(page).toContain('Require two-step login for everyone in Microsoft 365');
    expect(page).toContain('Choose “Manage security defaults”');
    expect(page).toContain('https://raw.githubusercontent.com/MicrosoftDocs/entra-docs/main/docs/fundamentals/security-defaults.md');
    let plan = decode((await b.get(`/en/companies/${companyId}/results`)).body);
    expect(plan).toContain('Your software');
    expect(plan).toContain('Require two-step login for everyone in Microsoft 365');

    expect((await b.post(`${base}/settings`, { productId: 'microsoft-365', mfa_enforceable: 'no' })).statusCode).toBe(303);
    expect(JSON.parse((await rows(companyId))[0]!.settings)).toEqual({ mfa_enforceable: 'no' });
    expect(decode((await b.get(base)).body)).toContain('Require two-step login for everyone in Microsoft 365');

    expect((await b.post(`${base}/settings`, { productId: 'microsoft-365', mfa_enforceable: 'yes', export_backup: 'yes' })).statusCode).toBe(303);
    page = decode((await b.get(base)).body);
    expect(page).not.toContain('Require two-step login for everyone in Microsoft 365');
    expect(page).toContain('Nothing left to do for your software.');
    plan = decode((await b.get(`/en/companies/${companyId}/results`)).body);
    expect(plan).not.toContain('Require two-step login for everyone in Microsoft 365');

    // A version without updates in use is an item of its own.
    await b.post(`${base}/settings`, { productId: 'microsoft-365', mfa_enforceable: 'yes', export_backup: 'yes', end_of_life: 'no' });
    expect(decode((await b.get(base)).body)).toContain('Move to a version of Microsoft 365 that still gets security updates');

    const log = await t.runtime.deps.db.selectFrom('audit_events').select(['type', 'detail']).where('company_id', '=', companyId).execute();
    const details = log.map((e) => String(e.detail));
    expect(details.some((d) => d.includes('"softwareAdded":"microsoft-365"'))).toBe(true);
    expect(details.filter((d) => d.includes('"softwareSettings":"microsoft-365"')).length).toBe(3);

    expect((await b.post(`${base}/remove`, { productId: 'microsoft-365' })).statusCode).toBe(303);
    expect(await rows(companyId)).toEqual([]);
    const after = await t.runtime.deps.db.selectFrom('audit_events').select('detail').where('company_id', '=', companyId).execute();
    expect(after.some((e) => String(e.detail).includes('"softwareRemoved":"microsoft-365"'))).toBe(true);
  });

  it('suggests products from the providers a stored scan of a verified domain saw, naming the domain', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const db = t.runtime.deps.db;
    const now = new Date().toISOString();
    const scanId = randomUUID();
    const result = { checks: [{ id: 'mail.spf', status: 'pass', details: { providers: { mail: 'google', web: 'shopify' } } }] };
    await db.insertInto('scans').values({ id: scanId, domain: 'bakkerij.test', company_id: companyId, requested_by: null, status: 'done', progress: 100, step: null, algorithm_version: '1', grade: 'B', result: JSON.stringify(result), error: null, created_at: now, started_at: now, finished_at: now, fingerprint: null }).execute();
    await db.insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'bakkerij.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: scanId, fingerprint: null }).execute();
    // An unverified domain's scan says nothing: only proven domains count.
    const other = randomUUID();
    await db.insertInto('scans').values({ id: other, domain: 'someone-else.test', company_id: companyId, requested_by: null, status: 'done', progress: 100, step: null, algorithm_version: '1', grade: 'B', result: JSON.stringify({ checks: [{ details: { providers: { mail: 'microsoft365' } } }] }), error: null, created_at: now, started_at: now, finished_at: now, fingerprint: null }).execute();
    await db.insertInto('company_domains').values({ id: randomUUID(), company_id: companyId, domain: 'someone-else.test', verify_token: 'y'.repeat(24), verified_at: null, verify_method: null, created_at: now, last_scan_id: other, fingerprint: null }).execute();

    const page = decode((await b.get(`/en/companies/${companyId}/software`)).body);
    expect(page).toContain('We saw this on your domain bakkerij.test: your e-mail runs through Google Workspace.');
    expect(page).toContain('We saw this on your domain bakkerij.test: your website runs on Shopify.');
    expect(page).not.toContain('someone-else.test');
    // One click adds it, no JavaScript needed: the suggestion is a form with the product id.
    expect(page).toMatch(/<input type="hidden" name="productId" value="shopify"\/>/);
    expect((await b.post(`/en/companies/${companyId}/software`, { productId: 'shopify' })).statusCode).toBe(303);
    expect(decode((await b.get(`/en/companies/${companyId}/software`)).body)).not.toContain('your website runs on Shopify');
  });

  it('refuses bad input with a translated message and 400, saving nothing', async () => {
    const { b, companyId } = await ownerWithCompany(t);
    const base = `/fr/companies/${companyId}/software`;
    await b.get(base);
    const bodies: Record<string, string | string[]>[] = [{ productId: 'not-a-product' }, { productId: '../../etc' }, {}, { productId: ['microsoft-365', 'shopify'] }];
    for (const body of bodies) {
      const res = await b.post(base, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.body).toContain('error-summary');
      expect(decode(res.body)).toContain('Choisissez un programme de la liste.');
    }
    expect(await rows(companyId)).toEqual([]);

    await b.post(base, { productId: 'yuki' });
    expect((await b.post(base, { productId: 'yuki' })).statusCode).toBe(400);
    const odd = await b.post(`${base}/settings`, { productId: 'yuki', mfa_enforceable: 'maybe' });
    expect(odd.statusCode).toBe(400);
    expect(decode(odd.body)).toContain('Choisissez Oui, Non ou Je ne sais pas pour chaque question.');
    expect((await b.post(`${base}/settings`, { productId: 'shopify', mfa_enforceable: 'yes' })).statusCode).toBe(400);
    expect((await b.post(`${base}/remove`, { productId: 'shopify' })).statusCode).toBe(400);
    expect((await rows(companyId)).map((r) => [r.product_id, r.settings])).toEqual([['yuki', '{}']]);
  });

  it('lets a member read but not change (403); an outsider gets 404', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    await owner.post(`/en/companies/${companyId}/software`, { productId: 'teamviewer' });
    const member = await inviteAndJoin(t, owner, companyId, 'colleague@example.be');
    const base = `/en/companies/${companyId}/software`;
    const view = await member.get(base);
    expect(view.statusCode).toBe(200);
    expect(decode(view.body)).toContain('Require two-step login for everyone in TeamViewer');
    expect(view.body).not.toContain(`action="${base}/settings"`);
    expect((await member.post(base, { productId: 'anydesk' })).statusCode).toBe(403);
    expect((await member.post(`${base}/settings`, { productId: 'teamviewer', mfa_enforceable: 'yes' })).statusCode).toBe(403);
    expect((await member.post(`${base}/remove`, { productId: 'teamviewer' })).statusCode).toBe(403);
    expect((await rows(companyId)).map((r) => [r.product_id, r.settings])).toEqual([['teamviewer', '{}']]);

    const { b: outsider } = await ownerWithCompany(t, 'outsider@example.be');
    expect((await outsider.get(base)).statusCode).toBe(404);
    expect((await outsider.post(base, { productId: 'anydesk' })).statusCode).toBe(404);
  });

  it('answers GET /api/v1/companies/:id/software with the list and the plan items in ?lang', async () => {
    const { b: owner, companyId } = await ownerWithCompany(t);
    await owner.post(`/en/companies/${companyId}/software`, { productId: 'shopify' });
    await owner.post(`/en/companies/${companyId}/software`, { productId: 'winbooks' });
    await owner.post(`/en/companies/${companyId}/software/settings`, { productId: 'shopify', mfa_enforceable: 'no' });
    await owner.get('/en/account/tokens');
    const created = await owner.post('/en/account/tokens', { name: 'Sync', scopes: ['companies:read'], password: PASSWORD });
    const token = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)?.[1];
    expect(token).toBeTruthy();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/companies/${companyId}/software?lang=fr`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { software: unknown[]; planItems: { productId: string; fact: string; title: string; steps: string[]; source: { url: string } | null }[] };
    expect(body.software).toEqual([
      { productId: 'shopify', name: 'Shopify', category: 'webshop', settings: { mfa_enforceable: 'no' } },
      { productId: 'winbooks', name: 'WinBooks', category: 'accounting_invoicing', settings: {} },
    ]);
    const shop = body.planItems.find((i) => i.productId === 'shopify' && i.fact === 'mfa_enforceable')!;
    expect(shop.title).toBe('Imposez la connexion en deux étapes à tous dans Shopify');
    expect(shop.steps[0]).toContain('Shopify');
    expect(shop.source?.url).toBe('https://help.shopify.com/en/manual/your-account/staff-accounts/security/two-step-authentication');
    const ask = body.planItems.find((i) => i.productId === 'winbooks' && i.fact === 'mfa_available')!;
    expect(ask).toMatchObject({ title: 'Demandez à WinBooks si WinBooks propose la connexion en deux étapes', steps: [], source: null });

    const bad = await t.app.inject({ method: 'GET', url: `/api/v1/companies/${companyId}/software?lang=xx`, headers: { authorization: `Bearer ${token}` } });
    expect(bad.statusCode).toBe(400);
    const { b: outsider } = await ownerWithCompany(t, 'outsider@example.be');
    await outsider.get('/en/account/tokens');
    const theirs = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec((await outsider.post('/en/account/tokens', { name: 'X', scopes: ['companies:read'], password: PASSWORD })).body)?.[1];
    const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/companies/${companyId}/software`, headers: { authorization: `Bearer ${theirs}` } });
    expect(hidden.statusCode).toBe(404);
  });
});
