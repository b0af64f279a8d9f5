/**
 * Issue 12, "a provider sees nothing it was not granted, before, during and after the grant" (docs/providers.md
 * "Sharing a plan"; data minimisation, GDPR Art. 5(1)(c) and Art. 25). Every provider read checks the organisation,
 * `revoked_at IS NULL` and `expires_at > now` in the same query, so revocation and expiry hold from the very next
 * request; a share that is not the caller's organisation's answers 404, exactly like one that never existed.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/adapters/crypto.ts';
import { insertApiToken } from '../../src/db/repositories/token.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { logIn, ownerWithCompany, PROFILE } from '../support/flows.ts';
import { companyWithOpenPlan, joinStaff, shareIdFrom, verifiedProvider } from '../support/provider-shares.ts';

describe.each(DIALECTS)('what an IT provider can reach on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let companyId: string;
  let a: { b: Browser; orgId: string };
  let aViewer: Browser;
  let other: { b: Browser; orgId: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t));
    await companyWithOpenPlan(t, companyId);
    a = await verifiedProvider(t, { name: 'Alpha IT', email: 'boss@alpha.be', ip: '198.51.100.30' });
    aViewer = await joinStaff(t, a.b, a.orgId, 'Alpha IT', 'viewer@alpha.be', 'org_viewer', '198.51.100.31', 'Vera Viewer');
    other = await verifiedProvider(t, { name: 'Beta IT', email: 'boss@beta.be', ip: '198.51.100.32' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  const urls = (orgId: string, shareId: string) => [`/en/orgs/${orgId}/shared-plans/${shareId}`, `/en/orgs/${orgId}/shared-plans/${shareId}/scan-report`];
  const updateCount = async () => Number((await t.runtime.deps.db.selectFrom('provider_item_updates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const share = async (scopes: string[], days = '30'): Promise<string> => {
    await owner.get(`/en/companies/${companyId}/providers`);
    const res = await owner.post(`/en/companies/${companyId}/providers/shares`, { organisationId: a.orgId, scopes, days });
    expect(res.statusCode).toBe(303);
    return shareIdFrom((await owner.get(`/en/companies/${companyId}/providers`)).body);
  };
  const revoke = async (shareId: string) => {
    expect((await owner.post(`/en/companies/${companyId}/providers/shares/${shareId}/revoke`, {})).statusCode).toBe(303);
  };

  it('before any grant: the provider reaches no company page and no shared plan of it', async () => {
    for (const url of [`/en/companies/${companyId}`, `/en/companies/${companyId}/providers`, `/en/companies/${companyId}/results`, `/en/companies/${companyId}/incidents`, `/en/companies/${companyId}/people`]) {
      expect((await a.b.get(url)).statusCode, url).toBe(404);
    }
    const list = await a.b.get(`/en/orgs/${a.orgId}/shared-plans`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(PROFILE.name);
    for (const url of urls(a.orgId, randomUUID())) expect((await a.b.get(url)).statusCode, url).toBe(404);
    // Not even a malformed id gets further than "not found".
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans/not-a-uuid`)).statusCode).toBe(404);
  });

  it('during a grant of the plan only: the plan renders, the checklist and scan report do not, the scan report’s address is 404', async () => {
    const shareId = await share(['plan']);
    const page = await a.b.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(PROFILE.name);
    expect(page.body).toContain('data-testid="shared-plan-items"');
    expect(page.body).not.toContain('data-testid="shared-checklist"');
    expect(page.body).not.toContain('/scan-report');
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}/scan-report`)).statusCode).toBe(404);
    // Nothing else of the company: no link into any of its pages (members, incidents, people, phishing), no addresses.
    for (const word of ['owner@example.be', `/companies/${companyId}`]) expect(page.body, word).not.toContain(word);
    // The company pages stay closed during the grant too.
    expect((await a.b.get(`/en/companies/${companyId}/results`)).statusCode).toBe(404);
    // The list shows it with what is shared and until when.
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans`)).body).toContain('data-testid="shared-plan"');
    await revoke(shareId);
  });

  it('an org viewer reads the shared plan but cannot mark an item done (403, nothing stored)', async () => {
    const shareId = await share(['plan', 'provider_checklist', 'scan_report']);
    const page = await aViewer.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="controlId"');
    expect((await aViewer.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}/scan-report`)).statusCode).toBe(200);
    const controlId = /id="item-([a-z0-9-]+)"/.exec(page.body)![1]!;
    const res = await aViewer.post(`/en/orgs/${a.orgId}/shared-plans/${shareId}/items`, { controlId, note: 'Done.' });
    expect(res.statusCode).toBe(403);
    expect(await updateCount()).toBe(0);
    await revoke(shareId);
  });

  it('another provider organisation never sees it, by its own address or by the granted one', async () => {
    const shareId = await share(['plan', 'scan_report']);
    for (const url of [...urls(other.orgId, shareId), ...urls(a.orgId, shareId)]) expect((await other.b.get(url)).statusCode, url).toBe(404);
    expect((await other.b.get(`/en/orgs/${other.orgId}/shared-plans`)).body).not.toContain(PROFILE.name);
    await other.b.get(`/en/orgs/${other.orgId}/shared-plans`);
    const post = await other.b.post(`/en/orgs/${other.orgId}/shared-plans/${shareId}/items`, { controlId: 'pr-email-domain-auth', note: 'Done.' });
    expect(post.statusCode).toBe(404);
    expect(await updateCount()).toBe(0);
    await revoke(shareId);
  });

  it('the JSON API follows the same rule: only what is shared, only while granted, only to the organisation’s staff', async () => {
    const token = async (email: string, name: string) => {
      const value = `sch_${name.repeat(43).slice(0, 43)}`;
      const userId = (await t.runtime.deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
      await insertApiToken(t.runtime.deps.db, { id: randomUUID(), userId, name, tokenHash: sha256(value), scopes: ['organisations:read'], now: new Date().toISOString() });
      return { authorization: `Bearer ${value}` };
    };
    const mine = await token('boss@alpha.be', 'a');
    const theirs = await token('boss@beta.be', 'b');
    const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
    const shareId = await share(['plan']);
    const list = await get(`/api/v1/organisations/${a.orgId}/shared-plans`, mine);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { sharedPlans: { id: string; scopes: string[] }[] }).sharedPlans).toEqual([expect.objectContaining({ id: shareId, scopes: ['plan'] })]);
    const detail = await get(`/api/v1/organisations/${a.orgId}/shared-plans/${shareId}?lang=nl`, mine);
    expect(detail.statusCode).toBe(200);
    const body = detail.json() as { plan: { controlId: string; steps: string[]; markable: boolean }[] | null; providerChecklist: unknown; scanReports: unknown };
    expect(body.plan!.length).toBeGreaterThan(0);
    expect(body.plan!.every((p) => p.markable && p.steps.length > 0)).toBe(true);
    expect(body.providerChecklist).toBeNull();
    expect(body.scanReports).toBeNull();
    expect(detail.body).not.toContain('owner@example.be');
    // Another organisation's token: 404 by its own address and by the granted one.
    expect((await get(`/api/v1/organisations/${a.orgId}/shared-plans/${shareId}`, theirs)).statusCode).toBe(404);
    expect((await get(`/api/v1/organisations/${other.orgId}/shared-plans/${shareId}`, theirs)).statusCode).toBe(404);
    await revoke(shareId);
    expect((await get(`/api/v1/organisations/${a.orgId}/shared-plans/${shareId}`, mine)).statusCode).toBe(404);
    expect((await get(`/api/v1/organisations/${a.orgId}/shared-plans`, mine)).json()).toEqual({ sharedPlans: [] });
  });

  it('after revocation: every address is 404 on the very next request, and a pending “done” fails with 404 and stores nothing', async () => {
    const shareId = await share(['plan', 'provider_checklist', 'scan_report']);
    const page = await a.b.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}`);
    expect(page.statusCode).toBe(200);
    const controlId = /name="controlId" value="([a-z0-9-]+)"/.exec(page.body)![1]!;
    // The provider has the form open (with its CSRF token) when the owner revokes.
    await revoke(shareId);
    for (const url of urls(a.orgId, shareId)) expect((await a.b.get(url)).statusCode, url).toBe(404);
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans`)).body).not.toContain(PROFILE.name);
    const post = await a.b.post(`/en/orgs/${a.orgId}/shared-plans/${shareId}/items`, { controlId, note: 'Done just now.' });
    expect(post.statusCode).toBe(404);
    expect(await updateCount()).toBe(0);
  });

  it('after expiry (test clock): every address is 404 on the next request, without any job running', async () => {
    const shareId = await share(['plan', 'scan_report'], '30');
    const page = await a.b.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}`);
    const controlId = /name="controlId" value="([a-z0-9-]+)"/.exec(page.body)![1]!;
    // Sessions end long before a month passes: log in again after each jump of the clock.
    t.clock.advance(29 * 86_400_000);
    await logIn(a.b, 'boss@alpha.be');
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans/${shareId}`)).statusCode).toBe(200);
    t.clock.advance(1 * 86_400_000 + 1_000);
    await logIn(a.b, 'boss@alpha.be');
    for (const url of urls(a.orgId, shareId)) expect((await a.b.get(url)).statusCode, url).toBe(404);
    expect((await a.b.get(`/en/orgs/${a.orgId}/shared-plans`)).body).not.toContain(PROFILE.name);
    expect((await a.b.post(`/en/orgs/${a.orgId}/shared-plans/${shareId}/items`, { controlId, note: 'Done.' })).statusCode).toBe(404);
    expect(await updateCount()).toBe(0);
    // The company's page counts it as past, with the end in its history.
    await logIn(owner, 'owner@example.be');
    const company = await owner.get(`/en/companies/${companyId}/providers`);
    expect(company.body).toContain('The access of Alpha IT ended.');
  });
});
