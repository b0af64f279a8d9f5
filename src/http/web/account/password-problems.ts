/** Why a new password was refused, as the message to show. */
import type { MessageKey } from '../../../i18n/index.ts';

export const PASSWORD_PROBLEM_KEYS: Record<string, MessageKey> = {
  too_short: 'auth.password.too_short',
  too_long: 'auth.password.too_long',
  too_common: 'auth.password.too_common',
  contains_email: 'auth.password.contains_email',
};
