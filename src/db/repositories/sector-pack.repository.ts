/** Sector pack versions of federations and the answers of companies to their questions (migration 018). */
import { isPackAnswer, parsePackContent, PACK_STATUSES, type PackAnswer, type PackContent, type PackStatus } from '../../core/organisations/sector-pack.ts';
import type { Conn } from './types.ts';

export interface PackVersion {
  id: string;
  organisationId: string;
  version: number;
  status: PackStatus;
  content: PackContent;
  reviewNote: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
}

interface Row {
  id: string;
  organisation_id: string;
  version: number;
  status: string;
  content: string;
  review_note: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
}

function toVersion(r: Row): PackVersion {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    version: Number(r.version),
    status: (PACK_STATUSES as readonly string[]).includes(r.status) ? (r.status as PackStatus) : 'draft',
    content: parsePackContent(r.content),
    reviewNote: r.review_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
  };
}

/** The highest version of the federation's pack, whatever its status. */
export async function latestPackVersion(db: Conn, organisationId: string): Promise<PackVersion | undefined> {
  const r = await db.selectFrom('sector_packs').selectAll().where('organisation_id', '=', organisationId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return r && toVersion(r);
}

/** The live pack: the highest published version. */
export async function livePackVersion(db: Conn, organisationId: string): Promise<PackVersion | undefined> {
  const r = await db
    .selectFrom('sector_packs')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && toVersion(r);
}

export async function findPackVersion(db: Conn, organisationId: string, version: number): Promise<PackVersion | undefined> {
  const r = await db.selectFrom('sector_packs').selectAll().where('organisation_id', '=', organisationId).where('version', '=', version).executeTakeFirst();
  return r && toVersion(r);
}

/** Every question id the federation ever used, so a removed question's id is never given to a new one. */
export async function usedQuestionIds(db: Conn, organisationId: string): Promise<string[]> {
  const rows = await db.selectFrom('sector_packs').select('content').where('organisation_id', '=', organisationId).execute();
  return [...new Set(rows.flatMap((r) => parsePackContent(r.content).questions.map((q) => q.id)))];
}

/** Inserts a new draft version; false when another editor created that version number first (unique constraint). */
export async function insertPackVersion(db: Conn, v: { id: string; organisationId: string; version: number; content: PackContent; userId: string; now: string }): Promise<boolean> {
  const r = await db
    .insertInto('sector_packs')
    .values({
      id: v.id,
      organisation_id: v.organisationId,
      version: v.version,
      status: 'draft',
      content: JSON.stringify(v.content),
      review_note: null,
      created_by: v.userId,
      created_at: v.now,
      updated_at: v.now,
      submitted_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Changes a draft's content; a submitted or published version is never changed (false). */
export async function updateDraftContent(db: Conn, id: string, content: PackContent, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sector_packs')
    .set({ content: JSON.stringify(content), updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markSubmitted(db: Conn, id: string, userId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sector_packs')
    .set({ status: 'submitted', submitted_by: userId, submitted_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['draft', 'returned'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The reviewer's decision on a submitted version: published, or returned with a note. */
export async function markReviewed(db: Conn, id: string, decision: 'published' | 'returned', note: string | null, userId: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sector_packs')
    .set({ status: decision, review_note: note, reviewed_by: userId, reviewed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface SubmittedPack {
  organisationId: string;
  organisationName: string;
  verified: boolean;
  version: number;
  questions: number;
  submittedAt: string;
}

/** Packs waiting for a platform administrator, oldest first. */
export async function listSubmittedPacks(db: Conn): Promise<SubmittedPack[]> {
  const rows = await db
    .selectFrom('sector_packs as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.organisation_id', 'o.name', 'o.verified_at', 'p.version', 'p.content', 'p.submitted_at'])
    .where('p.status', '=', 'submitted')
    .orderBy('p.submitted_at')
    .limit(200)
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    organisationName: r.name,
    verified: r.verified_at !== null,
    version: Number(r.version),
    questions: parsePackContent(r.content).questions.length,
    submittedAt: r.submitted_at ?? '',
  }));
}

export interface CompanyPack {
  organisationId: string;
  organisationName: string;
  pack: PackVersion;
}

/**
 * The live packs a company gets: those of the federations it is a member of. Counting in a federation's figures is a
 * separate choice and plays no part here (membership alone brings the questions).
 */
export async function listLivePacksForCompany(db: Conn, companyId: string): Promise<CompanyPack[]> {
  const orgs = await db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['o.id', 'o.name'])
    .where('m.company_id', '=', companyId)
    .where('o.kind', '=', 'federation')
    .orderBy('o.name')
    .execute();
  const packs: CompanyPack[] = [];
  for (const o of orgs) {
    const pack = await livePackVersion(db, o.id);
    if (pack && pack.content.questions.length > 0) packs.push({ organisationId: o.id, organisationName: o.name, pack });
  }
  return packs;
}

export interface StoredPackAnswer {
  answer: PackAnswer;
  packVersion: number;
}

/** The company's answers to pack questions in one assessment, per federation and question id. */
export async function loadPackAnswers(db: Conn, assessmentId: string): Promise<Map<string, Record<string, StoredPackAnswer>>> {
  const rows = await db.selectFrom('assessment_pack_answers').select(['organisation_id', 'question_id', 'answer', 'pack_version']).where('assessment_id', '=', assessmentId).execute();
  const out = new Map<string, Record<string, StoredPackAnswer>>();
  for (const r of rows) {
    if (!isPackAnswer(r.answer)) continue;
    const m = out.get(r.organisation_id) ?? {};
    m[r.question_id] = { answer: r.answer, packVersion: Number(r.pack_version) };
    out.set(r.organisation_id, m);
  }
  return out;
}

/** Stores answers (an answer of null removes it), each with the pack version it was given to. */
export async function upsertPackAnswers(
  db: Conn,
  v: { assessmentId: string; organisationId: string; packVersion: number; userId: string; now: string; entries: { questionId: string; answer: PackAnswer | null }[] },
): Promise<void> {
  for (const e of v.entries) {
    await db.deleteFrom('assessment_pack_answers').where('assessment_id', '=', v.assessmentId).where('organisation_id', '=', v.organisationId).where('question_id', '=', e.questionId).execute();
    if (e.answer === null) continue;
    await db
      .insertInto('assessment_pack_answers')
      .values({ assessment_id: v.assessmentId, organisation_id: v.organisationId, pack_version: v.packVersion, question_id: e.questionId, answer: e.answer, updated_by: v.userId, updated_at: v.now })
      .execute();
  }
}

/** A new assessment round starts with the pack answers of the last one, as it does with the Schild answers. */
export async function copyPackAnswers(db: Conn, fromAssessmentId: string, toAssessmentId: string): Promise<void> {
  const rows = await db.selectFrom('assessment_pack_answers').selectAll().where('assessment_id', '=', fromAssessmentId).execute();
  for (const r of rows) await db.insertInto('assessment_pack_answers').values({ ...r, assessment_id: toAssessmentId }).execute();
}

/** The owners of an organisation, to tell them a review decision. */
export async function listOwnerAddresses(db: Conn, organisationId: string): Promise<{ email: string; locale: string }[]> {
  return db
    .selectFrom('organisation_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.email', 'u.locale'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.role', '=', 'org_owner')
    .orderBy('u.email')
    .execute();
}

// --- figures over packs (refreshed with the statistics) ------------------------------------------------------------

/** The live pack of every federation that has one. */
export async function listLivePacks(db: Conn): Promise<PackVersion[]> {
  const rows = await db.selectFrom('sector_packs').selectAll().where('status', '=', 'published').orderBy('organisation_id').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.organisation_id) && seen.add(r.organisation_id)).map(toVersion);
}

/**
 * The pack answers of the organisation's counting members (counts_in_figures = 1), each from its latest assessment
 * only, so a company weighs once whatever the number of its rounds.
 */
export async function countingMembersPackAnswers(db: Conn, organisationId: string): Promise<{ companyId: string; questionId: string; answer: PackAnswer }[]> {
  const members = await db
    .selectFrom('organisation_members as m')
    .innerJoin('assessments as a', 'a.company_id', 'm.company_id')
    .select(['a.company_id', 'a.id', 'a.created_at'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.counts_in_figures', '=', 1)
    .execute();
  const latest = new Map<string, { id: string; createdAt: string }>();
  for (const r of members) {
    const seen = latest.get(r.company_id);
    if (!seen || r.created_at > seen.createdAt || (r.created_at === seen.createdAt && r.id > seen.id)) latest.set(r.company_id, { id: r.id, createdAt: r.created_at });
  }
  const companyOf = new Map([...latest].map(([companyId, a]) => [a.id, companyId]));
  if (companyOf.size === 0) return [];
  const rows = await db
    .selectFrom('assessment_pack_answers')
    .select(['assessment_id', 'question_id', 'answer'])
    .where('organisation_id', '=', organisationId)
    .where('assessment_id', 'in', [...companyOf.keys()])
    .execute();
  return rows.flatMap((r) => (isPackAnswer(r.answer) ? [{ companyId: companyOf.get(r.assessment_id)!, questionId: r.question_id, answer: r.answer }] : []));
}

/** Replaces all stored pack figures in one go (inside the caller's transaction). */
export async function replacePackFigures(db: Conn, rows: { organisationId: string; packVersion: number; questionId: string; companies: number; yes: number }[], now: string): Promise<void> {
  await db.deleteFrom('sector_pack_figures').execute();
  for (const r of rows)
    await db
      .insertInto('sector_pack_figures')
      .values({ organisation_id: r.organisationId, pack_version: r.packVersion, question_id: r.questionId, companies: r.companies, yes_count: r.yes, refreshed_at: now })
      .execute();
}

export interface PackFigure {
  questionId: string;
  packVersion: number;
  companies: number;
  yes: number;
  refreshedAt: string;
}

export async function listPackFigures(db: Conn, organisationId: string): Promise<PackFigure[]> {
  const rows = await db.selectFrom('sector_pack_figures').selectAll().where('organisation_id', '=', organisationId).execute();
  return rows.map((r) => ({ questionId: r.question_id, packVersion: Number(r.pack_version), companies: Number(r.companies), yes: Number(r.yes_count), refreshedAt: r.refreshed_at }));
}
