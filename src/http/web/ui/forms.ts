/**
 * Form handling for server-rendered pages: zod schemas whose messages are catalogue keys, so a failed
 * form re-renders with translated, per-field messages and nothing is stored.
 */
import { z } from 'zod';
import { isMessageKey, type T } from '../../../i18n/index.ts';
import type { FieldErrors } from './components.tsx';

export function parseForm<S extends z.ZodType>(schema: S, body: unknown, t: T): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(body && typeof body === 'object' ? body : {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    if (errors[field]) continue;
    errors[field] = isMessageKey(issue.message) ? t(issue.message) : t('form.error.invalid');
  }
  return { ok: false, errors };
}

/** A single text field: must be a string (not an array from repeated fields), trimmed, bounded. */
export const text = (max: number, requiredKey: Parameters<T>[0] = 'form.error.required') =>
  z.string({ message: requiredKey }).trim().min(1, { message: requiredKey }).max(max, { message: 'form.error.too_long' });

export const optionalText = (max: number) =>
  z
    .string({ message: 'form.error.invalid' })
    .trim()
    .max(max, { message: 'form.error.too_long' })
    .optional()
    .transform((v) => (v ? v : undefined));

export const email = z
  .string({ message: 'form.error.email' })
  .trim()
  .max(254, { message: 'form.error.too_long' })
  .pipe(z.email({ message: 'form.error.email' }));

export const password = z.string({ message: 'form.error.required' }).min(1, { message: 'form.error.required' }).max(1024, { message: 'form.error.too_long' });

export const yesNo = (key: Parameters<T>[0] = 'form.error.choose') => z.enum(['yes', 'no'], { message: key }).transform((v) => v === 'yes');

export const choice = <const V extends readonly [string, ...string[]]>(values: V, key: Parameters<T>[0] = 'form.error.choose') =>
  z.enum(values, { message: key });

const NEXT_BASE = 'http://schild.invalid';

/**
 * Local pages only, so "next" cannot send a user to another site after log-in (open redirect, CWE-601). The value
 * is parsed as the browser would (WHATWG URL: backslashes count as slashes, tabs and newlines are dropped) and
 * rebuilt from its path and query, which the parser percent-encodes: the result only holds characters a
 * Location header may carry (RFC 9110 §5.5), so no input can make the redirect fail.
 */
export function safeNext(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  let url: URL;
  try {
    url = new URL(value, NEXT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== NEXT_BASE) return fallback;
  const local = url.pathname + url.search;
  if (!/^\/(nl|fr|de|en)\//.test(local) || local.startsWith('//') || !/^[\x21-\x7e]+$/.test(local) || local.length > 2000) return fallback;
  return local;
}
