/** Use cases of accounts: sign-up, e-mail verification, log-in with optional TOTP, password reset, MFA set-up. */
import { randomUUID } from 'node:crypto';
import {
  addMinutes,
  EMAIL_VERIFY_HOURS,
  PASSWORD_RESET_MINUTES,
  SESSION_IDLE_DAYS,
  SESSION_MFA_MINUTES,
  type User,
} from '../core/account.ts';
import type { Locale } from '../core/locale.ts';
import { passwordProblem, type PasswordProblem } from '../core/password-policy.ts';
import { dummyPasswordHash, hashPassword, randomToken, sha256, verifyPassword } from '../adapters/crypto.ts';
import {
  consumeEmailToken,
  insertEmailToken,
  invalidateEmailTokens,
  peekEmailToken,
} from '../db/repositories/token.repository.ts';
import { insertSession, revokeAllSessions } from '../db/repositories/session.repository.ts';
import {
  findUserRowByEmail,
  findUserRowById,
  insertUser,
  toUser,
  updateUser,
} from '../db/repositories/user.repository.ts';
import { endAllApiTokens } from './api-tokens.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { queueMail } from './mail.ts';
import { clear, consume, HOUR, limitKeyForIp, MINUTE, release } from './rate-limit.ts';

export interface RequestMeta {
  ip: string;
  userAgent: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function issueEmailToken(deps: AppDeps, userId: string, purpose: 'verify_email' | 'reset_password', minutes: number) {
  const token = randomToken();
  const now = deps.clock.now();
  await insertEmailToken(deps.db, { tokenHash: sha256(token), userId, purpose, expiresAt: addMinutes(now, minutes).toISOString(), now: now.toISOString() });
  return token;
}

export async function signUp(
  deps: AppDeps,
  input: { email: string; password: string; displayName: string; locale: Locale; next?: string | undefined },
  meta: RequestMeta,
): Promise<Result<{ user: User }, 'email_taken' | 'rate_limited' | Exclude<PasswordProblem, null>>> {
  const email = normaliseEmail(input.email);
  const limited = await consume(deps, [{ key: `signup:ip:${limitKeyForIp(meta.ip)}`, max: 10, windowMs: HOUR }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const problem = passwordProblem(input.password, email, deps.commonPasswords);
  if (problem) return { ok: false, error: problem };
  const existing = await findUserRowByEmail(deps.db, email);
  if (existing) {
    // Tell the owner of the address, not the visitor, that an account exists (no account enumeration by e-mail).
    await queueMail(deps, deps.db, email, existing.locale as Locale, {
      subject: 'mail.exists.subject',
      intro: 'mail.exists.intro',
      action: { label: 'mail.exists.action', url: `${deps.config.baseUrl}/${input.locale}/forgot-password` },
    });
    deps.kickWorker();
    return { ok: false, error: 'email_taken' };
  }
  const now = deps.clock.now().toISOString();
  const row = {
    id: randomUUID(),
    email,
    password_hash: await hashPassword(input.password),
    display_name: input.displayName.trim(),
    locale: input.locale,
    email_verified_at: null,
    totp_secret: null,
    totp_enabled_at: null,
    totp_last_step: null,
    is_admin: 0,
    created_at: now,
  };
  try {
    await insertUser(deps.db, row);
  } catch {
    // Lost a race with a concurrent sign-up of the same address: the unique index decided.
    return { ok: false, error: 'email_taken' };
  }
  await audit(deps, deps.db, { type: 'user.signed_up', userId: row.id, ip: meta.ip });
  await sendVerification(deps, toUser(row), input.next);
  return { ok: true, user: toUser(row) };
}

/**
 * Mails a link that confirms the address. `next` (a local page, already checked by the caller) rides along in the
 * link, so whoever signed up from an invitation lands back on it after confirming.
 */
export async function sendVerification(deps: AppDeps, user: User, next?: string): Promise<void> {
  const token = await issueEmailToken(deps, user.id, 'verify_email', EMAIL_VERIFY_HOURS * 60);
  const nextParam = next ? `&next=${encodeURIComponent(next)}` : '';
  await queueMail(deps, deps.db, user.email, user.locale, {
    subject: 'mail.verify.subject',
    intro: 'mail.verify.intro',
    action: { label: 'mail.verify.action', url: `${deps.config.baseUrl}/${user.locale}/verify-email?token=${token}${nextParam}` },
    outro: 'mail.verify.outro',
    params: { name: user.displayName },
  });
  deps.kickWorker();
}

/** Limits on asking for a new confirmation link: per address of the requester and per e-mail address. */
export const RESEND_LIMITS = { perIp: { max: 10, windowMs: HOUR }, perEmail: { max: 3, windowMs: HOUR } };

/**
 * A new confirmation link, for an address that is not confirmed yet. The limit is counted before the address is
 * looked up, so unknown and known addresses answer alike (no account enumeration); the limits
 * themselves are anti-automation on a business function (OWASP ASVS 4.0.3 §11.1.4).
 */
export async function resendVerification(deps: AppDeps, emailInput: string, meta: RequestMeta, next?: string): Promise<Result<object, 'rate_limited'>> {
  const email = normaliseEmail(emailInput);
  const limited = await consume(deps, [
    { key: `resend:ip:${limitKeyForIp(meta.ip)}`, ...RESEND_LIMITS.perIp },
    { key: `resend:acct:${email}`, ...RESEND_LIMITS.perEmail },
  ]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const row = await findUserRowByEmail(deps.db, email);
  if (row && row.email_verified_at === null) await sendVerification(deps, toUser(row), next);
  return { ok: true };
}

export async function verifyEmail(deps: AppDeps, token: string): Promise<Result<{ userId: string; email: string }, 'invalid_token'>> {
  const now = deps.clock.now().toISOString();
  const userId = await consumeEmailToken(deps.db, sha256(token), 'verify_email', now);
  const row = userId ? await findUserRowById(deps.db, userId) : undefined;
  if (!row) return { ok: false, error: 'invalid_token' };
  await updateUser(deps.db, row.id, { email_verified_at: now });
  await audit(deps, deps.db, { type: 'user.email_verified', userId: row.id });
  return { ok: true, userId: row.id, email: row.email };
}

/** How long the log-in page may fill in the address that was just confirmed. */
export const LOGIN_HINT_MINUTES = 60;

/**
 * After confirming, the log-in page fills in the address. It travels sealed (AES-GCM), so the address itself never
 * shows in a URL, a browser history or a log line, and expires after an hour.
 */
export function sealLoginHint(deps: AppDeps, email: string): string {
  const until = addMinutes(deps.clock.now(), LOGIN_HINT_MINUTES).toISOString();
  return deps.secretBox.seal(JSON.stringify({ email, until }));
}

export function openLoginHint(deps: AppDeps, hint: unknown): string | undefined {
  if (typeof hint !== 'string' || hint.length > 600) return undefined;
  try {
    const v = JSON.parse(deps.secretBox.open(hint)) as { email?: unknown; until?: unknown };
    if (typeof v.email !== 'string' || typeof v.until !== 'string' || v.until <= deps.clock.now().toISOString()) return undefined;
    return v.email;
  } catch {
    return undefined;
  }
}

export async function createSession(deps: AppDeps, userId: string, stage: 'mfa' | 'full', meta: RequestMeta): Promise<string> {
  const token = randomToken();
  const now = deps.clock.now();
  const expires = stage === 'mfa' ? addMinutes(now, SESSION_MFA_MINUTES) : addMinutes(now, SESSION_IDLE_DAYS * 24 * 60);
  await insertSession(deps.db, {
    id: sha256(token),
    user_id: userId,
    stage,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expires.toISOString(),
    ip: meta.ip,
    user_agent: meta.userAgent.slice(0, 300),
    revoked_at: null,
  });
  return token;
}

export type LoginOutcome =
  | { ok: true; sessionToken: string; stage: 'mfa' | 'full'; user: User }
  | { ok: false; error: 'invalid_credentials' | 'rate_limited' | 'email_not_verified'; retryAfterSeconds?: number };

/**
 * Password log-in. Limits: per account (5 failed attempts per 15 min by default) and per address (20 per 15 min).
 * Each attempt reserves its place under both limits before the password is checked, in one atomic statement per
 * limit, so attempts sent in parallel cannot all be checked (OWASP ASVS 4.0.3 §2.2.1; NIST SP 800-63B §5.2.2).
 * A right password gives its places back, so only failures count; a success also clears the account counter.
 * Unknown e-mails take as long as known ones.
 */
export async function logIn(deps: AppDeps, input: { email: string; password: string }, meta: RequestMeta): Promise<LoginOutcome> {
  const email = normaliseEmail(input.email);
  const window = 15 * MINUTE;
  const limits = [
    { key: `login:acct:${email}`, max: deps.config.rateLimits.loginPerAccount, windowMs: window },
    { key: `login:ip:${limitKeyForIp(meta.ip)}`, max: deps.config.rateLimits.loginPerIp, windowMs: window },
  ];
  const reserved = await consume(deps, limits);
  const row = await findUserRowByEmail(deps.db, email);
  if (!reserved.allowed) {
    await audit(deps, deps.db, { type: 'user.login_rate_limited', userId: row?.id ?? null, ip: meta.ip, detail: { email } });
    return { ok: false, error: 'rate_limited', retryAfterSeconds: reserved.retryAfterSeconds };
  }
  const valid = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!row || !valid) {
    await audit(deps, deps.db, { type: 'user.login_failed', userId: row?.id ?? null, ip: meta.ip, detail: { email } });
    return { ok: false, error: 'invalid_credentials' };
  }
  await release(deps, limits);
  if (row.email_verified_at === null) return { ok: false, error: 'email_not_verified' };
  await clear(deps, `login:acct:${email}`);
  const user = toUser(row);
  const stage = user.totpEnabled ? 'mfa' : 'full';
  const sessionToken = await createSession(deps, user.id, stage, meta);
  if (stage === 'full') await audit(deps, deps.db, { type: 'user.login', userId: user.id, ip: meta.ip, detail: { mfa: false } });
  return { ok: true, sessionToken, stage, user };
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(deps: AppDeps, emailInput: string, locale: Locale, meta: RequestMeta): Promise<void> {
  const email = normaliseEmail(emailInput);
  const limited = await consume(deps, [
    { key: `reset:ip:${limitKeyForIp(meta.ip)}`, max: 10, windowMs: HOUR },
    { key: `reset:acct:${email}`, max: 3, windowMs: HOUR },
  ]);
  if (!limited.allowed) return;
  const row = await findUserRowByEmail(deps.db, email);
  if (!row) return;
  const token = await issueEmailToken(deps, row.id, 'reset_password', PASSWORD_RESET_MINUTES);
  const userLocale = toUser(row).locale ?? locale;
  await queueMail(deps, deps.db, row.email, userLocale, {
    subject: 'mail.reset.subject',
    intro: 'mail.reset.intro',
    action: { label: 'mail.reset.action', url: `${deps.config.baseUrl}/${userLocale}/reset-password?token=${token}` },
    outro: 'mail.reset.outro',
    params: { minutes: PASSWORD_RESET_MINUTES },
  });
  await audit(deps, deps.db, { type: 'user.password_reset_requested', userId: row.id, ip: meta.ip });
  deps.kickWorker();
}

export async function isResetTokenValid(deps: AppDeps, token: string): Promise<boolean> {
  return (await peekEmailToken(deps.db, sha256(token), 'reset_password', deps.clock.now().toISOString())) !== undefined;
}

/** A reset proves control of the mailbox: it also verifies the address and ends every session and API token. */
export async function resetPassword(
  deps: AppDeps,
  token: string,
  password: string,
  meta: RequestMeta,
): Promise<Result<object, 'invalid_token' | Exclude<PasswordProblem, null>>> {
  const nowIso = deps.clock.now().toISOString();
  const userId = await peekEmailToken(deps.db, sha256(token), 'reset_password', nowIso);
  const row = userId ? await findUserRowById(deps.db, userId) : undefined;
  if (!row) return { ok: false, error: 'invalid_token' };
  const problem = passwordProblem(password, row.email, deps.commonPasswords);
  if (problem) return { ok: false, error: problem };
  if (!(await consumeEmailToken(deps.db, sha256(token), 'reset_password', nowIso))) return { ok: false, error: 'invalid_token' };
  await updateUser(deps.db, row.id, { password_hash: await hashPassword(password), email_verified_at: row.email_verified_at ?? nowIso });
  await invalidateEmailTokens(deps.db, row.id, 'reset_password', nowIso);
  await revokeAllSessions(deps.db, row.id, nowIso);
  await audit(deps, deps.db, { type: 'user.password_changed', userId: row.id, ip: meta.ip, detail: { via: 'reset' } });
  await audit(deps, deps.db, { type: 'user.sessions_revoked', userId: row.id, ip: meta.ip, detail: { reason: 'password_reset' } });
  // Whoever made a token while holding the old password keeps no way in (OWASP ASVS 4.0.3 §3.3.3).
  await endAllApiTokens(deps, row.id, 'password_reset', meta);
  return { ok: true };
}

/**
 * Changing the password needs the current one; every other session ends (a thief's session would too), and so do
 * the API tokens unless the owner chose to keep them (OWASP ASVS 4.0.3 §3.3.3: offer to end them, default yes).
 */
export async function changePassword(
  deps: AppDeps,
  userId: string,
  currentSessionId: string,
  current: string,
  next: string,
  meta: RequestMeta,
  opts: { keepTokens: boolean } = { keepTokens: false },
): Promise<Result<object, 'invalid_password' | 'rate_limited' | Exclude<PasswordProblem, null>>> {
  const limited = await consume(deps, [{ key: `password-change:${userId}`, max: 10, windowMs: HOUR }]);
  if (!limited.allowed) return { ok: false, error: 'rate_limited' };
  const row = await findUserRowById(deps.db, userId);
  if (!row || !(await verifyPassword(row.password_hash, current))) return { ok: false, error: 'invalid_password' };
  const problem = passwordProblem(next, row.email, deps.commonPasswords);
  if (problem) return { ok: false, error: problem };
  const now = deps.clock.now().toISOString();
  await updateUser(deps.db, userId, { password_hash: await hashPassword(next) });
  const ended = await revokeAllSessions(deps.db, userId, now, currentSessionId);
  await invalidateEmailTokens(deps.db, userId, 'reset_password', now);
  await audit(deps, deps.db, { type: 'user.password_changed', userId, ip: meta.ip, detail: { via: 'settings', sessionsEnded: ended } });
  if (!opts.keepTokens) await endAllApiTokens(deps, userId, 'password_change', meta);
  return { ok: true };
}
