import type { Locale } from '../core/locale.ts';

/** One message in all four languages. The type makes a missing language a compile error. */
export type Translations = Record<Locale, string>;

export function defineMessages<K extends string>(messages: Record<K, Translations>): Record<K, Translations> {
  return messages;
}
