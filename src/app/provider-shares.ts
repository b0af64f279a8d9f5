/**
 * The company's side of sharing with an IT provider (docs/providers.md "Sharing a plan"): share the plan, the
 * provider checklist and/or the scan report with a verified IT provider organisation for a chosen period, revoke it
 * at once, and confirm or decline what the provider marked done. Every step is audit-logged on the company's log
 * and carries the organisation, so the provider's own log shows it too.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import type { Company } from '../core/company-profile.ts';
import type { Locale } from '../core/locale.ts';
import { DECISION_NOTE_MAX, canDecide, parseNote, parseShareInput, shareExpiry, type ShareField, type ShareProblem } from '../core/providers/shares.ts';
import {
  decideUpdate,
  findShareOfCompany,
  findUpdateOfCompany,
  insertShare,
  listSharesOfCompany,
  listUpdatesOfCompany,
  listVerifiedProviders,
  providerMailRecipients,
  revokeShare,
  type ItemUpdate,
  type ProviderShare,
} from '../db/repositories/provider-share.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { markActionDone } from './assessments.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { latestScanReports, observationsFrom, readCurrentPlan, type CompanyPlan, type ScanObservation } from './provider-work.ts';
import { consume, HOUR } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/** Each share mails the provider's staff: a bound against an owner account (or a stolen one) mailing a provider in bulk. */
export const SHARES_PER_COMPANY = { max: 20, windowMs: 24 * HOUR };

export interface ProvidersOverview {
  providers: { id: string; name: string }[];
  active: ProviderShare[];
  past: ProviderShare[];
  updates: ItemUpdate[];
  observations: Map<string, ScanObservation>;
  plan: CompanyPlan | undefined;
}

export async function providersOverview(deps: AppDeps, catalog: AssessmentCatalog, company: Company): Promise<ProvidersOverview> {
  const now = deps.clock.now().toISOString();
  const shares = await listSharesOfCompany(deps.db, company.id);
  return {
    providers: await listVerifiedProviders(deps.db),
    active: shares.filter((s) => s.revokedAt === null && s.expiresAt > now),
    past: shares.filter((s) => !(s.revokedAt === null && s.expiresAt > now)),
    updates: await listUpdatesOfCompany(deps.db, company.id),
    observations: observationsFrom(await latestScanReports(deps, company.id)),
    plan: await readCurrentPlan(deps, catalog, company),
  };
}

export type ShareError = { ok: false; error: 'invalid'; problems: Partial<Record<ShareField, ShareProblem>> } | { ok: false; error: 'rate_limited' };

