/**
 * Use cases of two-step log-in (TOTP, RFC 6238): the second log-in step, set-up, new recovery codes, switching off.
 * A TOTP code is accepted once (RFC 6238 §5.2). Changing two-step log-in itself needs the password and a code, and
 * each attempt is counted before it is checked, so guesses cannot run in parallel past the limit.
 */
import { randomUUID } from 'node:crypto';
import { normaliseRecoveryCode, RECOVERY_CODE_COUNT } from '../core/account.ts';
import { randomToken, sha256, verifyPassword } from '../adapters/crypto.ts';
import { generateTotpSecret, matchTotpStep } from '../adapters/totp.ts';
import { anyCompanyRequiresMfa } from '../db/repositories/company.repository.ts';
import { revokeSession } from '../db/repositories/session.repository.ts';
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  findUserRowById,
  replaceRecoveryCodes,
  updateUser,
  useRecoveryCode,
  type UserRow,
} from '../db/repositories/user.repository.ts';
import { createSession, type RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { clear, consume, HOUR, MINUTE } from './rate-limit.ts';
import { transact } from '../db/transaction.ts';

/** Attempts at switching off two-step log-in or making new recovery codes, per user. */
export const MFA_MANAGE_LIMIT = { max: 5, windowMs: 15 * MINUTE };

/**
 * Accepts a TOTP code once: the code's time step must be later than the last accepted one, recorded in the same
 * conditional UPDATE (RFC 6238 §5.2), so a code seen over a shoulder or replayed in parallel is refused.
 */
async function acceptTotp(deps: AppDeps, userId: string, secret: string, code: string): Promise<boolean> {
  const step = matchTotpStep(secret, code, deps.clock.now());
  return step !== null && (await claimTotpStep(deps.db, userId, step));
}

/** A current TOTP code, or else an unused recovery code (used up by this call). */
async function acceptSecondFactor(deps: AppDeps, row: UserRow, code: string): Promise<{ ok: boolean; recoveryCode: boolean }> {
  if (!row.totp_secret) return { ok: false, recoveryCode: false };
  if (await acceptTotp(deps, row.id, deps.secretBox.open(row.totp_secret), code)) return { ok: true, recoveryCode: false };
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 12) return { ok: false, recoveryCode: false };
  const used = await useRecoveryCode(deps.db, row.id, sha256(normalised), deps.clock.now().toISOString());
  return { ok: used, recoveryCode: used };
}

/**
 * Second step: a TOTP code or an unused recovery code signs the person in with a NEW session; the pending one is
 * revoked (OWASP Session Management Cheat Sheet: renew the session ID after any privilege level change), so a token
 * seen between password and code never becomes a signed-in session.
 */
export async function completeMfa(
  deps: AppDeps,
  sessionId: string,
  userId: string,
  code: string,
  meta: RequestMeta,
): Promise<Result<{ usedRecoveryCode: boolean; sessionToken: string }, 'invalid_code' | 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `mfa:${userId}`, max: 10, windowMs: 15 * MINUTE }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const row = await findUserRowById(deps.db, userId);
  const factor = row ? await acceptSecondFactor(deps, row, code) : { ok: false, recoveryCode: false };
  if (!factor.ok) {
    await audit(deps, deps.db, { type: 'user.mfa_failed', userId, ip: meta.ip });
    return { ok: false, error: 'invalid_code' };
  }
  await revokeSession(deps.db, userId, sessionId, deps.clock.now().toISOString());
  const sessionToken = await createSession(deps, userId, 'full', meta);
  await clear(deps, `mfa:${userId}`);
  if (factor.recoveryCode) await audit(deps, deps.db, { type: 'user.recovery_code_used', userId, ip: meta.ip });
  await audit(deps, deps.db, { type: 'user.login', userId, ip: meta.ip, detail: { mfa: true } });
  return { ok: true, usedRecoveryCode: factor.recoveryCode, sessionToken };
}

/** Starts TOTP set-up: a new secret is stored (sealed) but not active until a code confirms it. */
export async function beginTotpSetup(deps: AppDeps, userId: string): Promise<string> {
  const secret = generateTotpSecret();
  // A new secret starts a new series of codes: forget the step of the old one.
  await updateUser(deps.db, userId, { totp_secret: deps.secretBox.seal(secret), totp_enabled_at: null, totp_last_step: null });
  return secret;
}

