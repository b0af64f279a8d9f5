/**
 * Testimonies (table `testimonies`, migration 026): a company's consented incident story and its review. Public reads
 * only ever see status 'published' and the reviewed text (docs/testimonies.md).
 */
import type { Selectable } from 'kysely';
import { isLocale, type Locale } from '../../core/locale.ts';
import { TESTIMONY_STATUSES, type PublicTestimony, type Testimony, type TestimonyStatus } from '../../core/testimonies/testimony.ts';
import type { TestimoniesTable } from '../schema/providers.ts';
import type { Conn } from './types.ts';

function parseThreats(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

const locale = (s: string): Locale => (isLocale(s) ? s : 'en');
const status = (s: string): TestimonyStatus => ((TESTIMONY_STATUSES as readonly string[]).includes(s) ? (s as TestimonyStatus) : 'pending');

function toTestimony(r: Selectable<TestimoniesTable>): Testimony {
  return {
    id: r.id,
    companyId: r.company_id,
    incidentId: r.incident_id,
    threats: parseThreats(r.threats),
    lang: locale(r.lang),
    story: r.story,
    lesson: r.lesson,
    sectorSection: r.sector_section,
    sizeBand: r.size_band,
    publishedStory: r.published_story,
    publishedLesson: r.published_lesson,
    status: status(r.status),
    consentBy: r.consent_by,
    consentAt: r.consent_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
    withdrawnAt: r.withdrawn_at,
  };
}

/** What the owner gives with consent; the rest of a Testimony is set by the review. */
export type NewTestimony = Pick<Testimony, 'id' | 'companyId' | 'incidentId' | 'threats' | 'lang' | 'story' | 'lesson' | 'sectorSection' | 'sizeBand'> & { consentBy: string; now: string };

export async function insertTestimony(db: Conn, t: NewTestimony): Promise<void> {
  await db
    .insertInto('testimonies')
    .values({
      id: t.id,
      company_id: t.companyId,
      incident_id: t.incidentId,
      threats: JSON.stringify(t.threats),
      lang: t.lang,
      story: t.story,
      lesson: t.lesson,
      sector_section: t.sectorSection,
      size_band: t.sizeBand,
      published_story: null,
      published_lesson: null,
      status: 'pending',
      consent_by: t.consentBy,
      consent_at: t.now,
      reviewed_by: null,
      reviewed_at: null,
      review_note: null,
      withdrawn_at: null,
    })
    .execute();
}

export async function findTestimony(db: Conn, id: string): Promise<Testimony | undefined> {
  const r = await db.selectFrom('testimonies').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTestimony(r) : undefined;
}

/** The incident's latest testimony (an earlier rejected or withdrawn one may precede it). */
export async function latestTestimonyForIncident(db: Conn, companyId: string, incidentId: string): Promise<Testimony | undefined> {
  const r = await db
    .selectFrom('testimonies')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('incident_id', '=', incidentId)
    .orderBy('consent_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r ? toTestimony(r) : undefined;
}

/** For the administrator: every pending story first (oldest first, as a queue), then the latest decided ones. */
export async function listTestimoniesForReview(db: Conn, decidedLimit = 100): Promise<Testimony[]> {
  const pending = await db.selectFrom('testimonies').selectAll().where('status', '=', 'pending').orderBy('consent_at').orderBy('id').execute();
  const decided = await db.selectFrom('testimonies').selectAll().where('status', '!=', 'pending').orderBy('consent_at', 'desc').orderBy('id').limit(decidedLimit).execute();
  return [...pending, ...decided].map(toTestimony);
}

/**
 * Moves a testimony only from the statuses given: false when it was no longer in one of them (someone else acted
 * first, or the owner withdrew it meanwhile), so a decision never overwrites a withdrawal.
 */
export async function updateTestimonyStatus(
  db: Conn,
  id: string,
  from: readonly TestimonyStatus[],
  patch: {
    status: TestimonyStatus;
    reviewedBy?: string;
    reviewedAt?: string;
    reviewNote?: string | null;
    publishedStory?: string;
    publishedLesson?: string;
    withdrawnAt?: string;
    /** Erase both the text as written and as published (withdrawal of consent). */
    eraseTexts?: true;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('testimonies')
    .set({
      status: patch.status,
      ...(patch.reviewedBy !== undefined ? { reviewed_by: patch.reviewedBy } : {}),
      ...(patch.reviewedAt !== undefined ? { reviewed_at: patch.reviewedAt } : {}),
      ...(patch.reviewNote !== undefined ? { review_note: patch.reviewNote } : {}),
      ...(patch.publishedStory !== undefined ? { published_story: patch.publishedStory } : {}),
      ...(patch.publishedLesson !== undefined ? { published_lesson: patch.publishedLesson } : {}),
      ...(patch.withdrawnAt !== undefined ? { withdrawn_at: patch.withdrawnAt } : {}),
      ...(patch.eraseTexts ? { story: '', lesson: '', published_story: null, published_lesson: null } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Published testimonies, newest first, optionally about any of `threats` (ids of the catalogue: [a-z_], so a quoted
 * match inside the JSON array is exact on both dialects) and in one language.
 */
export async function listPublishedTestimonies(db: Conn, opts: { threats?: readonly string[]; lang?: Locale; limit: number }): Promise<PublicTestimony[]> {
  let q = db.selectFrom('testimonies').selectAll().where('status', '=', 'published');
  const threats = (opts.threats ?? []).filter((t) => /^[a-z_]{2,60}$/.test(t));
  if (opts.threats && threats.length === 0) return [];
  if (threats.length > 0) q = q.where((eb) => eb.or(threats.map((t) => eb('threats', 'like', `%"${t}"%`))));
  if (opts.lang) q = q.where('lang', '=', opts.lang);
  const rows = await q.orderBy('reviewed_at', 'desc').orderBy('id').limit(opts.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    threats: parseThreats(r.threats),
    lang: locale(r.lang),
    story: r.published_story ?? '',
    lesson: r.published_lesson ?? '',
    sector: r.sector_section,
    sizeBand: r.size_band,
    publishedAt: r.reviewed_at ?? r.consent_at,
  }));
}

/** Owners of a company with the language each reads Schild in: who hears the review's outcome. */
export async function listOwnerMailboxes(db: Conn, companyId: string): Promise<{ email: string; locale: Locale }[]> {
  const rows = await db
    .selectFrom('memberships as ms')
    .innerJoin('users as u', 'u.id', 'ms.user_id')
    .select(['u.email', 'u.locale'])
    .where('ms.company_id', '=', companyId)
    .where('ms.role', '=', 'owner')
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ email: r.email, locale: locale(r.locale) }));
}
