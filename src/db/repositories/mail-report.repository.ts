/** Report addresses, reported mails and the originals waiting to be passed on (migration 011). */
import type { Selectable } from 'kysely';
import type { CompanyReportSettingsTable, MailReportsTable } from '../schema.ts';
import type { Conn } from './types.ts';

export type ReportSettingsRow = Selectable<CompanyReportSettingsTable>;
export type MailReportRow = Selectable<MailReportsTable>;

export async function findReportSettings(db: Conn, companyId: string): Promise<ReportSettingsRow | undefined> {
  return db.selectFrom('company_report_settings').selectAll().where('company_id', '=', companyId).executeTakeFirst();
}

export async function findReportSettingsByCode(db: Conn, code: string): Promise<ReportSettingsRow | undefined> {
  return db.selectFrom('company_report_settings').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts the settings unless the company already has them (a parallel first visit keeps the first code). */
export async function insertReportSettings(db: Conn, row: ReportSettingsRow): Promise<void> {
  await db.insertInto('company_report_settings').values(row).onConflict((oc) => oc.column('company_id').doNothing()).execute();
}

export async function setForwardConsent(db: Conn, companyId: string, consent: boolean, by: string, at: string): Promise<void> {
  await db.updateTable('company_report_settings').set({ forward_consent: consent ? 1 : 0, consent_by: by, consent_at: at }).where('company_id', '=', companyId).execute();
}

export async function insertMailReport(db: Conn, row: MailReportRow): Promise<void> {
  await db.insertInto('mail_reports').values(row).execute();
}

export async function findMailReport(db: Conn, id: string): Promise<MailReportRow | undefined> {
  return db.selectFrom('mail_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listMailReports(db: Conn, companyId: string, limit = 200): Promise<MailReportRow[]> {
  return db.selectFrom('mail_reports').selectAll().where('company_id', '=', companyId).orderBy('received_at', 'desc').orderBy('id').limit(limit).execute();
}

/** Reports per calendar month (UTC, 'YYYY-MM') and verdict; the month is cut from the ISO text, the same on both engines. */
export async function countMailReportsByMonth(db: Conn, companyId: string): Promise<{ month: string; verdict: string; count: number }[]> {
  const rows = await db.selectFrom('mail_reports').select(['received_at', 'verdict']).where('company_id', '=', companyId).execute();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.received_at.slice(0, 7)}|${r.verdict}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, count]) => {
    const [month = '', verdict = ''] = k.split('|');
    return { month, verdict, count };
  }).sort((a, b) => (a.month === b.month ? a.verdict.localeCompare(b.verdict) : b.month.localeCompare(a.month)));
}

export async function markAnswered(db: Conn, id: string, at: string): Promise<void> {
  await db.updateTable('mail_reports').set({ answered_at: at }).where('id', '=', id).execute();
}

export async function insertOriginal(db: Conn, reportId: string, raw: Buffer, at: string): Promise<void> {
  await db.insertInto('mail_report_originals').values({ report_id: reportId, raw: raw.toString('base64'), created_at: at }).execute();
}

export async function findOriginal(db: Conn, reportId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('mail_report_originals').select('raw').where('report_id', '=', reportId).executeTakeFirst();
  return row ? Buffer.from(row.raw, 'base64') : undefined;
}

/** Marks the report forwarded and deletes the kept original (it was only kept to be passed on). */
export async function markForwarded(db: Conn, reportId: string, at: string): Promise<void> {
  await db.updateTable('mail_reports').set({ forward_state: 'sent', forwarded_at: at }).where('id', '=', reportId).execute();
  await db.deleteFrom('mail_report_originals').where('report_id', '=', reportId).execute();
}

export async function findPersonByEmail(db: Conn, companyId: string, email: string): Promise<{ id: string; language: string } | undefined> {
  return db.selectFrom('people').select(['id', 'language']).where('company_id', '=', companyId).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

/** The account language of a company member with this address, if any. */
export async function findMemberLocaleByEmail(db: Conn, companyId: string, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.locale')
    .where('memberships.company_id', '=', companyId)
    .where('users.email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.locale;
}

/** A simulated mail's recipient by token hash, only within the given company's campaigns. */
export async function findRecipientByTokenHash(db: Conn, companyId: string, tokenHash: string): Promise<{ id: string; campaignId: string; language: string } | undefined> {
  const row = await db
    .selectFrom('phishing_recipients')
    .innerJoin('phishing_campaigns', 'phishing_campaigns.id', 'phishing_recipients.campaign_id')
    .select(['phishing_recipients.id', 'phishing_recipients.campaign_id', 'phishing_recipients.language'])
    .where('phishing_recipients.token_hash', '=', tokenHash)
    .where('phishing_campaigns.company_id', '=', companyId)
    .executeTakeFirst();
  return row ? { id: row.id, campaignId: row.campaign_id, language: row.language } : undefined;
}

/**
 * Sets reported_at the first time only and then adds one `reported` event; a second report of the same mail changes
 * nothing (the conditional update decides, so two parallel reports cannot both count).
 */
export async function markRecipientReported(db: Conn, recipient: { id: string; campaignId: string }, at: string): Promise<boolean> {
  const result = await db.updateTable('phishing_recipients').set({ reported_at: at }).where('id', '=', recipient.id).where('reported_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db.insertInto('phishing_events').values({ campaign_id: recipient.campaignId, recipient_id: recipient.id, kind: 'reported', reason: null, created_at: at }).execute();
  return true;
}
