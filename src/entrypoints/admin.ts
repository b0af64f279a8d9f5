import { randomUUID } from 'node:crypto';
import { passwordProblem } from '../core/password-policy.ts';
import { hashPassword } from '../adapters/crypto.ts';
import type { AppDeps, Result } from '../app/deps.ts';
import { audit } from '../app/audit.ts';
import { findUserRowByEmail, insertUser, updateUser } from '../db/repositories/user.repository.ts';

/** Creates a verified platform administrator, or promotes an existing account. */
export async function createAdmin(deps: AppDeps, emailInput: string, name: string, password: string): Promise<Result<{ userId: string }, string>> {
  const email = emailInput.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, error: 'invalid e-mail address' };
  const existing = await findUserRowByEmail(deps.db, email);
  if (existing) {
    await updateUser(deps.db, existing.id, { is_admin: 1 });
    return { ok: true, userId: existing.id };
  }
  const problem = passwordProblem(password, email, deps.commonPasswords);
  if (problem) return { ok: false, error: `password refused (${problem})` };
  const now = deps.clock.now().toISOString();
  const id = randomUUID();
  await insertUser(deps.db, {
    id,
    email,
    password_hash: await hashPassword(password),
    display_name: name,
    locale: 'nl',
    email_verified_at: now,
    totp_secret: null,
    totp_enabled_at: null,
    is_admin: 1,
    created_at: now,
  });
  await audit(deps, deps.db, { type: 'user.signed_up', userId: id, detail: { via: 'create-admin' } });
  return { ok: true, userId: id };
}