export async function pendingTotpSecret(deps: AppDeps, userId: string): Promise<string | null> {
  const row = await findUserRowById(deps.db, userId);
  if (!row?.totp_secret || row.totp_enabled_at) return null;
  return deps.secretBox.open(row.totp_secret);
}

function newRecoveryCodes(): { shown: string[]; stored: { id: string; hash: string }[] } {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const shown: string[] = [];
  const stored: { id: string; hash: string }[] = [];
  for (let i = 0; i < RECOVERY_CODE_COUNT; i++) {
    const raw = Array.from(randomToken(24))
      .map((c) => alphabet[c.charCodeAt(0) % alphabet.length])
      .join('')
      .slice(0, 12);
    shown.push(`${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`);
    stored.push({ id: randomUUID(), hash: sha256(raw) });
  }
  return { shown, stored };
}

export async function confirmTotpSetup(
  deps: AppDeps,
  userId: string,
  code: string,
  meta: RequestMeta,
): Promise<Result<{ recoveryCodes: string[] }, 'invalid_code' | 'no_pending_setup' | 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `mfa-setup:${userId}`, max: 10, windowMs: HOUR }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const secret = await pendingTotpSecret(deps, userId);
  if (!secret) return { ok: false, error: 'no_pending_setup' };
  if (!(await acceptTotp(deps, userId, secret, code))) return { ok: false, error: 'invalid_code' };
  const now = deps.clock.now().toISOString();
  const codes = newRecoveryCodes();
  await transact(deps.db, async (trx) => {
    await updateUser(trx, userId, { totp_enabled_at: now });
    await replaceRecoveryCodes(trx, userId, codes.stored, now);
    await audit(deps, trx, { type: 'user.mfa_enabled', userId, ip: meta.ip });
  });
  return { ok: true, recoveryCodes: codes.shown };
}

export type ManageMfaError = 'invalid_password' | 'invalid_code' | 'rate_limited';

/**
 * Proof for changing two-step log-in: the password and a current code (or a recovery code), so neither a borrowed
 * unlocked session nor a leaked password alone can weaken it. Counted before checking (5 per 15 minutes).
 */
async function proveBothFactors(deps: AppDeps, userId: string, password: string, code: string): Promise<ManageMfaError | null> {
  const limited = await consume(deps, [{ key: `mfa-manage:${userId}`, ...MFA_MANAGE_LIMIT }]);
  if (!limited.allowed) return 'rate_limited';
  const row = await findUserRowById(deps.db, userId);
  if (!row || !(await verifyPassword(row.password_hash, password))) return 'invalid_password';
  if (!(await acceptSecondFactor(deps, row, code)).ok) return 'invalid_code';
  return null;
}

export async function regenerateRecoveryCodes(
  deps: AppDeps,
  userId: string,
  proof: { password: string; code: string },
  meta: RequestMeta,
): Promise<Result<{ recoveryCodes: string[] }, ManageMfaError>> {
  const problem = await proveBothFactors(deps, userId, proof.password, proof.code);
  if (problem) return { ok: false, error: problem };
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(deps.db, userId, codes.stored, deps.clock.now().toISOString());
  await audit(deps, deps.db, { type: 'user.recovery_codes_regenerated', userId, ip: meta.ip });
  return { ok: true, recoveryCodes: codes.shown };
}

export async function disableTotp(
  deps: AppDeps,
  userId: string,
  proof: { password: string; code: string },
  meta: RequestMeta,
): Promise<Result<object, ManageMfaError | 'required_by_company'>> {
  if (await anyCompanyRequiresMfa(deps.db, userId)) return { ok: false, error: 'required_by_company' };
  const problem = await proveBothFactors(deps, userId, proof.password, proof.code);
  if (problem) return { ok: false, error: problem };
  const now = deps.clock.now().toISOString();
  await updateUser(deps.db, userId, { totp_secret: null, totp_enabled_at: null });
  await replaceRecoveryCodes(deps.db, userId, [], now);
  await audit(deps, deps.db, { type: 'user.mfa_disabled', userId, ip: meta.ip });
  return { ok: true };
}

export async function recoveryCodesLeft(deps: AppDeps, userId: string): Promise<number> {
  return countUnusedRecoveryCodes(deps.db, userId);
}
