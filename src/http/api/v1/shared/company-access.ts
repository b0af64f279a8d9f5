import type { Company, Role } from '../../../../core/company-profile.ts';
import type { AppDeps } from '../../../../app/deps.ts';
import { findCompany, findRole } from '../../../../db/repositories/company.repository.ts';
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
