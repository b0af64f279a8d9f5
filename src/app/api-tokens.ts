/** Use cases of personal API tokens: make one (after giving the password again), end them all. */
import { randomUUID } from 'node:crypto';
import type { ApiScope } from '../core/account.ts';
import { randomToken, sha256, verifyPassword } from '../adapters/crypto.ts';
import { insertApiToken, revokeAllApiTokens } from '../db/repositories/token.repository.ts';
import { findUserRowById } from '../db/repositories/user.repository.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import type { RequestMeta } from './accounts.ts';
import { consume, HOUR, MINUTE } from './rate-limit.ts';

/** Password re-entries allowed per user before a pause (shared by every "give your password again" form). */
export const REAUTH_LIMIT = { max: 5, windowMs: 15 * MINUTE };

/**
 * Checks the password of a signed-in user again, for an action that outlives the session (re-authentication,
 * NIST SP 800-63B §4.2.3 / OWASP ASVS 4.0.3 §3.7.1). The attempt is counted before the check, so guesses sent in
 * parallel cannot pass the limit.
 */
export async function reauthenticate(deps: AppDeps, userId: string, password: string): Promise<Result<object, 'invalid_password' | 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `reauth:${userId}`, ...REAUTH_LIMIT }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const row = await findUserRowById(deps.db, userId);
  if (!row || !(await verifyPassword(row.password_hash, password))) return { ok: false, error: 'invalid_password' };
  return { ok: true };
}

/** A token is a password that never expires: making one needs the account password again, not only a session. */
export async function createApiToken(
  deps: AppDeps,
  userId: string,
  input: { name: string; scopes: ApiScope[]; password: string },
  meta: RequestMeta,
): Promise<Result<{ token: string }, 'invalid_password' | 'rate_limited'>> {
  const limited = await consume(deps, [{ key: `token-create:${userId}`, max: 20, windowMs: HOUR }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const again = await reauthenticate(deps, userId, input.password);
  if (!again.ok) return again;
  const token = `sch_${randomToken(32)}`;
  const id = randomUUID();
  await insertApiToken(deps.db, { id, userId, name: input.name, tokenHash: sha256(token), scopes: input.scopes, now: deps.clock.now().toISOString() });
  await audit(deps, deps.db, { type: 'user.api_token_created', userId, ip: meta.ip, detail: { tokenId: id, scopes: input.scopes.join(' ') } });
  return { ok: true, token };
}

/** Ends every token of the user, with an audit event saying why. */
export async function endAllApiTokens(deps: AppDeps, userId: string, reason: 'password_reset' | 'password_change' | 'user_request', meta: RequestMeta): Promise<number> {
  const count = await revokeAllApiTokens(deps.db, userId, deps.clock.now().toISOString());
  if (count > 0) await audit(deps, deps.db, { type: 'user.api_tokens_revoked', userId, ip: meta.ip, detail: { count, reason } });
  return count;
}
