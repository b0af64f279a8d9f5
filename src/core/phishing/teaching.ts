/**
 * What the landing and teaching pages need from a phishing template (content/phishing/templates/<id>.json, format in
 * the shared contract; the full validator is src/core/phishing/templates.ts). Kept to the fields these pages show, so
 * the pages work with any valid template and, when a template is missing, fall back to general signs. Pure.
 */
import { LOCALES, type Locale } from '../locale.ts';

export const SIGN_PARTS = ['sender', 'subject', 'body', 'link', 'attachment'] as const;
export type SignPart = (typeof SIGN_PARTS)[number];
export type LandingKind = 'login' | 'payment' | 'none';

export interface TeachingText {
  senderName: string;
  senderLocal: string;
  subject: string;
  body: string[];
  button: string;
  landingTitle: string;
  landingIntro: string;
  signs: { part: SignPart; text: string }[];
}

export interface TeachingTemplate {
  id: string;
  landing: LandingKind;
  i18n: Record<Locale, TeachingText>;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Reads one template file's teaching fields; throws with the file's id and the field when something is missing. */
export function readTeachingTemplate(input: unknown): TeachingTemplate {
  const o = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const id = isStr(o.id) ? o.id : '?';
  const fail = (why: string): never => {
    throw new Error(`phishing template ${id}: ${why}`);
  };
  if (!isStr(o.id) || !/^[a-z0-9-]+$/.test(o.id)) fail('id must be lower-case letters, digits and dashes');
  if (o.landing !== 'login' && o.landing !== 'payment' && o.landing !== 'none') fail('landing must be login, payment or none');
  const i18n = (o.i18n ?? {}) as Record<string, unknown>;
  const out = {} as Record<Locale, TeachingText>;
  for (const l of LOCALES) {
    const t = (i18n[l] ?? fail(`missing language ${l}`)) as Record<string, unknown>;
    for (const k of ['senderName', 'senderLocal', 'subject', 'button', 'landingTitle', 'landingIntro'] as const) if (!isStr(t[k])) fail(`${l}.${k} is missing`);
    if (!Array.isArray(t.body) || t.body.length === 0 || !t.body.every(isStr)) fail(`${l}.body must be a list of paragraphs`);
    if (!Array.isArray(t.signs) || t.signs.length === 0) fail(`${l}.signs must list the signs to notice`);
    const signs = (t.signs as { part?: unknown; text?: unknown }[]).map((s) => {
      if (!SIGN_PARTS.includes(s.part as SignPart) || !isStr(s.text)) fail(`${l}.signs: each sign needs a part (${SIGN_PARTS.join(', ')}) and a text`);
      return { part: s.part as SignPart, text: s.text as string };
    });
    out[l] = { senderName: t.senderName as string, senderLocal: t.senderLocal as string, subject: t.subject as string, body: t.body as string[], button: t.button as string, landingTitle: t.landingTitle as string, landingIntro: t.landingIntro as string, signs };
  }
  return { id: o.id as string, landing: o.landing as LandingKind, i18n: out };
}

/** Fills {{firstName}} and {{company}}; any other braces are left as they are (templates never contain URLs). */
export function fillPlaceholders(text: string, values: { firstName: string; company: string }): string {
  return text.replace(/\{\{\s*(firstName|company)\s*\}\}/g, (_m, k: 'firstName' | 'company') => values[k]);
}

/** The first word of a display name, or a neutral word when there is none. */
export function firstNameOf(displayName: string | null, fallback: string): string {
  const first = (displayName ?? '').trim().split(/\s+/)[0];
  return first ? first : fallback;
}

/** The mail as its recipient saw it, with each template sign attached to the part it is about. */
export interface MarkedMail {
  senderName: string;
  senderLocal: string;
  subject: string;
  body: string[];
  button: string;
  signsByPart: Record<SignPart, string[]>;
}

export function markedMail(t: TeachingText, values: { firstName: string; company: string }): MarkedMail {
  const signsByPart = Object.fromEntries(SIGN_PARTS.map((p) => [p, [] as string[]])) as Record<SignPart, string[]>;
  for (const s of t.signs) signsByPart[s.part].push(s.text);
  return {
    senderName: t.senderName,
    senderLocal: t.senderLocal,
    subject: fillPlaceholders(t.subject, values),
    body: t.body.map((b) => fillPlaceholders(b, values)),
    button: t.button,
    signsByPart,
  };
}
