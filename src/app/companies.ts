/** Use cases of companies: create, profile, members, invitations, roles, the MFA requirement. */
import { randomUUID } from 'node:crypto';
import { addMinutes, INVITATION_DAYS, type User } from '../core/account.ts';
import { roleChangeRefusal, type CompanyProfile, type Role } from '../core/company-profile.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import {
  countOwners,
  isMemberByEmail,
  deleteMembership,
  findCompany,
  findRole,
  insertCompany,
  insertMembership,
  setRequireMfa,
  setRole,
  updateCompanyProfile,
} from '../db/repositories/company.repository.ts';
import {
  findInvitationById,
  findInvitationByTokenHash,
  insertInvitation,
  listOpenInvitationsForEmail,
  markInvitationAccepted,
  revokeInvitation,
  type Invitation,
  type PendingInvitation,
} from '../db/repositories/invitation.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { consume, HOUR } from './rate-limit.ts';
import type { RequestMeta } from './accounts.ts';
import { transact } from '../db/transaction.ts';

/**
 * Limits per user against abuse of a free account: companies created, and invitations sent (each invitation is a
 * mail from our domain to an address the user chose: unchecked, it is a spam relay). OWASP ASVS 4.0.3 §11.1.4
 * (anti-automation on business functions). Reviewed 2026-06; see docs/operations.md.
 */
export const COMPANIES_PER_USER = { max: 10, windowMs: 24 * HOUR };
export const INVITATIONS_PER_USER = { max: 30, windowMs: 24 * HOUR };
export const INVITATIONS_PER_COMPANY = { max: 50, windowMs: 24 * HOUR };

/** What the sign-up pages call: createCompany under the per-user limit. */
export async function createCompanyForUser(deps: AppDeps, user: User, profile: CompanyProfile, meta: RequestMeta): Promise<Result<{ companyId: string }, 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `company-create:${user.id}`, ...COMPANIES_PER_USER }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  return { ok: true, companyId: await createCompany(deps, user, profile, meta) };
}

export async function createCompany(deps: AppDeps, user: User, profile: CompanyProfile, meta: RequestMeta): Promise<string> {
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await insertCompany(trx, id, profile, now);
    await insertMembership(trx, id, user.id, 'owner', now);
    await audit(deps, trx, { type: 'company.created', companyId: id, userId: user.id, ip: meta.ip, detail: { name: profile.name } });
  });
  return id;
}

export async function saveProfile(deps: AppDeps, companyId: string, actor: User, profile: CompanyProfile, meta: RequestMeta): Promise<void> {
  const now = deps.clock.now().toISOString();
  await transact(deps.db, async (trx) => {
    await updateCompanyProfile(trx, companyId, profile, now);
    await audit(deps, trx, { type: 'company.profile_updated', companyId, userId: actor.id, ip: meta.ip });
  });
}

export async function changeRequireMfa(deps: AppDeps, companyId: string, actor: User, value: boolean, meta: RequestMeta): Promise<Result<object, 'enable_own_mfa_first'>> {
  // An owner cannot lock everyone (including themself) out: they must use MFA before requiring it.
  if (value && !actor.totpEnabled) return { ok: false, error: 'enable_own_mfa_first' };
  await setRequireMfa(deps.db, companyId, value, deps.clock.now().toISOString());
  await audit(deps, deps.db, { type: 'company.require_mfa_changed', companyId, userId: actor.id, ip: meta.ip, detail: { required: value } });
  return { ok: true };
}

