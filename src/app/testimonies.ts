/**
 * Use cases of testimonies (issue 12, docs/testimonies.md): an owner shares the story of one of the company's incidents
 * with explicit consent, a platform administrator publishes (after cutting what identifies) or rejects it, the owners
 * hear the outcome by mail, and the owner can withdraw it at any time. Each step is audit-logged.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import type { NaceList } from '../core/nace.ts';
import { sectionsByDivision, sizeBandOf } from '../core/stats/dimensions.ts';
import { findIdentifying, type Finding, type IdentifyingContext } from '../core/testimonies/anonymise.ts';
import { canReview, canWithdraw, isActive, type PublicTestimony, type Testimony } from '../core/testimonies/testimony.ts';
import { findCompany, listMembers } from '../db/repositories/company.repository.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import { listPeople } from '../db/repositories/people.repository.ts';
import {
  findTestimony,
  insertTestimony,
  latestTestimonyForIncident,
  listOwnerMailboxes,
  listPublishedTestimonies,
  listTestimoniesForReview,
  updateTestimonyStatus,
} from '../db/repositories/testimony.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { transact } from '../db/transaction.ts';

export type TextField = 'story' | 'lesson';
export interface FieldFindings {
  field: TextField;
  findings: Finding[];
}

/** What identifies this company: its name, its domains and the names of its members and staff list. */
export async function identifyingContext(deps: AppDeps, company: Company): Promise<IdentifyingContext> {
  const [domains, members, people] = await Promise.all([listCompanyDomains(deps.db, company.id), listMembers(deps.db, company.id), listPeople(deps.db, company.id)]);
  return {
    companyName: company.name,
    domains: domains.map((d) => d.domain),
    people: [...members.map((m) => m.displayName), ...people.flatMap((p) => (p.displayName ? [p.displayName] : []))],
  };
}

/** The anonymisation check on both texts; empty when nothing identifying was found. */
export function checkTexts(ctx: IdentifyingContext, texts: Record<TextField, string>): FieldFindings[] {
  return (['story', 'lesson'] as const).flatMap((field) => {
    const findings = findIdentifying(texts[field], ctx);
    return findings.length > 0 ? [{ field, findings }] : [];
  });
}

export async function testimonyForIncident(deps: AppDeps, companyId: string, incidentId: string): Promise<Testimony | undefined> {
  return latestTestimonyForIncident(deps.db, companyId, incidentId);
}

export interface ShareInput {
  story: string;
  lesson: string;
  threats: string[];
  lang: Locale;
}

/**
 * Stores the story as 'pending' with the consent (who, when). The texts must pass the anonymisation check; nothing is
 * stored otherwise. The sector section and size band come from the company profile: the only context ever shown.
 */
export async function shareTestimony(
  deps: AppDeps,
  nace: NaceList,
  company: Company,
  incidentId: string,
  owner: User,
  input: ShareInput,
  meta: RequestMeta,
): Promise<Result<{ id: string }, 'identifying' | 'already_shared'> & { findings?: FieldFindings[] }> {
  const findings = checkTexts(await identifyingContext(deps, company), input);
  if (findings.length > 0) return { ok: false, error: 'identifying', findings };
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    const latest = await latestTestimonyForIncident(trx, company.id, incidentId);
    if (latest && isActive(latest)) return false;
    await insertTestimony(trx, {
      id,
      companyId: company.id,
      incidentId,
      threats: input.threats,
      lang: input.lang,
      story: input.story,
      lesson: input.lesson,
      sectorSection: company.naceCode ? (sectionsByDivision(nace).get(company.naceCode.slice(0, 2)) ?? null) : null,
      sizeBand: sizeBandOf(company.employees),
      consentBy: owner.id,
      now,
    });
    // The consent is the lawful ground for publishing (GDPR Art. 6(1)(a), Art. 7(1): the controller must be able to show it).
    await audit(deps, trx, { type: 'testimony.consented', companyId: company.id, userId: owner.id, ip: meta.ip, detail: { testimony: id, incident: incidentId } });
    return true;
  });
  return done ? { ok: true, id } : { ok: false, error: 'already_shared' };
}

/**
 * Withdrawal of consent: the story leaves every public page at once (GDPR Art. 7(3)), and its texts are erased, as the
 * consent was their only ground (GDPR Art. 17(1)(b)). The row stays, empty, to show when consent was given and withdrawn.
 */
