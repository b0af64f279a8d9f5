/**
 * Issue 12, the loop with the IT provider (docs/providers.md "Sharing a plan"): a company shares its plan with a
 * verified IT provider, the provider marks an item done with a note, the owner confirms (the answer becomes "yes" and
 * the score moves) or declines with a note the provider sees; bad input is refused with a message and changes
 * nothing; every step is in the company's log and the provider's; mails go to the right people; and when the
 * provider marks done something the scan can observe, the domain is scanned again and a contradiction is shown.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOutboxTo } from '../../src/db/repositories/outbox.repository.ts';
import { createTestApp, type Browser, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany, inviteAndJoin } from '../support/flows.ts';
import { startScanLab, type ScanLab } from '../support/scan/lab.ts';
import { companyWithOpenPlan, joinStaff, shareIdFrom, verifiedProvider } from '../support/provider-shares.ts';

const EMAIL_AUTH = 'pr-email-domain-auth';

describe.each(DIALECTS)('sharing the plan with an IT provider on %s', (dialect) => {
  let t: TestApp;
  let lab: ScanLab;
  let owner: Browser;
  let admin: Browser;
  let companyId: string;
  let provider: { b: Browser; orgId: string };
  let providerAdmin: Browser;
  let unverifiedId: string;

  beforeAll(async () => {
    lab = await startScanLab();
    t = await createTestApp(dialect, lab.env('weak.test'));
    ({ b: owner, companyId } = await ownerWithCompany(t));
    admin = await inviteAndJoin(t, owner, companyId, 'admin@example.be', 'admin');
    await companyWithOpenPlan(t, companyId);
    provider = await verifiedProvider(t, { name: 'Nettech BV', email: 'boss@nettech.be', ip: '198.51.100.20' });
    providerAdmin = await joinStaff(t, provider.b, provider.orgId, 'Nettech BV', 'tech@nettech.be', 'org_admin', '198.51.100.21');
    await joinStaff(t, provider.b, provider.orgId, 'Nettech BV', 'viewer@nettech.be', 'org_viewer', '198.51.100.22');
    unverifiedId = (await verifiedProvider(t, { name: 'Unchecked IT', email: 'x@unchecked.be', ip: '198.51.100.23', verified: false })).orgId;
    // The company's domain, verified, on the local lab's weak.test (its mail authentication fails).
    const now = new Date().toISOString();
    await t.runtime.deps.db
      .insertInto('company_domains')
      .values({ id: randomUUID(), company_id: companyId, domain: 'weak.test', verify_token: 'x'.repeat(24), verified_at: now, verify_method: 'dns', created_at: now, last_scan_id: null, fingerprint: null })
      .execute();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await lab?.stop();
  });

  const shares = () => t.runtime.deps.db.selectFrom('provider_shares').selectAll().where('company_id', '=', companyId).execute();
  const updates = () => t.runtime.deps.db.selectFrom('provider_item_updates').selectAll().where('company_id', '=', companyId).orderBy('marked_at').execute();

  it('offers only verified IT providers, preselects the one from the directory, and refuses a bad form without storing anything', async () => {
    const page = await owner.get(`/en/companies/${companyId}/providers?organisation=${provider.orgId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nettech BV');
    expect(page.body).not.toContain('Unchecked IT');
    expect(page.body).toMatch(new RegExp(`<option value="${provider.orgId}" selected`));
    expect(page.body).toContain('href="/en/providers"');

    const base = `/en/companies/${companyId}/providers/shares`;
    const noScope = await owner.post(base, { organisationId: provider.orgId, days: '90' });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.body).toContain('Tick at least one thing to share.');
    const oddDays = await owner.post(base, { organisationId: provider.orgId, scopes: 'plan', days: '45' });
    expect(oddDays.statusCode).toBe(400);
    expect(oddDays.body).toContain('Choose for how long you share.');
    // An organisation that is not a verified IT provider cannot be chosen, even by a crafted form.
    const unverified = await owner.post(base, { organisationId: unverifiedId, scopes: 'plan', days: '90' });
    expect(unverified.statusCode).toBe(400);
    expect(unverified.body).toContain('Choose an IT provider from the list.');
    const oddScope = await owner.post(base, { organisationId: provider.orgId, scopes: ['plan', 'members'], days: '90' });
    expect(oddScope.statusCode).toBe(400);
    expect(await shares()).toEqual([]);
    // An admin may look but not share (the owner decides who sees the company's data).
    expect((await admin.post(base, { organisationId: provider.orgId, scopes: 'plan', days: '90' })).statusCode).toBe(403);
  });

  it('shares, logs it on both sides and mails the provider’s owners and admins (not its viewers)', async () => {
    const res = await owner.post(`/en/companies/${companyId}/providers/shares`, { organisationId: provider.orgId, scopes: ['plan', 'provider_checklist'], days: '30' });
    expect(res.statusCode).toBe(303);
    const [row] = await shares();
    expect(JSON.parse(row!.scopes)).toEqual(['plan', 'provider_checklist']);
    const days = (new Date(row!.expires_at).getTime() - new Date(row!.granted_at).getTime()) / 86_400_000;
    expect(days).toBe(30);
    const page = await owner.get(`/en/companies/${companyId}/providers`);
    expect(page.body).toContain('data-testid="active-share"');
    expect(page.body).toContain('Your plan, IT provider checklist');
    expect(page.body).toMatch(/Test Owner shared with Nettech BV: Your plan, IT provider checklist, until/);
    expect((await owner.get(`/en/companies/${companyId}/audit`)).body).toContain('shared the plan with an IT provider');
    expect((await provider.b.get(`/en/orgs/${provider.orgId}/staff`)).body).toContain('shared the plan with an IT provider');

    await t.drainJobs();
    const mailed = async (to: string) => (await latestOutboxTo(t.runtime.deps.db, to)).filter((m) => m.subject.includes('shares its plan with you'));
    expect(await mailed('boss@nettech.be')).toHaveLength(1);
    expect(await mailed('tech@nettech.be')).toHaveLength(1);
    expect(await mailed('viewer@nettech.be')).toHaveLength(0);
    expect((await mailed('tech@nettech.be'))[0]!.text_body).toContain(`/orgs/${provider.orgId}/shared-plans/${row!.id}`);
  });

  it('the provider marks an item done: the note is required, plain and bounded, only open plan items, no duplicates', async () => {
    const shareId = (await shares())[0]!.id;
    const url = `/en/orgs/${provider.orgId}/shared-plans/${shareId}`;
    const page = await providerAdmin.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="shared-plan-items"');
    expect(page.body).toContain('data-testid="shared-checklist"');
    expect(page.body).not.toContain('data-testid="shared-scan"');
    expect(page.body).toContain(`id="item-${EMAIL_AUTH}"`);

    const empty = await providerAdmin.post(`${url}/items`, { controlId: EMAIL_AUTH, note: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Write briefly what you did');
    const long = await providerAdmin.post(`${url}/items`, { controlId: EMAIL_AUTH, note: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('The note is too long: at most 1000 characters.');
    // Repeated fields (arrays) are not a note or a control: refused, never a 500.
    expect((await providerAdmin.post(`${url}/items`, { controlId: EMAIL_AUTH, note: ['a', 'b'] })).statusCode).toBe(400);
    expect((await providerAdmin.post(`${url}/items`, { controlId: [EMAIL_AUTH, EMAIL_AUTH], note: 'Done.' })).statusCode).toBe(400);
    const unknown = await providerAdmin.post(`${url}/items`, { controlId: 'no-such-control', note: 'Done.' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('not open in the plan');
    expect(await updates()).toEqual([]);

    const scansBefore = await t.runtime.deps.db.selectFrom('scans').select('id').where('company_id', '=', companyId).execute();
    const ok = await providerAdmin.post(`${url}/items`, { controlId: EMAIL_AUTH, note: 'SPF, DKIM and DMARC (p=reject) published for weak.test.' });
    expect(ok.statusCode).toBe(303);
    // The scan can observe this control, so the company's verified domain is queued for a new scan at once.
    expect(ok.headers.location).toContain('done=marked_rescan');
    const scansAfter = await t.runtime.deps.db.selectFrom('scans').select(['id', 'domain']).where('company_id', '=', companyId).execute();
    expect(scansAfter.length).toBe(scansBefore.length + 1);
    expect(scansAfter.map((s) => s.domain)).toContain('weak.test');

    const dup = await providerAdmin.post(`${url}/items`, { controlId: EMAIL_AUTH, note: 'Again.' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('already waiting for the company’s confirmation');
    const rows = await updates();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('pending');

    await t.drainJobs();
    // In the company's language (Dutch here), to its owners and admins.
    const mail = (await latestOutboxTo(t.runtime.deps.db, 'owner@example.be')).find((m) => m.subject === 'Nettech BV duidde een actie aan als gedaan');
    expect(mail?.text_body).toContain(`/nl/companies/${companyId}/providers`);
    expect((await latestOutboxTo(t.runtime.deps.db, 'admin@example.be')).some((m) => m.subject === 'Nettech BV duidde een actie aan als gedaan')).toBe(true);
  }, 60_000);

  it('after the re-scan the company is told plainly that the scan contradicts the “done”', async () => {
    await t.drainJobs();
    const page = await owner.get(`/en/companies/${companyId}/providers`);
    expect(page.body).toContain('data-testid="pending-update"');
    expect(page.body).toMatch(/Tech[^<]* of Nettech BV marked “[^”]+” done:/);
    expect(page.body).toContain('SPF, DKIM and DMARC (p=reject) published for weak.test.');
    expect(page.body).toMatch(/The scan of weak\.test on [^<]+ still sees: [^<]+\. This contradicts “done”\./);
    // The provider sees the same contradiction on its own claim.
    const shareId = (await shares())[0]!.id;
    expect((await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans/${shareId}`)).body).toContain('data-testid="scan-contradiction"');
  }, 60_000);

  it('the owner confirms: the answer becomes “yes”, the score goes up, and both histories say who did what', async () => {
    const before = await owner.get(`/en/companies/${companyId}/providers`);
    const scoreBefore = Number(/data-testid="provider-score">(\d+)</.exec(before.body)![1]);
    const update = (await updates())[0]!;
    // A made-up or foreign update id is "not found" and changes nothing.
    expect((await owner.post(`/en/companies/${companyId}/providers/updates/${randomUUID()}/confirm`, {})).statusCode).toBe(404);
    const res = await owner.post(`/en/companies/${companyId}/providers/updates/${update.id}/confirm`, {});
    expect(res.statusCode).toBe(303);
    const after = await owner.get(String(res.headers.location));
    const scoreAfter = Number(/data-testid="provider-score">(\d+)</.exec(after.body)![1]);
    expect(scoreAfter).toBeGreaterThan(scoreBefore);
    expect(after.body).toContain(`Your score went from ${scoreBefore} to ${scoreAfter}`);
    expect(after.body).toMatch(/Test Owner confirmed “[^”]+”\./);
    const answer = await t.runtime.deps.db.selectFrom('assessment_answers').select('answer').where('assessment_id', '=', update.assessment_id).where('control_id', '=', EMAIL_AUTH).executeTakeFirstOrThrow();
    expect(answer.answer).toBe('yes');
    const row = (await updates())[0]!;
    expect(row.status).toBe('confirmed');
    expect(row.decided_at).not.toBeNull();
    // Confirming twice changes nothing.
    expect((await owner.post(`/en/companies/${companyId}/providers/updates/${update.id}/confirm`, {})).statusCode).toBe(409);
    const providerView = await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans/${update.share_id}`);
    expect(providerView.body).toMatch(/Test Owner confirmed “[^”]+”\./);
    // Still contradicted by the latest scan: "confirmed" does not hide it.
    expect(after.body).toContain('data-testid="scan-contradiction"');
    expect((await owner.get(`/en/companies/${companyId}/audit`)).body).toContain('confirmed an action of the IT provider');
  });

  it('the owner declines with a note the provider sees; a too long note is refused and changes nothing', async () => {
    const shareId = (await shares())[0]!.id;
    const page = await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans/${shareId}`);
    const controlId = [...page.body.matchAll(/name="controlId" value="([a-z0-9-]+)"/g)].map((m) => m[1]!).find((id) => id !== EMAIL_AUTH)!;
    expect((await providerAdmin.post(`/en/orgs/${provider.orgId}/shared-plans/${shareId}/items`, { controlId, note: 'Backups now go to an offline disk.' })).statusCode).toBe(303);
    const update = (await updates()).find((u) => u.control_id === controlId)!;
    const url = `/en/companies/${companyId}/providers/updates/${update.id}/decline`;
    await admin.get(`/en/companies/${companyId}/providers`);
    const long = await admin.post(url, { note: 'y'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('Your explanation is too long.');
    expect((await admin.post(url, { note: ['a', 'b'] })).statusCode).toBe(400);
    expect((await updates()).find((u) => u.id === update.id)!.status).toBe('pending');
    expect((await admin.post(url, { note: 'The disk is still connected every night.' })).statusCode).toBe(303);
    expect((await updates()).find((u) => u.id === update.id)!.status).toBe('declined');
    const seen = await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans/${shareId}`);
    expect(seen.body).toMatch(/Colleague did not confirm “[^”]+”\./);
    expect(seen.body).toContain('The disk is still connected every night.');
  });

  it('revoking ends access on the next request and is logged on both sides', async () => {
    const page = await owner.get(`/en/companies/${companyId}/providers`);
    const shareId = shareIdFrom(page.body);
    expect((await owner.post(`/en/companies/${companyId}/providers/shares/${shareId}/revoke`, {})).statusCode).toBe(303);
    expect((await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans/${shareId}`)).statusCode).toBe(404);
    expect((await providerAdmin.get(`/en/orgs/${provider.orgId}/shared-plans`)).body).not.toContain('data-testid="shared-plan"');
    const after = await owner.get(`/en/companies/${companyId}/providers`);
    expect(after.body).toMatch(/Test Owner stopped the access of Nettech BV\./);
    expect(after.body).not.toContain('data-testid="active-share"');
    // Revoking again: nothing to do, said plainly.
    expect((await owner.post(`/en/companies/${companyId}/providers/shares/${shareId}/revoke`, {})).headers.location).toContain('done=ended');
    expect((await owner.get(`/en/companies/${companyId}/audit`)).body).toContain('stopped an IT provider’s access');
    expect((await provider.b.get(`/en/orgs/${provider.orgId}/staff`)).body).toContain('stopped an IT provider’s access');
  });
});
