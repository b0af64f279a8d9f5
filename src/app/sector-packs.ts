/**
 * Use cases of sector packs: a federation's staff draft and submit, a platform administrator approves or sends back,
 * member companies answer the questions in their assessment and get the advice. docs/organisations.md ("Sector packs").
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import { isLocale, type Locale } from '../core/locale.ts';
import type { Organisation } from '../db/repositories/organisation.repository.ts';
import { findOrganisation } from '../db/repositories/organisation.repository.ts';
import {
  editPlan,
  EMPTY_PACK,
  missingForSubmission,
  nextQuestionId,
  PACK_MAX_QUESTIONS,
  type PackAnswer,
  type PackContent,
  type PackGap,
  type PackQuestion,
} from '../core/organisations/sector-pack.ts';
import { countPackAnswers } from '../core/organisations/sector-pack-figures.ts';
import {
  countingMembersPackAnswers,
  findPackVersion,
  insertPackVersion,
  latestPackVersion,
  listLivePacks,
  listLivePacksForCompany,
  listOwnerAddresses,
  listPackFigures,
  livePackVersion,
  loadPackAnswers,
  markReviewed,
  markSubmitted,
  replacePackFigures,
  updateDraftContent,
  upsertPackAnswers,
  usedQuestionIds,
  type CompanyPack,
  type PackFigure,
  type PackVersion,
} from '../db/repositories/sector-pack.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { transact } from '../db/transaction.ts';

export interface PackState {
  /** The version being worked on or reviewed (the highest), if any. */
  latest: PackVersion | undefined;
  /** The version members see now. */
  live: PackVersion | undefined;
  /** The stored figures over the live pack (as of the last statistics refresh). */
  figures: PackFigure[];
}

export async function packState(deps: AppDeps, organisationId: string): Promise<PackState> {
  return { latest: await latestPackVersion(deps.db, organisationId), live: await livePackVersion(deps.db, organisationId), figures: await listPackFigures(deps.db, organisationId) };
}

type EditError = 'in_review' | 'not_found' | 'too_many';

/**
 * Applies a change to the federation's draft. A published version is never changed: the first edit after publication
 * copies it into a new draft version, and the published one stays live until the new one is approved.
 */
async function editDraft(
  deps: AppDeps,
  org: Organisation,
  user: User,
  change: (content: PackContent, usedIds: string[]) => Result<{ content: PackContent; what: string }, EditError>,
  meta: RequestMeta,
  attempt = 1,
): Promise<Result<object, EditError>> {
  const latest = await latestPackVersion(deps.db, org.id);
  const plan = editPlan(latest);
  if (plan.kind === 'in_review') return { ok: false, error: 'in_review' };
  const used = await usedQuestionIds(deps.db, org.id);
  const changed = change(latest?.content ?? EMPTY_PACK, used);
  if (!changed.ok) return changed;
  const now = deps.clock.now().toISOString();
  const stored = await transact(deps.db, async (trx) => {
    if (plan.kind === 'new_version') {
      if (!(await insertPackVersion(trx, { id: randomUUID(), organisationId: org.id, version: plan.version, content: changed.content, userId: user.id, now }))) return 'raced' as const;
    } else if (!(await updateDraftContent(trx, latest!.id, changed.content, now))) return false;
    await audit(deps, trx, { type: 'sector_pack.edited', organisationId: org.id, userId: user.id, ip: meta.ip, detail: { version: plan.kind === 'new_version' ? plan.version : latest!.version, change: changed.what } });
    return true;
  });
  // Another editor started the new draft version at the same moment: apply this change to that draft instead.
  if (stored === 'raced') return attempt < 3 ? editDraft(deps, org, user, change, meta, attempt + 1) : { ok: false, error: 'in_review' };
  // Submitted by someone else between the read and the write: the draft is frozen now.
  return stored ? { ok: true } : { ok: false, error: 'in_review' };
}

