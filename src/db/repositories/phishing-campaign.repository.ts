/**
 * Phishing campaigns and their recipients (migration 010): creation, listing with progress, and the claim → send →
 * mark cycle of the sending job (docs/decisions/0005-phishing-exactly-once.md).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Dialect } from '../connection.ts';
import type { Database, PhishingCampaignsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { transact } from '../transaction.ts';

export type CampaignStatus = 'scheduled' | 'sending' | 'sent' | 'cancelled';
export type CampaignRow = Selectable<PhishingCampaignsTable>;

export interface Progress {
  total: number;
  pending: number;
  claimed: number;
  sent: number;
  failed: number;
}

export interface NewRecipient {
  id: string;
  personId: string;
  group: string;
  language: string;
  tokenHash: string;
}

export async function insertCampaign(db: Conn, c: CampaignRow, recipients: NewRecipient[]): Promise<void> {
  await db.insertInto('phishing_campaigns').values(c).execute();
  for (let i = 0; i < recipients.length; i += 500) {
    await db
      .insertInto('phishing_recipients')
      .values(
        recipients.slice(i, i + 500).map((r) => ({
          id: r.id,
          campaign_id: c.id,
          person_id: r.personId,
          group_name: r.group,
          language: r.language,
          token_hash: r.tokenHash,
          send_state: 'pending',
          claimed_by: null,
          claimed_at: null,
          message_id: null,
          sent_at: null,
          opened_at: null,
          clicked_at: null,
          submitted_at: null,
          reported_at: null,
        })),
      )
      .execute();
  }
}

export async function findCampaign(db: Conn, companyId: string, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('phishing_campaigns').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function findCampaignById(db: Conn, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('phishing_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listCampaigns(db: Conn, companyId: string): Promise<CampaignRow[]> {
  return db.selectFrom('phishing_campaigns').selectAll().where('company_id', '=', companyId).orderBy('created_at', 'desc').execute();
}

export async function campaignProgress(db: Conn, campaignIds: readonly string[]): Promise<Map<string, Progress>> {
  const out = new Map<string, Progress>(campaignIds.map((id) => [id, { total: 0, pending: 0, claimed: 0, sent: 0, failed: 0 }]));
  if (campaignIds.length === 0) return out;
  const rows = await db
    .selectFrom('phishing_recipients')
    .select(['campaign_id', 'send_state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', 'in', [...campaignIds])
    .groupBy(['campaign_id', 'send_state'])
    .execute();
  for (const r of rows) {
    const p = out.get(r.campaign_id)!;
    const n = Number(r.n);
    p.total += n;
    if (r.send_state === 'pending' || r.send_state === 'claimed' || r.send_state === 'sent' || r.send_state === 'failed') p[r.send_state] += n;
    else if (r.send_state === 'sending') p.claimed += n; // held by a run, in the SMTP conversation right now
  }
  return out;
}

export async function setCampaignStatus(db: Conn, id: string, status: CampaignStatus, opts: { from?: CampaignStatus[]; sentAt?: string } = {}): Promise<boolean> {
  let q = db.updateTable('phishing_campaigns').set({ status, ...(opts.sentAt ? { sent_at: opts.sentAt } : {}) }).where('id', '=', id);
  if (opts.from) q = q.where('status', 'in', opts.from);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export interface ClaimedRecipient {
  id: string;
  personId: string | null;
  language: string;
  email: string | null;
  displayName: string | null;
}

/**
 * Claims up to `limit` recipients of a campaign for one sending run: pending ones, and ones whose claim is older
 * than the lease (their run died; they are sent again with the same token and Message-ID). One UPDATE with a
 * sub-select, as jobs are claimed (decision 0002): `FOR UPDATE SKIP LOCKED` on PostgreSQL lets concurrent runs
 * take disjoint rows; SQLite has a single writer, so the statement is already exclusive.
 */