export async function shareWithProvider(
  deps: AppDeps,
  company: Company,
  user: User,
  raw: { organisationId: unknown; scopes: unknown; days: unknown },
  meta: RequestMeta,
): Promise<{ ok: true; shareId: string } | ShareError> {
  const providers = await listVerifiedProviders(deps.db);
  const parsed = parseShareInput(raw, new Set(providers.map((p) => p.id)));
  if (!parsed.ok) return { ok: false, error: 'invalid', problems: parsed.problems };
  const limited = await consume(deps, [{ key: `provider-share:${company.id}`, ...SHARES_PER_COMPANY }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const { organisationId, scopes, days } = parsed.value;
  const organisation = providers.find((p) => p.id === organisationId)!;
  const id = randomUUID();
  const now = deps.clock.now();
  const expiresAt = shareExpiry(now, days);
  const recipients = await providerMailRecipients(deps.db, organisationId);
  await transact(deps.db, async (trx) => {
    await insertShare(trx, { id, companyId: company.id, organisationId, scopes, grantedBy: user.id, now: now.toISOString(), expiresAt });
    await audit(deps, trx, {
      type: 'company.provider_share_created',
      companyId: company.id,
      organisationId,
      userId: user.id,
      ip: meta.ip,
      detail: { organisation: organisation.name, scopes: scopes.join(','), expiresAt },
    });
    for (const r of recipients) await queueMail(deps, trx, r.email, r.locale, shareMail(deps, r.locale, organisationId, id, company.name, user.displayName));
  });
  deps.kickWorker();
  return { ok: true, shareId: id };
}

function shareMail(deps: AppDeps, locale: Locale, organisationId: string, shareId: string, companyName: string, person: string) {
  return {
    subject: 'mail.provider_share.subject' as const,
    intro: 'mail.provider_share.intro' as const,
    action: { label: 'mail.provider_share.action' as const, url: `${deps.config.baseUrl}/${locale}/orgs/${organisationId}/shared-plans/${shareId}` },
    params: { company: companyName, person },
  };
}

/** Revocation holds from the next request on: every provider read checks revoked_at in its own query. */
export async function revokeProviderShare(deps: AppDeps, company: Company, user: User, shareId: string, meta: RequestMeta): Promise<'revoked' | 'not_found' | 'already_ended'> {
  const share = await findShareOfCompany(deps.db, company.id, shareId);
  if (!share) return 'not_found';
  const revoked = await transact(deps.db, async (trx) => {
    if (!(await revokeShare(trx, company.id, shareId, user.id, deps.clock.now().toISOString()))) return false;
    await audit(deps, trx, { type: 'company.provider_share_revoked', companyId: company.id, organisationId: share.organisationId, userId: user.id, ip: meta.ip, detail: { organisation: share.organisationName } });
    return true;
  });
  return revoked ? 'revoked' : 'already_ended';
}

export type DecisionError = 'not_found' | 'already_decided' | 'not_in_plan' | 'note_too_long' | 'note_invalid';

/**
 * The owner confirms the provider's "done": the plan item is marked done exactly as the owner's own "done" button
 * does (assessments.ts markActionDone), so the answer becomes "yes" and the score follows.
 */
export async function confirmProviderUpdate(
  deps: AppDeps,
  catalog: AssessmentCatalog,
  company: Company,
  user: User,
  updateId: string,
  meta: RequestMeta,
): Promise<Result<{ controlId: string }, DecisionError>> {
  const update = await findUpdateOfCompany(deps.db, company.id, updateId);
  if (!update) return { ok: false, error: 'not_found' };
  if (!canDecide(update.status)) return { ok: false, error: 'already_decided' };
  const plan = await readCurrentPlan(deps, catalog, company);
  const answer = plan?.answers[update.controlId];
  // Already "yes" (the owner did it by hand meanwhile): the confirmation only records who agreed.
  if (answer !== 'yes' && !(await markActionDone(deps, catalog, company, user, update.controlId))) return { ok: false, error: 'not_in_plan' };
  return decide(deps, company, user, update, 'confirmed', null, meta);
}

export async function declineProviderUpdate(deps: AppDeps, company: Company, user: User, updateId: string, rawNote: unknown, meta: RequestMeta): Promise<Result<{ controlId: string }, DecisionError>> {
  const update = await findUpdateOfCompany(deps.db, company.id, updateId);
  if (!update) return { ok: false, error: 'not_found' };
  const note = parseNote(rawNote, DECISION_NOTE_MAX, false);
  if (!note.ok) return { ok: false, error: note.problem === 'too_long' ? 'note_too_long' : 'note_invalid' };
  if (!canDecide(update.status)) return { ok: false, error: 'already_decided' };
  return decide(deps, company, user, update, 'declined', note.note, meta);
}

async function decide(
  deps: AppDeps,
  company: Company,
  user: User,
  update: ItemUpdate,
  status: 'confirmed' | 'declined',
  note: string | null,
  meta: RequestMeta,
): Promise<Result<{ controlId: string }, DecisionError>> {
  const done = await transact(deps.db, async (trx) => {
    if (!(await decideUpdate(trx, { companyId: company.id, updateId: update.id, status, by: user.id, now: deps.clock.now().toISOString(), note }))) return false;
    await audit(deps, trx, {
      type: status === 'confirmed' ? 'company.provider_item_confirmed' : 'company.provider_item_declined',
      companyId: company.id,
      organisationId: update.organisationId,
      userId: user.id,
      ip: meta.ip,
      detail: { control: update.controlId, organisation: update.organisationName },
    });
    return true;
  });
  return done ? { ok: true, controlId: update.controlId } : { ok: false, error: 'already_decided' };
}