export function saveIntro(deps: AppDeps, org: Organisation, user: User, intro: Record<Locale, string>, meta: RequestMeta) {
  return editDraft(deps, org, user, (content) => ({ ok: true, content: { ...content, intro }, what: 'intro' }), meta);
}

/** Adds a question (id null) or replaces the one with this id. */
export function saveQuestion(deps: AppDeps, org: Organisation, user: User, id: string | null, question: Omit<PackQuestion, 'id'>, meta: RequestMeta) {
  return editDraft(
    deps,
    org,
    user,
    (content, used) => {
      if (id === null) {
        if (content.questions.length >= PACK_MAX_QUESTIONS) return { ok: false, error: 'too_many' };
        const newId = nextQuestionId(content.questions, used);
        return { ok: true, content: { ...content, questions: [...content.questions, { ...question, id: newId }] }, what: `add ${newId}` };
      }
      if (!content.questions.some((q) => q.id === id)) return { ok: false, error: 'not_found' };
      return { ok: true, content: { ...content, questions: content.questions.map((q) => (q.id === id ? { ...question, id } : q)) }, what: `change ${id}` };
    },
    meta,
  );
}

export function removeQuestion(deps: AppDeps, org: Organisation, user: User, id: string, meta: RequestMeta) {
  return editDraft(
    deps,
    org,
    user,
    (content) => (content.questions.some((q) => q.id === id) ? { ok: true, content: { ...content, questions: content.questions.filter((q) => q.id !== id) }, what: `remove ${id}` } : { ok: false, error: 'not_found' }),
    meta,
  );
}

export type SubmitResult = { ok: true } | { ok: false; error: 'in_review' | 'nothing_to_submit' } | { ok: false; error: 'incomplete'; gaps: PackGap[] };

/** Sends the draft to the platform administrators. Every question and its advice must exist in all four languages. */
export async function submitPack(deps: AppDeps, org: Organisation, user: User, meta: RequestMeta): Promise<SubmitResult> {
  const latest = await latestPackVersion(deps.db, org.id);
  if (!latest || latest.status === 'published') return { ok: false, error: 'nothing_to_submit' };
  if (latest.status === 'submitted') return { ok: false, error: 'in_review' };
  const gaps = missingForSubmission(latest.content);
  if (gaps.length > 0) return { ok: false, error: 'incomplete', gaps };
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    if (!(await markSubmitted(trx, latest.id, user.id, now))) return false;
    await audit(deps, trx, { type: 'sector_pack.submitted', organisationId: org.id, userId: user.id, ip: meta.ip, detail: { version: latest.version } });
    return true;
  });
  return done ? { ok: true } : { ok: false, error: 'in_review' };
}

export async function submittedVersion(deps: AppDeps, organisationId: string): Promise<{ org: Organisation; pack: PackVersion } | undefined> {
  const org = await findOrganisation(deps.db, organisationId);
  const latest = org ? await latestPackVersion(deps.db, org.id) : undefined;
  return org && latest?.status === 'submitted' ? { org, pack: latest } : undefined;
}

export type ReviewError = 'not_found' | 'unverified' | 'note_required';

/**
 * A platform administrator's decision on the version they read (`version` guards against deciding on another one).
 * Only a verified organisation can publish: members must be able to trust who speaks to them. The owners are told by
 * mail, in their own language.
 */
