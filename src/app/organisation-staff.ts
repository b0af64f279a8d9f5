/**
 * An organisation owner changes a staff member's role or removes them. An organisation always keeps at least one
 * owner (else nobody could manage its staff again). Effective at once: every request checks the staff role afresh
 * (src/http/auth-hooks.ts), so a removed member's next page or API call is refused. Audit logged. docs/organisations.md.
 */
import type { User } from '../core/account.ts';
import type { OrgRole } from '../core/organisations/organisation.ts';
import { countOwners, deleteStaff, findStaffRole, updateStaffRole } from '../db/repositories/organisation.repository.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { transact } from '../db/transaction.ts';

export type StaffChange = { kind: 'role'; role: OrgRole } | { kind: 'remove' };
export type StaffChangeError = 'not_staff' | 'last_owner';

/** Row-locks the organisation on both engines, so two owners demoting each other at once cannot leave it ownerless. */
async function lockOrganisation(trx: Conn, organisationId: string): Promise<void> {
  await trx.updateTable('organisations').set((eb) => ({ name: eb.ref('name') })).where('id', '=', organisationId).execute();
}

export async function changeStaff(deps: AppDeps, organisationId: string, actor: User, userId: string, change: StaffChange, meta: RequestMeta): Promise<Result<object, StaffChangeError>> {
  return transact(deps.db, async (trx): Promise<Result<object, StaffChangeError>> => {
    await lockOrganisation(trx, organisationId);
    const current = await findStaffRole(trx, organisationId, userId);
    if (!current) return { ok: false, error: 'not_staff' };
    const losesOwner = current === 'org_owner' && (change.kind === 'remove' || change.role !== 'org_owner');
    if (losesOwner && (await countOwners(trx, organisationId)) <= 1) return { ok: false, error: 'last_owner' };
    const base = { organisationId, userId: actor.id, ip: meta.ip };
    if (change.kind === 'remove') {
      await deleteStaff(trx, organisationId, userId);
      await audit(deps, trx, { ...base, type: 'organisation.staff_removed', detail: { staffUserId: userId, role: current } });
    } else if (change.role !== current) {
      await updateStaffRole(trx, organisationId, userId, change.role);
      await audit(deps, trx, { ...base, type: 'organisation.staff_role_changed', detail: { staffUserId: userId, from: current, to: change.role } });
    }
    return { ok: true };
  });
}