export async function withdrawTestimony(deps: AppDeps, company: Company, incidentId: string, owner: User, meta: RequestMeta): Promise<Result<object, 'nothing_to_withdraw'>> {
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    const latest = await latestTestimonyForIncident(trx, company.id, incidentId);
    if (!latest || !canWithdraw(latest)) return false;
    if (!(await updateTestimonyStatus(trx, latest.id, ['pending', 'published'], { status: 'withdrawn', withdrawnAt: now, eraseTexts: true }))) return false;
    await audit(deps, trx, { type: 'testimony.withdrawn', companyId: company.id, userId: owner.id, ip: meta.ip, detail: { testimony: latest.id, was: latest.status } });
    return true;
  });
  return done ? { ok: true } : { ok: false, error: 'nothing_to_withdraw' };
}

export async function testimonyForReview(deps: AppDeps, id: string): Promise<{ testimony: Testimony; company: Company } | undefined> {
  const testimony = await findTestimony(deps.db, id);
  const company = testimony ? await findCompany(deps.db, testimony.companyId) : undefined;
  return testimony && company ? { testimony, company } : undefined;
}

export type ReviewDecision = { kind: 'publish'; story: string; lesson: string } | { kind: 'reject'; note: string };
export type ReviewError = 'not_found' | 'not_reviewable' | 'identifying' | 'note_required';

/**
 * The administrator's decision. Publishing stores the edited text as published_story / published_lesson after the
 * anonymisation check runs again on it; rejecting needs a note, which reaches the owners. Owners get a mail either way.
 */
export async function reviewTestimony(
  deps: AppDeps,
  admin: User,
  id: string,
  decision: ReviewDecision,
  meta: RequestMeta,
): Promise<Result<object, ReviewError> & { findings?: FieldFindings[] }> {
  if (!admin.isAdmin) return { ok: false, error: 'not_found' };
  const found = await testimonyForReview(deps, id);
  if (!found) return { ok: false, error: 'not_found' };
  const { testimony, company } = found;
  if (!canReview(testimony, decision.kind)) return { ok: false, error: 'not_reviewable' };
  if (decision.kind === 'reject' && decision.note.trim() === '') return { ok: false, error: 'note_required' };
  if (decision.kind === 'publish') {
    const findings = checkTexts(await identifyingContext(deps, company), decision);
    if (findings.length > 0) return { ok: false, error: 'identifying', findings };
  }
  const owners = await listOwnerMailboxes(deps.db, company.id);
  const now = deps.clock.now().toISOString();
  const publish = decision.kind === 'publish';
  const done = await transact(deps.db, async (trx) => {
    const moved = publish
      ? await updateTestimonyStatus(trx, id, ['pending'], { status: 'published', reviewedBy: admin.id, reviewedAt: now, reviewNote: null, publishedStory: decision.story, publishedLesson: decision.lesson })
      : await updateTestimonyStatus(trx, id, ['pending', 'published'], { status: 'rejected', reviewedBy: admin.id, reviewedAt: now, reviewNote: decision.note.trim() });
    if (!moved) return false;
    await audit(deps, trx, { type: publish ? 'testimony.published' : 'testimony.rejected', companyId: company.id, userId: admin.id, ip: meta.ip, detail: { testimony: id } });
    for (const o of owners) {
      await queueMail(deps, trx, o.email, o.locale, {
        subject: publish ? 'mail.testimony_published.subject' : 'mail.testimony_rejected.subject',
        intro: publish ? 'mail.testimony_published.intro' : 'mail.testimony_rejected.intro',
        action: { label: 'mail.testimony.action', url: `${deps.config.baseUrl}/${o.locale}/companies/${company.id}/incidents/${testimony.incidentId}/testimony` },
        params: { company: company.name, note: publish ? '' : decision.note.trim() },
      });
    }
    return true;
  });
  if (!done) return { ok: false, error: 'not_reviewable' };
  deps.kickWorker();
  return { ok: true };
}

export async function testimoniesForReview(deps: AppDeps): Promise<Testimony[]> {
  return listTestimoniesForReview(deps.db);
}

export async function publishedTestimonies(deps: AppDeps, opts: { threats?: readonly string[]; lang?: Locale; limit?: number }): Promise<PublicTestimony[]> {
  return listPublishedTestimonies(deps.db, { ...opts, limit: opts.limit ?? 100 });
}
