/**
 * Password rules after NIST SP 800-63B §3.1.1.2: length over composition rules, and a block list of
 * passwords known from breaches or easy to guess. No forced rotation, no character-class rules.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email' | null;

export function passwordProblem(password: string, email: string, commonPasswords: ReadonlySet<string>): PasswordProblem {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  const local = email.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'contains_email';
  if (commonPasswords.has(lower)) return 'too_common';
  // A common word padded with digits or punctuation ("password2024!") is as weak as the word.
  const stripped = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (stripped.length < 4 || commonPasswords.has(stripped)) return 'too_common';
  // One character repeated or a plain run ("aaaaaaaaaa", "1234567890").
  if (new Set(lower).size <= 2) return 'too_common';
  return null;
}
