import type { User } from '../../../../core/account.ts';
import { can, type Company, type Role } from '../../../../core/company-profile.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { findCompany, findRole } from '../../../../db/repositories/company.repository.ts';
import { hasActiveGrant } from '../../../../db/repositories/grant.repository.ts';
import { AppError } from '../../../errors.ts';

/**
 * The company a token's owner may act on through the API: not a member → 404 (its existence stays hidden);
 * `write` needs owner or admin → otherwise 403. The token's scope was already checked by the access hook.
 */
export async function companyForApi(deps: AppDeps, userId: string, companyId: string, write: boolean): Promise<{ company: Company; role: Role }> {
  const role = await findRole(deps.db, companyId, userId);
  const company = role ? await findCompany(deps.db, companyId) : undefined;
  if (!role || !company) throw new AppError('not_found');
  if (write && role === 'member') throw new AppError('forbidden');
  return { company, role };
}

/**
 * The company a token's owner may run phishing simulations for: owner or admin, or an outside user with an active
 * 'phishing' grant. Neither member nor grantee → 404 (the company stays hidden); a plain member → 403. The token's
 * scope was checked by the access hook. A grantee is held to the company's "two-step log-in required" rule too.
 */
export async function phishingCompanyForApi(deps: AppDeps, user: User, companyId: string): Promise<Company> {
  const role = await findRole(deps.db, companyId, user.id);
  const granted = !role && (await hasActiveGrant(deps.db, companyId, user.id, 'phishing'));
  const company = role || granted ? await findCompany(deps.db, companyId) : undefined;
  if (!company) throw new AppError('not_found');
  if (granted && company.requireMfa && !user.totpEnabled) throw new AppError('mfa_required');
  if (!granted && !can(role ?? null, 'run_phishing')) throw new AppError('forbidden');
  return company;
}