export async function inviteMember(
  deps: AppDeps,
  companyId: string,
  actor: User,
  actorRole: Role,
  input: { email: string; role: Role },
  meta: RequestMeta,
): Promise<Result<{ invitationId: string }, 'not_allowed' | 'rate_limited' | 'already_member'>> {
  // Admins may invite members; only owners may invite admins or owners.
  if (actorRole !== 'owner' && input.role !== 'member') return { ok: false, error: 'not_allowed' };
  const limited = await consume(deps, [
    { key: `invite:${companyId}`, ...INVITATIONS_PER_COMPANY },
    { key: `invite:user:${actor.id}`, ...INVITATIONS_PER_USER },
  ]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const email = input.email.trim().toLowerCase();
  if (await isMemberByEmail(deps.db, companyId, email)) return { ok: false, error: 'already_member' };
  const company = await findCompany(deps.db, companyId);
  if (!company) return { ok: false, error: 'not_allowed' };
  const token = randomToken();
  const now = deps.clock.now();
  const id = randomUUID();
  await transact(deps.db, async (trx) => {
    await insertInvitation(trx, {
      id,
      company_id: companyId,
      email,
      role: input.role,
      token_hash: sha256(token),
      invited_by: actor.id,
      expires_at: addMinutes(now, INVITATION_DAYS * 24 * 60).toISOString(),
      accepted_at: null,
      revoked_at: null,
      created_at: now.toISOString(),
    });
    await queueMail(deps, trx, email, company.language, {
      subject: 'mail.invite.subject',
      intro: 'mail.invite.intro',
      action: { label: 'mail.invite.action', url: `${deps.config.baseUrl}/${company.language}/invitations/${token}` },
      outro: 'mail.invite.outro',
      params: { inviter: actor.displayName, company: company.name, days: INVITATION_DAYS },
    });
    await audit(deps, trx, { type: 'company.member_invited', companyId, userId: actor.id, ip: meta.ip, detail: { email, role: input.role } });
  });
  deps.kickWorker();
  return { ok: true, invitationId: id };
}

export async function withdrawInvitation(deps: AppDeps, companyId: string, actor: User, invitationId: string, meta: RequestMeta): Promise<boolean> {
  const done = await revokeInvitation(deps.db, companyId, invitationId, deps.clock.now().toISOString());
  if (done) await audit(deps, deps.db, { type: 'company.invitation_revoked', companyId, userId: actor.id, ip: meta.ip, detail: { invitationId } });
  return done;
}

function isOpen(deps: AppDeps, inv: Invitation | undefined): inv is Invitation {
  return inv !== undefined && !inv.acceptedAt && !inv.revokedAt && inv.expiresAt > deps.clock.now().toISOString();
}

export async function lookUpInvitation(deps: AppDeps, token: string): Promise<Invitation | undefined> {
  const inv = await findInvitationByTokenHash(deps.db, sha256(token));
  return isOpen(deps, inv) ? inv : undefined;
}

/**
 * The invitations waiting for a signed-in user: addressed to the e-mail address the user has verified (log-in
 * needs a verified address). So a colleague who signed up without the link still finds the company.
 */
export async function pendingInvitationsFor(deps: AppDeps, user: User): Promise<PendingInvitation[]> {
  return listOpenInvitationsForEmail(deps.db, user.email, deps.clock.now().toISOString());
}

/**
 * Accepting needs a signed-in user whose verified e-mail is the invited one: a forwarded link cannot be used by
 * someone else.
 */
export async function acceptInvitation(
  deps: AppDeps,
  token: string,
  user: User,
  meta: RequestMeta,
): Promise<Result<{ companyId: string }, 'invalid_invitation' | 'wrong_account'>> {
  return join(deps, await lookUpInvitation(deps, token), user, meta);
}

/** The same, from the list of pending invitations on the account page (by id; the address must match too). */
export async function acceptInvitationById(
  deps: AppDeps,
  invitationId: string,
  user: User,
  meta: RequestMeta,
): Promise<Result<{ companyId: string }, 'invalid_invitation' | 'wrong_account'>> {
  const inv = await findInvitationById(deps.db, invitationId);
  return join(deps, isOpen(deps, inv) ? inv : undefined, user, meta);
}

async function join(deps: AppDeps, inv: Invitation | undefined, user: User, meta: RequestMeta): Promise<Result<{ companyId: string }, 'invalid_invitation' | 'wrong_account'>> {
  if (!inv) return { ok: false, error: 'invalid_invitation' };
  if (inv.email !== user.email) return { ok: false, error: 'wrong_account' };
  const now = deps.clock.now().toISOString();
  const joined = await transact(deps.db, async (trx) => {
    if (!(await markInvitationAccepted(trx, inv.id, now))) return false;
    const current = await findRole(trx, inv.companyId, user.id);
    if (!current) await insertMembership(trx, inv.companyId, user.id, inv.role, now);
    await audit(deps, trx, { type: 'company.member_joined', companyId: inv.companyId, userId: user.id, ip: meta.ip, detail: { role: inv.role } });
    return true;
  });
  return joined ? { ok: true, companyId: inv.companyId } : { ok: false, error: 'invalid_invitation' };
}

export async function changeMemberRole(
  deps: AppDeps,
  companyId: string,
  actor: User,
  actorRole: Role,
  targetUserId: string,
  newRole: Role | 'removed',
  meta: RequestMeta,
): Promise<Result<object, 'not_member' | 'not_allowed' | 'last_owner'>> {
  return transact(deps.db, async (trx) => {
    const targetRole = await findRole(trx, companyId, targetUserId);
    if (!targetRole) return { ok: false, error: 'not_member' } as const;
    const refusal = roleChangeRefusal(actorRole, targetRole, newRole, await countOwners(trx, companyId));
    if (refusal) return { ok: false, error: refusal } as const;
    if (newRole === 'removed') {
      await deleteMembership(trx, companyId, targetUserId);
      await audit(deps, trx, { type: 'company.member_removed', companyId, userId: targetUserId, actorId: actor.id, ip: meta.ip, detail: { role: targetRole } });
    } else if (newRole !== targetRole) {
      await setRole(trx, companyId, targetUserId, newRole);
      await audit(deps, trx, { type: 'company.role_changed', companyId, userId: targetUserId, actorId: actor.id, ip: meta.ip, detail: { from: targetRole, to: newRole } });
    }
    return { ok: true } as const;
  });
}
