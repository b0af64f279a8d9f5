/**
 * Message catalogue and translator. Messages use {name} placeholders; values are inserted as plain text
 * (the JSX renderer escapes them).
 */
import type { Locale } from '../core/locale.ts';
import { catalog } from './catalog/index.ts';

export type MessageKey = keyof typeof catalog;
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return format(catalog[key][locale], params);
}

// One translator per language, made once: every request asks for one, and the catalogue is fixed at run time.
const translators = new Map<Locale, T>();

export function translator(locale: Locale): T {
  let t = translators.get(locale);
  if (!t) {
    const messages = catalog;
    t = (key, params) => format(messages[key][locale], params);
    translators.set(locale, t);
  }
  return t;
}

export function isMessageKey(key: string): key is MessageKey & string {
  return Object.prototype.hasOwnProperty.call(catalog, key);
}

export { catalog };
