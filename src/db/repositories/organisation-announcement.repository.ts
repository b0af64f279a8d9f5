/** What organisations announce to their member companies, and who receives it by mail (migration 017). */
import { isLocale, type Locale } from '../../core/locale.ts';
import type { AnnouncementTexts } from '../../core/organisations/organisation.ts';
import type { Conn } from './types.ts';
import { parseJson } from './json-column.ts';

export interface Announcement {
  id: string;
  organisationId: string;
  organisationName: string;
  texts: AnnouncementTexts;
  createdAt: string;
}

export async function insertAnnouncement(db: Conn, r: { id: string; organisationId: string; texts: AnnouncementTexts; createdBy: string; now: string }): Promise<void> {
  await db.insertInto('organisation_announcements').values({ id: r.id, organisation_id: r.organisationId, texts: JSON.stringify(r.texts), created_by: r.createdBy, created_at: r.now }).execute();
}

export async function listAnnouncements(db: Conn, filter: { organisationId: string } | { companyId: string }, limit = 20): Promise<Announcement[]> {
  let q = db
    .selectFrom('organisation_announcements as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .select(['a.id', 'a.organisation_id', 'o.name', 'a.texts', 'a.created_at'])
    .orderBy('a.created_at', 'desc')
    .limit(limit);
  if ('organisationId' in filter) q = q.where('a.organisation_id', '=', filter.organisationId);
  else q = q.where('a.organisation_id', 'in', db.selectFrom('organisation_members').select('organisation_id').where('company_id', '=', filter.companyId));
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, organisationName: r.name, texts: parseJson<AnnouncementTexts>(r.texts, {}), createdAt: r.created_at }));
}

/** The owners of member companies that did not opt out of announcement mails, with the company's language. */
export async function announcementRecipients(db: Conn, organisationId: string): Promise<{ email: string; language: Locale; companyName: string }[]> {
  const rows = await db
    .selectFrom('organisation_members as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .innerJoin('memberships as ms', 'ms.company_id', 'm.company_id')
    .innerJoin('users as u', 'u.id', 'ms.user_id')
    .select(['u.email', 'c.language', 'c.name'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.announcement_mail', '=', 1)
    .where('ms.role', '=', 'owner')
    .execute();
  return rows.map((r) => ({ email: r.email, language: isLocale(r.language) ? r.language : 'nl', companyName: r.name }));
}

/** The language of the company an address owns, if any: an invitation mail goes out in the company's language. */
export async function languageOfOwnerCompany(db: Conn, email: string): Promise<Locale | null> {
  const r = await db
    .selectFrom('memberships as ms')
    .innerJoin('users as u', 'u.id', 'ms.user_id')
    .innerJoin('companies as c', 'c.id', 'ms.company_id')
    .select('c.language')
    .where('u.email', '=', email)
    .where('ms.role', '=', 'owner')
    .orderBy('ms.created_at')
    .limit(1)
    .executeTakeFirst();
  return r && isLocale(r.language) ? r.language : null;
}

