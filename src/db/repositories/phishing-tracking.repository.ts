/**
 * Phishing tracking and results: the recipient behind a link token, first-event times, events, per-campaign counts,
 * and the retention purge. Never stores what a person typed nor the address a request came from (migration 010).
 */
import type { Selectable } from 'kysely';
import type { PhishingCampaignsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export type CampaignRow = Selectable<PhishingCampaignsTable>;

export interface TrackedRecipient {
  id: string;
  campaignId: string;
  companyId: string;
  companyName: string;
  templateId: string;
  language: string;
  displayName: string | null;
  /** The person's address (null once the person was removed from the staff list), for the greeting only. */
  email: string | null;
  sentAt: string | null;
  clickedAt: string | null;
  /** The campaign no longer records anything: cancelled, past its retention date or purged. */
  campaignStatus: string;
  purgeAfter: string;
  purgedAt: string | null;
}

/** reported_at is set by mail-in (forwarded simulated mail); the demo sets it too. */
export type FirstEventColumn = 'opened_at' | 'clicked_at' | 'submitted_at' | 'reported_at';
export type EventKind = 'delivered' | 'opened' | 'clicked' | 'submitted' | 'reported' | 'scanner' | 'lesson';

export async function findRecipientByTokenHash(db: Conn, tokenHash: string): Promise<TrackedRecipient | undefined> {
  const r = await db
    .selectFrom('phishing_recipients as r')
    .innerJoin('phishing_campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('companies as co', 'co.id', 'c.company_id')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.campaign_id', 'c.company_id', 'co.name as company_name', 'c.template_id', 'r.language', 'p.display_name', 'p.email', 'r.sent_at', 'r.clicked_at', 'c.status', 'c.purge_after', 'c.purged_at'])
    .where('r.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    campaignId: r.campaign_id,
    companyId: r.company_id,
    companyName: r.company_name,
    templateId: r.template_id,
    language: r.language,
    displayName: r.display_name ?? null,
    email: r.email ?? null,
    sentAt: r.sent_at,
    clickedAt: r.clicked_at,
    campaignStatus: r.status,
    purgeAfter: r.purge_after,
    purgedAt: r.purged_at,
  };
}

export async function insertEvent(db: Conn, e: { campaignId: string; recipientId: string | null; kind: EventKind; reason: string | null; at: Date }): Promise<void> {
  await db.insertInto('phishing_events').values({ campaign_id: e.campaignId, recipient_id: e.recipientId, kind: e.kind, reason: e.reason, created_at: e.at.toISOString() }).execute();
}

