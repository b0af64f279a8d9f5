/** Use cases of the self-assessment: quick-scan drafts, the company's assessment, answers, results and history. */
import { randomUUID } from 'node:crypto';
import { addMinutes, type User } from '../core/account.ts';
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { ANSWERS, applicableControls, assess, type Answer, type Answers, type AssessmentResult } from '../core/assessment/engine.ts';
import { profileFromCompany, type AssessmentProfile } from '../core/assessment/profile.ts';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import {
  claimDraft,
  completedAssessments,
  deleteDoneActions,
  findDraft,
  insertDoneAction,
  insertAssessment,
  insertDraft,
  latestAssessment,
  listDoneActions,
  loadAnswers,
  storeResult,
  touchAssessment,
  upsertAnswers,
  type AssessmentRecord,
  type DoneAction,
  type StoredAnswers,
} from '../db/repositories/assessment.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import { copyPackAnswers } from '../db/repositories/sector-pack.repository.ts';
import type { AppDeps } from './deps.ts';
import { queueRefreshForCompany } from './org-figures.ts';
import { answersForScoring } from './training.ts';
import { transact } from '../db/transaction.ts';

const DRAFT_DAYS = 7;

export async function saveQuickScanDraft(deps: AppDeps, profile: AssessmentProfile, answers: Answers, lang: Locale): Promise<string> {
  const token = randomToken();
  const now = deps.clock.now();
  await insertDraft(deps.db, {
    tokenHash: sha256(token),
    profile: JSON.stringify(profile),
    answers: JSON.stringify(answers),
    lang,
    now: now.toISOString(),
    expiresAt: addMinutes(now, DRAFT_DAYS * 24 * 60).toISOString(),
  });
  return token;
}

export interface QuickScanDraft {
  profile: AssessmentProfile;
  answers: Answers;
}

export async function readQuickScanDraft(deps: AppDeps, token: string | undefined): Promise<QuickScanDraft | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await findDraft(deps.db, sha256(token), deps.clock.now().toISOString());
  if (!row) return undefined;
  try {
    const answers = JSON.parse(row.answers) as Record<string, string>;
    const clean: Record<string, Answer> = {};
    for (const [k, v] of Object.entries(answers)) if ((ANSWERS as readonly string[]).includes(v)) clean[k] = v as Answer;
    return { profile: JSON.parse(row.profile) as AssessmentProfile, answers: clean };
  } catch {
    return undefined;
  }
}

export interface CurrentAssessment {
  record: AssessmentRecord;
  stored: StoredAnswers;
  profile: AssessmentProfile;
  result: AssessmentResult;
  /** Plan actions marked done whose control is still answered "yes", newest first. */
  done: DoneAction[];
}

/** The company's current assessment (the latest), created on first use. */
export async function currentAssessment(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User): Promise<CurrentAssessment> {
  let record = await latestAssessment(deps.db, company.id);
  if (!record) {
    await insertAssessment(deps.db, { id: randomUUID(), companyId: company.id, userId: user.id, now: deps.clock.now().toISOString() });
    record = (await latestAssessment(deps.db, company.id))!;
  }
  const stored = await loadAnswers(deps.db, record.id);
  const profile = profileFromCompany(company);
  const done = (await listDoneActions(deps.db, record.id)).filter((d) => stored.answers[d.controlId] === 'yes');
  return { record, stored, profile, result: assess(catalog, profile, await answersForScoring(deps, company.id, stored.answers)), done };
}

/** Imports a saved quick scan into the company's current assessment, once. */
export async function importQuickScanDraft(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User, token: string): Promise<boolean> {
  const draft = await readQuickScanDraft(deps, token);
  if (!draft || !(await claimDraft(deps.db, sha256(token), deps.clock.now().toISOString()))) return false;
  const current = await currentAssessment(deps, catalog, company, user);
  const applicable = new Set(current.result.applicableControls);
  const entries = Object.entries(draft.answers)
    .filter(([id]) => applicable.has(id))
    .map(([controlId, answer]) => ({ controlId, answer, note: null }));
  await upsertAnswers(deps.db, current.record.id, entries, user.id, deps.clock.now().toISOString());
  return true;
}

/**
 * Saves a page of answers. Only controls that apply to the company are kept; a missing answer leaves the stored one
 * as it is, an explicit empty one ("") clears it.
 */
