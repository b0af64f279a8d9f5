/** Use cases of organisations themselves: create, verify (platform admin), staff and their invitations. */
import { randomUUID } from 'node:crypto';
import { addMinutes, INVITATION_DAYS, type User } from '../core/account.ts';
import type { Locale } from '../core/locale.ts';
import type { OrgKind, OrgRole } from '../core/organisations/organisation.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import {
  findOrganisation,
  findStaffInvitationByTokenHash,
  findStaffRole,
  insertOrganisation,
  insertStaff,
  insertStaffInvitation,
  markStaffInvitationAccepted,
  setVerified,
  type StaffInvitation,
} from '../db/repositories/organisation.repository.ts';
import { findUserRowByEmail } from '../db/repositories/user.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import { INVITATIONS_PER_USER } from './companies.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { consume, HOUR } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/** Against a free account creating tenants in bulk (OWASP ASVS 4.0.3 §11.1.4). Reviewed 2026-12; docs/operations.md. */
export const ORGANISATIONS_PER_USER = { max: 5, windowMs: 24 * HOUR };

export async function createOrganisation(
  deps: AppDeps,
  user: User,
  input: { name: string; kind: OrgKind; sectors: string[] },
  meta: RequestMeta,
): Promise<Result<{ organisationId: string }, 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `org-create:${user.id}`, ...ORGANISATIONS_PER_USER }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await insertOrganisation(trx, { id, name: input.name, kind: input.kind, sectors: input.kind === 'federation' ? input.sectors : [], createdBy: user.id, now });
    await insertStaff(trx, id, user.id, 'org_owner', now);
    await audit(deps, trx, { type: 'organisation.created', organisationId: id, userId: user.id, ip: meta.ip, detail: { name: input.name, kind: input.kind } });
  });
  return { ok: true, organisationId: id };
}

/** A platform administrator confirms the organisation is who it says it is; until then pages call it unverified. */
export async function verifyOrganisation(deps: AppDeps, admin: User, organisationId: string, meta: RequestMeta): Promise<boolean> {
  if (!admin.isAdmin) return false;
  const done = await setVerified(deps.db, organisationId, admin.id, deps.clock.now().toISOString());
  if (done) await audit(deps, deps.db, { type: 'organisation.verified', organisationId, userId: admin.id, ip: meta.ip });
  return done;
}

export async function inviteStaff(
  deps: AppDeps,
  organisationId: string,
  actor: User,
  input: { email: string; role: OrgRole },
  locale: Locale,
  meta: RequestMeta,
): Promise<Result<object, 'rate_limited' | 'already_staff' | 'not_found'>> {
  const limited = await consume(deps, [{ key: `invite:user:${actor.id}`, ...INVITATIONS_PER_USER }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const org = await findOrganisation(deps.db, organisationId);
  if (!org) return { ok: false, error: 'not_found' };
  const email = input.email.trim().toLowerCase();
  const existing = await findUserRowByEmail(deps.db, email);
  if (existing && (await findStaffRole(deps.db, organisationId, existing.id))) return { ok: false, error: 'already_staff' };
  const token = randomToken();
  const now = deps.clock.now();
  await transact(deps.db, async (trx) => {
    await insertStaffInvitation(trx, {
      id: randomUUID(),
      organisationId,
      email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: actor.id,
      expiresAt: addMinutes(now, INVITATION_DAYS * 24 * 60).toISOString(),
      now: now.toISOString(),
    });
    await queueMail(deps, trx, email, locale, {
      subject: 'mail.org_staff_invite.subject',
      intro: 'mail.org_staff_invite.intro',
      action: { label: 'mail.org_staff_invite.action', url: `${deps.config.baseUrl}/${locale}/org-invitations/${token}` },
      params: { inviter: actor.displayName, organisation: org.name, days: INVITATION_DAYS },
    });
    await audit(deps, trx, { type: 'organisation.staff_invited', organisationId, userId: actor.id, ip: meta.ip, detail: { email, role: input.role } });
  });
  deps.kickWorker();
  return { ok: true };
}

export async function lookUpStaffInvitation(deps: AppDeps, token: string): Promise<StaffInvitation | undefined> {
  const inv = await findStaffInvitationByTokenHash(deps.db, sha256(token));
  return inv && !inv.acceptedAt && !inv.revokedAt && inv.expiresAt > deps.clock.now().toISOString() ? inv : undefined;
}

/** Accepting needs the signed-in user whose verified address was invited: a forwarded link does not work. */
export async function acceptStaffInvitation(deps: AppDeps, token: string, user: User, meta: RequestMeta): Promise<Result<{ organisationId: string }, 'invalid_invitation' | 'wrong_account'>> {
  const inv = await lookUpStaffInvitation(deps, token);
  if (!inv) return { ok: false, error: 'invalid_invitation' };
  if (inv.email !== user.email) return { ok: false, error: 'wrong_account' };
  const now = deps.clock.now().toISOString();
  const joined = await transact(deps.db, async (trx) => {
    if (!(await markStaffInvitationAccepted(trx, inv.id, now))) return false;
    if (!(await findStaffRole(trx, inv.organisationId, user.id))) await insertStaff(trx, inv.organisationId, user.id, inv.role, now);
    await audit(deps, trx, { type: 'organisation.staff_joined', organisationId: inv.organisationId, userId: user.id, ip: meta.ip, detail: { role: inv.role } });
    return true;
  });
  return joined ? { ok: true, organisationId: inv.organisationId } : { ok: false, error: 'invalid_invitation' };
}