/** Sets a first-event time only if it is not set yet; true when this call set it (one statement, so no race). */
export async function setFirstEvent(db: Conn, recipientId: string, column: FirstEventColumn, at: Date): Promise<boolean> {
  const r = await db.updateTable('phishing_recipients').set({ [column]: at.toISOString() }).where('id', '=', recipientId).where(column, 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A landing page load that has not (yet) loaded its asset is kept as a `scanner` event with reason `no_assets`. */
export async function deleteUnconfirmedClick(db: Conn, recipientId: string): Promise<boolean> {
  const last = await db
    .selectFrom('phishing_events')
    .select('id')
    .where('recipient_id', '=', recipientId)
    .where('kind', '=', 'scanner')
    .where('reason', '=', 'no_assets')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return false;
  await db.deleteFrom('phishing_events').where('id', '=', last.id).execute();
  return true;
}

export async function hasEvent(db: Conn, recipientId: string, kind: EventKind): Promise<boolean> {
  return (await db.selectFrom('phishing_events').select('id').where('recipient_id', '=', recipientId).where('kind', '=', kind).limit(1).executeTakeFirst()) !== undefined;
}

export async function findCampaign(db: Conn, companyId: string, campaignId: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('phishing_campaigns').selectAll().where('company_id', '=', companyId).where('id', '=', campaignId).executeTakeFirst();
}

const campaignsOfCompany = prepared(['companyId'], (db, p: { companyId: string }) => db.selectFrom('phishing_campaigns').selectAll().where('company_id', '=', p.companyId).orderBy('starts_at', 'asc').orderBy('id'));

export async function listCampaigns(db: Conn, companyId: string): Promise<CampaignRow[]> {
  return campaignsOfCompany.all(db, { companyId });
}

export interface OutcomeRow {
  group: string;
  pseudonym: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  submittedAt: string | null;
  reportedAt: string | null;
}

const outcomesOf = prepared(['campaignId'], (db, p: { campaignId: string }) =>
  db
    .selectFrom('phishing_recipients as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.group_name', 'p.pseudonym', 'r.sent_at', 'r.opened_at', 'r.clicked_at', 'r.submitted_at', 'r.reported_at'])
    .where('r.campaign_id', '=', p.campaignId)
    .orderBy('r.id'),
);

export async function listOutcomes(db: Conn, campaignId: string): Promise<OutcomeRow[]> {
  const rows = await outcomesOf.all(db, { campaignId });
  return rows.map((r) => ({ group: r.group_name, pseudonym: r.pseudonym ?? null, sentAt: r.sent_at, openedAt: r.opened_at, clickedAt: r.clicked_at, submittedAt: r.submitted_at, reportedAt: r.reported_at }));
}

const reportCountsOf = prepared(['campaignId'], (db, p: { campaignId: string }) =>
  db
    .selectFrom('phishing_recipients')
    .select((eb) => [eb.fn.count<string | number>('sent_at').as('delivered'), eb.fn.count<string | number>(eb.case().when('sent_at', 'is not', null).then(eb.ref('reported_at')).end()).as('reported')])
    .where('campaign_id', '=', p.campaignId),
);

/**
 * Delivered mails and how many of those were reported, counted by the database: the company home's "last exercise"
 * line, which must not read every recipient of a 10,000-recipient campaign on each view. Same rule as the results
 * page (core/phishing/results.ts): only delivered mails count, in the total and in the reports.
 */
export async function reportCounts(db: Conn, campaignId: string): Promise<{ delivered: number; reported: number }> {
  const r = await reportCountsOf.first(db, { campaignId });
  return { delivered: Number(r?.delivered ?? 0), reported: Number(r?.reported ?? 0) };
}

/** Counts of `scanner` events by reason, and of `lesson` events, for one campaign. */
const eventCountsOf = prepared(['campaignId'], (db, p: { campaignId: string }) =>
  db
    .selectFrom('phishing_events')
    .select(['kind', 'reason', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaign_id', '=', p.campaignId)
    .where('kind', 'in', ['scanner', 'lesson'])
    .groupBy(['kind', 'reason']),
);

export async function eventCounts(db: Conn, campaignId: string): Promise<{ scanner: Record<string, number>; lessons: number }> {
  const rows = await eventCountsOf.all(db, { campaignId });
  const scanner: Record<string, number> = {};
  let lessons = 0;
  for (const r of rows) {
    if (r.kind === 'lesson') lessons += Number(r.n);
    else scanner[r.reason ?? 'unknown'] = (scanner[r.reason ?? 'unknown'] ?? 0) + Number(r.n);
  }
  return { scanner, lessons };
}

export async function listCampaignsToPurge(db: Conn, now: Date, createdBefore: Date): Promise<{ id: string }[]> {
  return db
    .selectFrom('phishing_campaigns')
    .select('id')
    .where('purged_at', 'is', null)
    .where((eb) => eb.or([eb('purge_after', '<=', now.toISOString()), eb('created_at', '<=', createdBefore.toISOString())]))
    .orderBy('purge_after')
    .execute();
}

/**
 * Retention (GDPR Art. 5(1)(e), storage limitation): after purge_after no row of the campaign points to a person any
 * more. Recipients keep their group and first-event times, which now only count; events lose their recipient link.
 */
export async function purgeCampaign(db: Conn, campaignId: string, now: Date): Promise<void> {
  await db.updateTable('phishing_recipients').set({ person_id: null, message_id: null, claimed_by: null }).where('campaign_id', '=', campaignId).execute();
  await db.updateTable('phishing_events').set({ recipient_id: null }).where('campaign_id', '=', campaignId).execute();
  await db.updateTable('phishing_campaigns').set({ purged_at: now.toISOString() }).where('id', '=', campaignId).execute();
}

/** The recipient row of a person (by address) in a company's campaigns, newest campaign first. */
export async function findRecipientIdByPersonEmail(db: Conn, companyId: string, email: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('phishing_recipients as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .innerJoin('phishing_campaigns as c', 'c.id', 'r.campaign_id')
    .select('r.id')
    .where('p.company_id', '=', companyId)
    .where('p.email', '=', email)
    .orderBy('c.starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}
