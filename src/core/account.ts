/** Accounts, sessions and tokens as domain values, free of storage details. */
import type { Locale } from './locale.ts';
import type { Role } from './company-profile.ts';

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  emailVerified: boolean;
  totpEnabled: boolean;
  isAdmin: boolean;
  createdAt: string;
}

export interface Session {
  id: string;
  userId: string;
  stage: 'mfa' | 'full';
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
}

export interface Membership {
  companyId: string;
  companyName: string;
  role: Role;
}

export const SESSION_IDLE_DAYS = 14;
export const SESSION_MFA_MINUTES = 10;
export const EMAIL_VERIFY_HOURS = 48;
export const PASSWORD_RESET_MINUTES = 60;
export const INVITATION_DAYS = 14;
export const RECOVERY_CODE_COUNT = 10;

export const API_SCOPES = ['profile:read', 'companies:read', 'companies:write', 'organisations:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** Recovery codes are shown grouped for reading ("abcd-efgh-ijkl") and compared without dashes or case. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * A key to type by hand, in blocks of four characters ("ABCD EFGH …"), as banks print an IBAN: easier to read off a
 * screen and to check. Authenticator apps ignore the spaces (RFC 4648 base32 has no space in its alphabet).
 */
export function groupInFours(key: string): string {
  return (key.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The recovery codes as a small text file to keep: one code a line, with a title line (CRLF, for every editor). */
export function recoveryCodesText(title: string, codes: readonly string[]): string {
  return [title, '', ...codes, ''].join('\r\n');
}

/** A short, human description of a browser from its User-Agent, for the sessions page. */
export function describeUserAgent(ua: string): string {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl|node|undici|python/i.test(ua)
            ? 'Script'
            : '?';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
