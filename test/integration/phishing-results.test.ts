/**
 * Phishing results (docs/phishing.md): report rate first, counts with 95% Wilson ranges, machines apart, groups only
 * from 5 people (smaller merged as "other groups"), people only by code and only from 5 recipients; owners and admins
 * only ('run_phishing'), in pages and in the JSON API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { inviteAndJoin, ownerWithCompany, PASSWORD } from '../support/flows.ts';
import { FIREFOX, sentCampaign, staff } from '../support/phishing.ts';
import type { Browser } from '../support/app.ts';

describe.each(DIALECTS)('phishing results on %s', (dialect) => {
  let t: TestApp;
  let owner: Browser;
  let companyId: string;
  let campaignId: string;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    ({ b: owner, companyId } = await ownerWithCompany(t, `results-${dialect}@example.be`));
    const c = await sentCampaign(t, companyId, [...staff(6, 'sales'), ...staff(3, 'kitchen'), ...staff(3, 'office')], { name: 'Parcel test' });
    campaignId = c.campaignId;
    const db = t.runtime.deps.db;
    const sent = Date.parse((await db.selectFrom('phishing_campaigns').select('starts_at').where('id', '=', campaignId).executeTakeFirstOrThrow()).starts_at);
    // Two reports (first after 4 minutes, as mail-in would record them), one person who clicks and submits, one scanner.
    await db.updateTable('phishing_recipients').set({ reported_at: new Date(sent + 240_000).toISOString() }).where('id', '=', c.recipients[0]!.id).execute();
    await db.updateTable('phishing_recipients').set({ reported_at: new Date(sent + 900_000).toISOString() }).where('id', '=', c.recipients[7]!.id).execute();
    const clicker = c.recipients[1]!;
    await t.app.inject({ url: `/p/${clicker.token}`, headers: { 'user-agent': FIREFOX } });
    await t.app.inject({ url: `/p/${clicker.token}/a.css`, headers: { 'user-agent': FIREFOX } });
    await t.app.inject({ url: `/p/${c.recipients[2]!.token}`, headers: { 'user-agent': 'Mozilla/5.0 (compatible; ms-office)' } });
    await owner.get('/en/account/tokens');
    const created = await owner.post('/en/account/tokens', { name: 'Results', scopes: ['companies:read'], password: PASSWORD });
    token = /data-testid="new-token">\s*(sch_[A-Za-z0-9_-]+)/.exec(created.body)![1]!;
  });
  afterAll(async () => t?.close());

  it('gives the results as JSON with Wilson ranges, machines apart, small groups merged and people by code', async () => {
    const res = await t.app.inject({ url: `/api/v1/companies/${companyId}/phishing/campaigns/${campaignId}/results`, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.campaign).toMatchObject({ id: campaignId, name: 'Parcel test' });
    expect(r.delivered).toBe(12);
    expect(r.reported).toMatchObject({ count: 2, total: 12 });
    expect(r.reported.low).toBeCloseTo(0.047, 3);
    expect(r.reported.high).toBeCloseTo(0.4480, 3);
    expect(r.clicked.count).toBe(1);
    expect(r.secondsToFirstReport).toBe(240);
    expect(r.scanner).toEqual({ total: 1, byReason: { agent: 1 } });
    expect(r.groups.map((g: { group: string | null; otherGroups: boolean; recipients: number }) => [g.group, g.otherGroups, g.recipients])).toEqual([
      ['sales', false, 6],
      [null, true, 6],
    ]);
    expect(r.people).toHaveLength(12);
    expect(JSON.stringify(r)).not.toMatch(/@example\.be|Person \d/);
  });

  it('shows no per-person results for fewer than 5 recipients', async () => {
    const small = await sentCampaign(t, companyId, staff(4));
    const r = (await t.app.inject({ url: `/api/v1/companies/${companyId}/phishing/campaigns/${small.campaignId}/results`, headers: { authorization: `Bearer ${token}` } })).json();
    expect(r.people).toBeNull();
    expect(r.groups).toEqual([]);
  });

  it('shows the pages to owners, with the report rate first and machines apart; members get 403, outsiders 404', async () => {
    const page = await owner.get(`/en/companies/${companyId}/phishing/campaigns/${campaignId}/results`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 of 12');
    expect(page.body).toContain('First report after 4 min');
    expect(page.body).toMatch(/known security program\s*(<!-- -->)?:\s*(<!-- -->)?1/);
    expect(page.body).toContain('other groups');
    const overview = await owner.get(`/en/companies/${companyId}/phishing/results`);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain('Parcel test');
    const docs = await owner.get(`/en/companies/${companyId}/phishing/documents/staff-notice?in=de`);
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('lang="de"');
    expect(docs.body).toContain('Übungs-E-Mails');
    const pdf = await owner.get(`/en/companies/${companyId}/phishing/documents/legitimate-interest?in=fr&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const member = await inviteAndJoin(t, owner, companyId, `member-${dialect}@example.be`);
    expect((await member.get(`/en/companies/${companyId}/phishing/results`)).statusCode).toBe(403);
    const outsider = (await ownerWithCompany(t, `outsider-${dialect}@example.be`)).b;
    expect((await outsider.get(`/en/companies/${companyId}/phishing/campaigns/${campaignId}/results`)).statusCode).toBe(404);
    // Bad ids are a 404, never a 500.
    expect((await owner.get(`/en/companies/${companyId}/phishing/campaigns/not-a-uuid/results`)).statusCode).toBe(404);
    expect((await owner.get(`/en/companies/${companyId}/phishing/documents/nope`)).statusCode).toBe(404);
  });
});
