/**
 * Retention (GDPR Art. 5(1)(e); docs/phishing.md): after a campaign's purge_after, the daily job removes every link
 * between its results and people, keeps the counts, and marks it purged; the link still teaches but records nothing.
 * The clock is moved, nothing waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePhishingRetentionJob, PHISHING_RETENTION_JOB } from '../../src/app/phishing-retention.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/dialects.ts';
import { ownerWithCompany } from '../support/flows.ts';
import { FIREFOX, sentCampaign, staff } from '../support/phishing.ts';

const DAY = 24 * 3_600_000;

describe.each(DIALECTS)('phishing retention on %s', (dialect) => {
  let t: TestApp;
  let companyId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect, { PHISHING_RETENTION_MONTHS: '12' });
    companyId = (await ownerWithCompany(t, `retention-${dialect}@example.be`)).companyId;
  });
  afterAll(async () => t?.close());

  it('purges per-person links after purge_after, keeps counts, plans itself daily, and the link then records nothing', async () => {
    const db = t.runtime.deps.db;
    const old = await sentCampaign(t, companyId, staff(5), { name: 'Old' });
    const recent = await sentCampaign(t, companyId, staff(5), { name: 'Recent', startsAt: new Date(t.clock.now().getTime() + 200 * DAY) });
    const clicker = old.recipients[0]!;
    await t.app.inject({ url: `/p/${clicker.token}`, headers: { 'user-agent': FIREFOX } });
    await t.app.inject({ url: `/p/${clicker.token}/a.css`, headers: { 'user-agent': FIREFOX } });

    await ensurePhishingRetentionJob(t.runtime.deps);
    await ensurePhishingRetentionJob(t.runtime.deps);
    const planned = () => db.selectFrom('jobs').select(['run_at', 'status']).where('type', '=', PHISHING_RETENTION_JOB).where('status', '=', 'queued').execute();
    expect(await planned()).toHaveLength(1);
    await t.drainJobs();
    // Within the period: nothing purged.
    expect((await db.selectFrom('phishing_campaigns').select('purged_at').where('id', '=', old.campaignId).executeTakeFirstOrThrow()).purged_at).toBeNull();
    const next = await planned();
    expect(next).toHaveLength(1);
    expect(Date.parse(next[0]!.run_at) - t.clock.now().getTime()).toBeGreaterThan(DAY - 60_000);

    t.clock.advance(366 * DAY);
    await t.drainJobs();
    const campaign = await db.selectFrom('phishing_campaigns').select('purged_at').where('id', '=', old.campaignId).executeTakeFirstOrThrow();
    expect(campaign.purged_at).not.toBeNull();
    const rows = await db.selectFrom('phishing_recipients').select(['person_id', 'clicked_at', 'message_id']).where('campaign_id', '=', old.campaignId).execute();
    expect(rows.every((r) => r.person_id === null && r.message_id === null)).toBe(true);
    expect(rows.filter((r) => r.clicked_at !== null)).toHaveLength(1);
    const events = await db.selectFrom('phishing_events').select(['recipient_id', 'kind']).where('campaign_id', '=', old.campaignId).execute();
    expect(events.map((e) => e.kind).filter((k) => k !== 'delivered')).toEqual(['clicked']);
    expect(events.every((e) => e.recipient_id === null)).toBe(true);
    // The campaign that started 200 days later is still within its 12 months.
    expect((await db.selectFrom('phishing_campaigns').select('purged_at').where('id', '=', recent.campaignId).executeTakeFirstOrThrow()).purged_at).toBeNull();

    const page = await t.app.inject({ url: `/p/${old.recipients[1]!.token}`, headers: { 'user-agent': FIREFOX } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This was a practice mail');
    expect(await db.selectFrom('phishing_events').select('id').where('campaign_id', '=', old.campaignId).where('kind', '!=', 'delivered').execute()).toHaveLength(1);
  });
});
