/**
 * Scoped grants: the owner lets an outside Schild user (typically the IT provider) run phishing simulations for the
 * company, and takes it back. The access check (http/auth-hooks.ts) reads the grant on every request, so a revoked
 * grant stops working at once. Both changes are in the company's security log.
 */
import { randomUUID } from 'node:crypto';
import type { Company } from '../core/company-profile.ts';
import { findRole } from '../db/repositories/company.repository.ts';
import { hasActiveGrant, insertGrant, listActiveGrants, revokeGrant, type CompanyGrant } from '../db/repositories/grant.repository.ts';
import { findUserRowByEmail, findUserRowById } from '../db/repositories/user.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import type { Actor } from './phishing-campaigns.ts';
import { transact } from '../db/transaction.ts';

export function phishingGrantsOf(deps: AppDeps, companyId: string): Promise<CompanyGrant[]> {
  return listActiveGrants(deps.db, companyId, 'phishing');
}

export async function grantPhishing(deps: AppDeps, company: Company, actor: Actor, email: string): Promise<Result<{ grantId: string }, 'no_account' | 'member' | 'duplicate'>> {
  const user = await findUserRowByEmail(deps.db, email.trim().toLowerCase());
  // Only verified accounts: an unconfirmed sign-up proves no control of the address.
  if (!user || !user.email_verified_at) return { ok: false, error: 'no_account' };
  if (await findRole(deps.db, company.id, user.id)) return { ok: false, error: 'member' };
  if (await hasActiveGrant(deps.db, company.id, user.id, 'phishing')) return { ok: false, error: 'duplicate' };
  const grantId = randomUUID();
  await transact(deps.db, async (trx) => {
    await insertGrant(trx, { id: grantId, companyId: company.id, granteeUserId: user.id, scope: 'phishing', grantedBy: actor.userId, now: deps.clock.now().toISOString() });
    await audit(deps, trx, { type: 'company.grant_created', companyId: company.id, userId: user.id, actorId: actor.userId, ip: actor.ip, detail: { scope: 'phishing', email: user.email } });
  });
  return { ok: true, grantId };
}

export async function revokePhishingGrant(deps: AppDeps, company: Company, actor: Actor, grantId: string): Promise<boolean> {
  return transact(deps.db, async (trx) => {
    const granteeId = await revokeGrant(trx, company.id, grantId, deps.clock.now().toISOString());
    if (!granteeId) return false;
    const grantee = await findUserRowById(trx, granteeId);
    await audit(deps, trx, { type: 'company.grant_revoked', companyId: company.id, userId: granteeId, actorId: actor.userId, ip: actor.ip, detail: { scope: 'phishing', email: grantee?.email ?? null } });
    return true;
  });
}
