import type { Selectable } from 'kysely';
import { ANSWERS, type Answer, type AssessmentResult } from '../../core/assessment/engine.ts';
import type { AssessmentsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export interface AssessmentRecord {
  id: string;
  companyId: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  algorithmVersion: string | null;
  result: AssessmentResult | null;
}

function toRecord(r: Selectable<AssessmentsTable>): AssessmentRecord {
  let result: AssessmentResult | null = null;
  try {
    result = r.result ? (JSON.parse(r.result) as AssessmentResult) : null;
  } catch {
    result = null;
  }
  return { id: r.id, companyId: r.company_id, createdAt: r.created_at, updatedAt: r.updated_at, completedAt: r.completed_at, algorithmVersion: r.algorithm_version, result };
}

export async function insertAssessment(db: Conn, row: { id: string; companyId: string; userId: string; now: string }): Promise<void> {
  await db
    .insertInto('assessments')
    .values({ id: row.id, company_id: row.companyId, created_by: row.userId, created_at: row.now, updated_at: row.now, completed_at: null, algorithm_version: null, profile: null, result: null })
    .execute();
}

export async function latestAssessment(db: Conn, companyId: string): Promise<AssessmentRecord | undefined> {
  const r = await db.selectFrom('assessments').selectAll().where('company_id', '=', companyId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r && toRecord(r);
}

/** The latest assessment's id and completion only: pages that do not show its stored result skip reading and parsing it. */
const latestHead = prepared(['companyId'], (db, p: { companyId: string }) =>
  db.selectFrom('assessments').select(['id', 'completed_at']).where('company_id', '=', p.companyId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1),
);

export async function latestAssessmentHead(db: Conn, companyId: string): Promise<{ id: string; completedAt: string | null } | undefined> {
  const r = await latestHead.first(db, { companyId });
  return r && { id: r.id, completedAt: r.completed_at };
}

export async function findAssessment(db: Conn, companyId: string, id: string): Promise<AssessmentRecord | undefined> {
  const r = await db.selectFrom('assessments').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
  return r && toRecord(r);
}

export async function completedAssessments(db: Conn, companyId: string): Promise<AssessmentRecord[]> {
  const rows = await db.selectFrom('assessments').selectAll().where('company_id', '=', companyId).where('completed_at', 'is not', null).orderBy('completed_at').execute();
  return rows.map(toRecord);
}

/**
 * The overall score of the most recently completed assessment other than `exceptId`: the home's "previous score".
 * One row instead of every completed assessment of the company (their results parsed only to keep the last).
 */
const lastCompletedResult = prepared(['companyId'], (db, p: { companyId: string }) =>
  db.selectFrom('assessments').select('result').where('company_id', '=', p.companyId).where('completed_at', 'is not', null).orderBy('completed_at', 'desc').limit(1),
);
const lastCompletedResultExcept = prepared(['companyId', 'exceptId'], (db, p: { companyId: string; exceptId: string }) =>
  db.selectFrom('assessments').select('result').where('company_id', '=', p.companyId).where('completed_at', 'is not', null).where('id', '!=', p.exceptId).orderBy('completed_at', 'desc').limit(1),
);

export async function previousCompletedScore(db: Conn, companyId: string, exceptId: string | null): Promise<number | null> {
  const row = exceptId ? await lastCompletedResultExcept.first(db, { companyId, exceptId }) : await lastCompletedResult.first(db, { companyId });
  if (!row?.result) return null;
  try {
    return (JSON.parse(row.result) as { scores?: { overall?: number } }).scores?.overall ?? null;
  } catch {
    return null; // like toRecord: an unreadable stored result counts as none
  }
}

export async function storeResult(db: Conn, id: string, result: AssessmentResult, profileJson: string, now: string, complete: boolean): Promise<void> {
  await db
    .updateTable('assessments')
    .set({ result: JSON.stringify(result), profile: profileJson, algorithm_version: result.algorithmVersion, updated_at: now, ...(complete ? { completed_at: now } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function touchAssessment(db: Conn, id: string, now: string): Promise<void> {
  await db.updateTable('assessments').set({ updated_at: now }).where('id', '=', id).execute();
}

export interface StoredAnswers {
  answers: Record<string, Answer>;
  notes: Record<string, string>;
}

const answersOf = prepared(['assessmentId'], (db, p: { assessmentId: string }) => db.selectFrom('assessment_answers').select(['control_id', 'answer', 'note']).where('assessment_id', '=', p.assessmentId));

export async function loadAnswers(db: Conn, assessmentId: string): Promise<StoredAnswers> {
  const rows = await answersOf.all(db, { assessmentId });
  const answers: Record<string, Answer> = {};
  const notes: Record<string, string> = {};
  for (const r of rows) {
    if ((ANSWERS as readonly string[]).includes(r.answer)) answers[r.control_id] = r.answer as Answer;
    if (r.note) notes[r.control_id] = r.note;
  }
  return { answers, notes };
}

/** Writes answers and notes; an id with neither is removed (the question becomes open again). */
export async function upsertAnswers(
  db: Conn,
  assessmentId: string,
  entries: { controlId: string; answer: Answer | null; note: string | null }[],
  userId: string,
  now: string,
): Promise<void> {
  for (const e of entries) {
    if (e.answer === null) {
      await db.deleteFrom('assessment_answers').where('assessment_id', '=', assessmentId).where('control_id', '=', e.controlId).execute();
      continue;
    }
    await db
      .insertInto('assessment_answers')
      .values({ assessment_id: assessmentId, control_id: e.controlId, answer: e.answer, note: e.note, updated_by: userId, updated_at: now })
      .onConflict((oc) => oc.columns(['assessment_id', 'control_id']).doUpdateSet({ answer: e.answer as string, note: e.note, updated_by: userId, updated_at: now }))
      .execute();
  }
}

export async function insertDraft(db: Conn, row: { tokenHash: string; profile: string; answers: string; lang: string; now: string; expiresAt: string }): Promise<void> {
  await db.insertInto('quick_scan_drafts').values({ token_hash: row.tokenHash, profile: row.profile, answers: row.answers, lang: row.lang, created_at: row.now, expires_at: row.expiresAt, claimed_at: null }).execute();
}

export async function findDraft(db: Conn, tokenHash: string, now: string): Promise<{ profile: string; answers: string } | undefined> {
  return db.selectFrom('quick_scan_drafts').select(['profile', 'answers']).where('token_hash', '=', tokenHash).where('claimed_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
}

/** Deletes up to `batch` drafts whose 7 days are over (claimed or not); returns how many went. */
export async function purgeExpiredDrafts(db: Conn, now: string, batch: number): Promise<number> {
  const r = await db
    .deleteFrom('quick_scan_drafts')
    .where('token_hash', 'in', (eb) => eb.selectFrom('quick_scan_drafts').select('token_hash').where('expires_at', '<=', now).limit(batch))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function claimDraft(db: Conn, tokenHash: string, now: string): Promise<boolean> {
  const r = await db.updateTable('quick_scan_drafts').set({ claimed_at: now }).where('token_hash', '=', tokenHash).where('claimed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface DoneAction {
  controlId: string;
  previousAnswer: 'no' | 'partly';
  doneAt: string;
}

export async function listDoneActions(db: Conn, assessmentId: string): Promise<DoneAction[]> {
  const rows = await db.selectFrom('assessment_done_actions').select(['control_id', 'previous_answer', 'done_at']).where('assessment_id', '=', assessmentId).orderBy('done_at', 'desc').orderBy('control_id').execute();
  return rows.flatMap((r) => (r.previous_answer === 'no' || r.previous_answer === 'partly' ? [{ controlId: r.control_id, previousAnswer: r.previous_answer, doneAt: r.done_at }] : []));
}

export async function insertDoneAction(db: Conn, row: { assessmentId: string; controlId: string; previousAnswer: 'no' | 'partly'; userId: string; now: string }): Promise<void> {
  await db
    .insertInto('assessment_done_actions')
    .values({ assessment_id: row.assessmentId, control_id: row.controlId, previous_answer: row.previousAnswer, done_by: row.userId, done_at: row.now })
    .onConflict((oc) => oc.columns(['assessment_id', 'control_id']).doUpdateSet({ previous_answer: row.previousAnswer, done_by: row.userId, done_at: row.now }))
    .execute();
}

export async function deleteDoneActions(db: Conn, assessmentId: string, controlIds: string[]): Promise<void> {
  if (controlIds.length === 0) return;
  await db.deleteFrom('assessment_done_actions').where('assessment_id', '=', assessmentId).where('control_id', 'in', controlIds).execute();
}