export async function reviewPack(
  deps: AppDeps,
  admin: User,
  organisationId: string,
  version: number,
  decision: { kind: 'approve' } | { kind: 'return'; note: string },
  meta: RequestMeta,
): Promise<Result<object, ReviewError>> {
  if (!admin.isAdmin) return { ok: false, error: 'not_found' };
  const org = await findOrganisation(deps.db, organisationId);
  const pack = org ? await findPackVersion(deps.db, org.id, version) : undefined;
  if (!org || !pack || pack.status !== 'submitted') return { ok: false, error: 'not_found' };
  if (decision.kind === 'approve' && !org.verifiedAt) return { ok: false, error: 'unverified' };
  if (decision.kind === 'return' && decision.note.trim() === '') return { ok: false, error: 'note_required' };
  const owners = await listOwnerAddresses(deps.db, org.id);
  const now = deps.clock.now().toISOString();
  const approved = decision.kind === 'approve';
  const done = await transact(deps.db, async (trx) => {
    if (!(await markReviewed(trx, pack.id, approved ? 'published' : 'returned', approved ? null : decision.note.trim(), admin.id, now))) return false;
    await audit(deps, trx, { type: approved ? 'sector_pack.approved' : 'sector_pack.returned', organisationId: org.id, userId: admin.id, ip: meta.ip, detail: { version } });
    for (const o of owners) {
      const locale: Locale = isLocale(o.locale) ? o.locale : 'en';
      await queueMail(deps, trx, o.email, locale, {
        subject: approved ? 'mail.pack_approved.subject' : 'mail.pack_returned.subject',
        intro: approved ? 'mail.pack_approved.intro' : 'mail.pack_returned.intro',
        action: { label: 'mail.pack.action', url: `${deps.config.baseUrl}/${locale}/orgs/${org.id}/sector-pack` },
        params: { organisation: org.name, version, note: approved ? '' : decision.note.trim() },
      });
    }
    return true;
  });
  if (!done) return { ok: false, error: 'not_found' };
  deps.kickWorker();
  return { ok: true };
}

export interface PackPart extends CompanyPack {
  answers: Record<string, PackAnswer>;
}

/** The extra parts of a company's assessment: one per federation it belongs to that has a live pack. */
export async function packPartsFor(deps: AppDeps, companyId: string, assessmentId: string): Promise<PackPart[]> {
  const packs = await listLivePacksForCompany(deps.db, companyId);
  if (packs.length === 0) return [];
  const stored = await loadPackAnswers(deps.db, assessmentId);
  return packs.map((p) => {
    const mine = stored.get(p.organisationId) ?? {};
    const ids = new Set(p.pack.content.questions.map((q) => q.id));
    return { ...p, answers: Object.fromEntries(Object.entries(mine).flatMap(([id, a]) => (ids.has(id) ? [[id, a.answer]] : []))) };
  });
}

/**
 * Stores a company's answers to one federation's live pack, in its current assessment. Only the pack's questions are
 * kept; a missing answer leaves the stored one, an empty one ("") clears it. Scored answers are not touched.
 */
export async function savePackAnswers(
  deps: AppDeps,
  companyId: string,
  user: User,
  assessmentId: string,
  organisationId: string,
  submitted: Record<string, PackAnswer | '' | undefined>,
): Promise<boolean> {
  const part = (await listLivePacksForCompany(deps.db, companyId)).find((p) => p.organisationId === organisationId);
  if (!part) return false;
  const entries = part.pack.content.questions.flatMap((q) => {
    const a = submitted[q.id];
    return a === undefined ? [] : [{ questionId: q.id, answer: a === '' ? null : a }];
  });
  const now = deps.clock.now().toISOString();
  await transact(deps.db, (trx) => upsertPackAnswers(trx, { assessmentId, organisationId, packVersion: part.pack.version, userId: user.id, now, entries }));
  return true;
}

/**
 * Refreshes the federations' figures over their live packs (run with the statistics refresh, never per request).
 * Reads happen before the write transaction: on SQLite the one connection is held by a transaction.
 */
export async function refreshPackFigures(deps: AppDeps): Promise<number> {
  const rows: { organisationId: string; packVersion: number; questionId: string; companies: number; yes: number }[] = [];
  for (const pack of await listLivePacks(deps.db)) {
    const answers = await countingMembersPackAnswers(deps.db, pack.organisationId);
    for (const c of countPackAnswers(pack.content.questions.map((q) => q.id), answers)) rows.push({ organisationId: pack.organisationId, packVersion: pack.version, ...c });
  }
  const now = deps.clock.now().toISOString();
  await transact(deps.db, (trx) => replacePackFigures(trx, rows, now));
  return rows.length;
}
