/**
 * Use cases of an IT provider's own profile and certification claims, and the platform administrator's review of
 * claims (issue 12). Every change by a person is audit-logged on the organisation; the review outcome is mailed to
 * the organisation's owners through the outbox.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import { isLocale } from '../core/locale.ts';
import { MAX_OPEN_CLAIMS, type ClaimInput } from '../core/providers/certifications.ts';
import type { ProviderProfile } from '../core/providers/profile.ts';
import { findOrganisation } from '../db/repositories/organisation.repository.ts';
import { countOpenClaims, decideClaim, findClaim, insertClaim, listOwnerContacts, saveProfile, withdrawClaim } from '../db/repositories/provider-directory.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { transact } from '../db/transaction.ts';

export async function updateProviderProfile(deps: AppDeps, organisationId: string, actor: User, profile: ProviderProfile, meta: RequestMeta): Promise<void> {
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await saveProfile(trx, organisationId, profile, actor.id, now);
    await audit(deps, trx, { type: 'provider.profile_updated', organisationId, userId: actor.id, ip: meta.ip, detail: { listed: profile.listed } });
  });
}

export async function declareCertification(deps: AppDeps, organisationId: string, actor: User, claim: ClaimInput, meta: RequestMeta): Promise<Result<{ id: string }, 'too_many'>> {
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    if ((await countOpenClaims(trx, organisationId)) >= MAX_OPEN_CLAIMS) return false;
    await insertClaim(trx, { id, organisationId, ...claim, declaredBy: actor.id, now });
    await audit(deps, trx, { type: 'provider.certification_declared', organisationId, userId: actor.id, ip: meta.ip, detail: { claimId: id, kind: claim.kind, issuer: claim.issuer } });
    return true;
  });
  return done ? { ok: true, id } : { ok: false, error: 'too_many' };
}

export async function withdrawCertification(deps: AppDeps, organisationId: string, actor: User, claimId: string, meta: RequestMeta): Promise<boolean> {
  const now = deps.clock.now().toISOString();
  return transact(deps.db, async (trx) => {
    if (!(await withdrawClaim(trx, organisationId, claimId, actor.id, now))) return false;
    await audit(deps, trx, { type: 'provider.certification_withdrawn', organisationId, userId: actor.id, ip: meta.ip, detail: { claimId } });
    return true;
  });
}

/**
 * A platform administrator verifies or rejects a pending claim after checking its evidence. The note is shown to the
 * provider (on its profile page and in the mail), so a rejection says what to fix.
 */
export async function reviewCertification(
  deps: AppDeps,
  admin: User,
  claimId: string,
  decision: 'verified' | 'rejected',
  note: string | null,
  meta: RequestMeta,
): Promise<Result<object, 'not_found' | 'not_pending'>> {
  if (!admin.isAdmin) return { ok: false, error: 'not_found' };
  const claim = await findClaim(deps.db, claimId);
  if (!claim) return { ok: false, error: 'not_found' };
  const organisation = await findOrganisation(deps.db, claim.organisationId);
  if (!organisation) return { ok: false, error: 'not_found' };
  const now = deps.clock.now().toISOString();
  const done = await transact(deps.db, async (trx) => {
    if (!(await decideClaim(trx, claimId, decision, admin.id, note, now))) return false;
    await audit(deps, trx, {
      type: decision === 'verified' ? 'provider.certification_verified' : 'provider.certification_rejected',
      organisationId: claim.organisationId,
      userId: admin.id,
      ip: meta.ip,
      detail: { claimId, kind: claim.kind },
    });
    for (const owner of await listOwnerContacts(trx, claim.organisationId)) {
      const locale = isLocale(owner.locale) ? owner.locale : 'nl';
      await queueMail(deps, trx, owner.email, locale, {
        subject: decision === 'verified' ? 'mail.provider_claim_verified.subject' : 'mail.provider_claim_rejected.subject',
        intro: decision === 'verified' ? 'mail.provider_claim_verified.intro' : 'mail.provider_claim_rejected.intro',
        action: { label: 'mail.provider_claim.action', url: `${deps.config.baseUrl}/${locale}/orgs/${claim.organisationId}/profile` },
        ...(note ? { outro: 'mail.provider_claim.note' as const } : {}),
        params: { organisation: organisation.name, reference: claim.reference, issuer: claim.issuer, note: note ?? '' },
      });
    }
    return true;
  });
  if (!done) return { ok: false, error: 'not_pending' };
  deps.kickWorker();
  return { ok: true };
}