export async function saveAnswers(
  deps: AppDeps,
  catalog: AssessmentCatalog,
  company: Company,
  user: User,
  assessmentId: string,
  submitted: { controlId: string; answer: Answer | '' | undefined; note: string | undefined }[],
): Promise<void> {
  const applicable = new Set(applicableControls(catalog, profileFromCompany(company)).map((c) => c.id));
  const existing = await loadAnswers(deps.db, assessmentId);
  const entries = submitted
    .filter((s) => applicable.has(s.controlId))
    .flatMap((s) => {
      const answer = s.answer === undefined ? (existing.answers[s.controlId] ?? null) : s.answer === '' ? null : s.answer;
      const note = s.note === undefined ? (existing.notes[s.controlId] ?? null) : s.note.trim().slice(0, 1000) || null;
      if (answer === (existing.answers[s.controlId] ?? null) && note === (existing.notes[s.controlId] ?? null)) return [];
      return [{ controlId: s.controlId, answer, note }];
    });
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await upsertAnswers(trx, assessmentId, entries, user.id, now);
    // An answer changed by hand replaces "marked done": undo would otherwise bring back an answer the owner overrode.
    await deleteDoneActions(
      trx,
      assessmentId,
      entries.filter((e) => e.answer !== 'yes').map((e) => e.controlId),
    );
    await touchAssessment(trx, assessmentId, now);
  });
}

/** Finishes the current assessment: its result is stored with the algorithm version and joins the history. */
export async function finishAssessment(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User): Promise<AssessmentResult> {
  const current = await currentAssessment(deps, catalog, company, user);
  await storeResult(deps.db, current.record.id, current.result, JSON.stringify(current.profile), deps.clock.now().toISOString(), current.record.completedAt === null);
  await queueRefreshForCompany(deps, company.id); // its organisations' figures follow within a minute
  return current.result;
}

/** Starts a new round: a fresh assessment pre-filled with the answers of the last one; the old one stays in history. */
export async function startNewAssessment(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User): Promise<void> {
  const current = await currentAssessment(deps, catalog, company, user);
  if (current.record.completedAt === null) return;
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  await insertAssessment(deps.db, { id, companyId: company.id, userId: user.id, now });
  await upsertAnswers(
    deps.db,
    id,
    Object.entries(current.stored.answers).map(([controlId, answer]) => ({ controlId, answer, note: current.stored.notes[controlId] ?? null })),
    user.id,
    now,
  );
  await copyPackAnswers(deps.db, current.record.id, id);
}

/**
 * Marking a plan action done answers its control "yes" and remembers the answer it had (no or partly), so it can be
 * undone and the score change explained. Only actions in the plan can be marked done. A finished assessment's stored
 * result follows, so the history shows the new score.
 */
export async function markActionDone(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User, controlId: string): Promise<boolean> {
  const current = await currentAssessment(deps, catalog, company, user);
  const previous = current.stored.answers[controlId];
  if (!current.result.applicableControls.includes(controlId) || (previous !== 'no' && previous !== 'partly')) return false;
  await setAnswerAndResult(deps, catalog, current, user, controlId, 'yes', async (trx, now) => {
    await insertDoneAction(trx, { assessmentId: current.record.id, controlId, previousAnswer: previous, userId: user.id, now });
  });
  return true;
}

/** Undo of "done": the control gets back the answer it had before, and leaves the done list. */
export async function undoActionDone(deps: AppDeps, catalog: AssessmentCatalog, company: Company, user: User, controlId: string): Promise<'no' | 'partly' | null> {
  const current = await currentAssessment(deps, catalog, company, user);
  const done = current.done.find((d) => d.controlId === controlId);
  if (!done) return null;
  await setAnswerAndResult(deps, catalog, current, user, controlId, done.previousAnswer, async (trx) => {
    await deleteDoneActions(trx, current.record.id, [controlId]);
  });
  return done.previousAnswer;
}

async function setAnswerAndResult(
  deps: AppDeps,
  catalog: AssessmentCatalog,
  current: CurrentAssessment,
  user: User,
  controlId: string,
  answer: Answer,
  alsoIn: (trx: Conn, now: string) => Promise<void>,
): Promise<void> {
  const now = deps.clock.now().toISOString();
  // Read before the transaction: on SQLite the one connection is held by it.
  const scored = await answersForScoring(deps, current.record.companyId, { ...current.stored.answers, [controlId]: answer });
  await transact(deps.db, async (trx) => {
    await upsertAnswers(trx, current.record.id, [{ controlId, answer, note: current.stored.notes[controlId] ?? null }], user.id, now);
    await alsoIn(trx, now);
    if (current.record.completedAt !== null) await storeResult(trx, current.record.id, assess(catalog, current.profile, scored), JSON.stringify(current.profile), now, false);
  });
  if (current.record.completedAt !== null) await queueRefreshForCompany(deps, current.record.companyId); // a finished result changed
}

export async function assessmentHistory(deps: AppDeps, companyId: string): Promise<AssessmentRecord[]> {
  return completedAssessments(deps.db, companyId);
}