export async function claimRecipients(db: Conn, dialect: Dialect, campaignId: string, claimId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedRecipient[]> {
  const staleIso = new Date(now.getTime() - leaseMs).toISOString();
  let next = db
    .selectFrom('phishing_recipients')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where((eb) => eb.or([eb('send_state', '=', 'pending'), eb.and([eb('send_state', '=', 'claimed'), eb('claimed_at', '<=', staleIso)])]))
    .orderBy('id')
    .limit(limit);
  if (dialect === 'postgres') next = next.forUpdate().skipLocked();
  const claimed = await db
    .updateTable('phishing_recipients')
    .set({ send_state: 'claimed', claimed_by: claimId, claimed_at: now.toISOString() })
    .where('id', 'in', (eb) => eb.selectFrom(next.as('n')).select('n.id'))
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('phishing_recipients as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.id', 'r.person_id', 'r.language', 'p.email', 'p.display_name'])
    .where('r.id', 'in', claimed.map((c) => c.id))
    .where('r.claimed_by', '=', claimId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ id: r.id, personId: r.person_id, language: r.language, email: r.email, displayName: r.display_name }));
}

/**
 * Marks a claimed recipient 'sending' just before its SMTP transaction; true while this run holds it. Committed before
 * the mail goes out, so a run that takes over after a crash knows this mail may have been accepted (RFC 5321
 * §4.1.1.4) and never claims it again: at most once (docs/operations.md, "Crashes and duplicates").
 */
export async function markRecipientSending(db: Conn, recipientId: string, claimId: string): Promise<boolean> {
  const r = await db.updateTable('phishing_recipients').set({ send_state: 'sending' }).where('id', '=', recipientId).where('claimed_by', '=', claimId).where('send_state', '=', 'claimed').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Back from 'sending' to 'claimed' when the sending run itself saw the SMTP attempt fail (then releaseClaims). */
export async function releaseSending(db: Conn, recipientId: string, claimId: string): Promise<void> {
  await db.updateTable('phishing_recipients').set({ send_state: 'claimed' }).where('id', '=', recipientId).where('claimed_by', '=', claimId).where('send_state', '=', 'sending').execute();
}

/**
 * Settles mails whose run died during the SMTP transaction (still 'sending' after the lease): counted as sent with
 * their stable Message-ID, never sent again. Returns how many were settled.
 */
export async function settleInterruptedSends(db: Conn, campaignId: string, now: Date, leaseMs: number, messageIdOf: (recipientId: string) => string): Promise<number> {
  const staleIso = new Date(now.getTime() - leaseMs).toISOString();
  const rows = await db.selectFrom('phishing_recipients').select('id').where('campaign_id', '=', campaignId).where('send_state', '=', 'sending').where('claimed_at', '<=', staleIso).execute();
  for (const r of rows) {
    await db
      .updateTable('phishing_recipients')
      .set({ send_state: 'sent', sent_at: now.toISOString(), message_id: messageIdOf(r.id), claimed_by: null })
      .where('id', '=', r.id)
      .where('send_state', '=', 'sending')
      .execute();
  }
  return rows.length;
}

/** Marks one recipient sent (the server accepted it) and records the delivery event, only while this run holds it. */
export async function markRecipientSent(db: Kysely<Database>, recipientId: string, campaignId: string, claimId: string, messageId: string, now: string): Promise<boolean> {
  return transact(db, async (trx) => {
    const r = await trx
      .updateTable('phishing_recipients')
      .set({ send_state: 'sent', sent_at: now, message_id: messageId, claimed_by: null })
      .where('id', '=', recipientId)
      .where('claimed_by', '=', claimId)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await trx.insertInto('phishing_events').values({ campaign_id: campaignId, recipient_id: recipientId, kind: 'delivered', reason: null, created_at: now }).execute();
    return true;
  });
}

/** A recipient that cannot be sent to (the person was removed, or the server refused the address for good). */
export async function markRecipientFailed(db: Conn, recipientId: string, claimId: string): Promise<void> {
  await db.updateTable('phishing_recipients').set({ send_state: 'failed', claimed_by: null }).where('id', '=', recipientId).where('claimed_by', '=', claimId).execute();
}

/** Gives unsent claims of a run back (a transient failure): the next run takes them at once, not after the lease. */
export async function releaseClaims(db: Conn, claimId: string): Promise<void> {
  await db.updateTable('phishing_recipients').set({ send_state: 'pending', claimed_by: null, claimed_at: null }).where('claimed_by', '=', claimId).where('send_state', '=', 'claimed').execute();
}

export async function recipientCount(db: Conn, campaignId: string): Promise<number> {
  const r = await db.selectFrom('phishing_recipients').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(r.n);
}
