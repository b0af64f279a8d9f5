/**
 * Phishing simulation templates (content/phishing/templates/<id>.json, format in the issue 10 shared contract).
 * Validated at start-up: a broken file stops the start instead of sending a broken mail. Pure.
 */
import { LOCALES, type Locale } from '../locale.ts';

export const SCENARIOS = [
  'parcel',
  'supplier-invoice-iban',
  'itsme-bank',
  'tax-administration',
  'm365-password',
  'shared-document',
  'ceo-transfer',
  'webshop-order',
  'social-security',
  'energy-supplier',
  'voicemail',
  'qr-code',
] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const SIGN_PARTS = ['sender', 'subject', 'body', 'link', 'attachment'] as const;
export type SignPart = (typeof SIGN_PARTS)[number];
export const LANDINGS = ['login', 'payment', 'none'] as const;

export interface TemplateText {
  senderName: string;
  senderLocal: string;
  subject: string;
  body: string[];
  button: string;
  landingTitle: string;
  landingIntro: string;
  signs: { part: SignPart; text: string }[];
}

export interface PhishingTemplate {
  id: string;
  scenario: Scenario;
  difficulty: 1 | 2 | 3;
  landing: (typeof LANDINGS)[number];
  qr: boolean;
  review: { date: string; sources: string[] };
  i18n: Record<Locale, TemplateText>;
}

export const PLACEHOLDERS = ['firstName', 'company'] as const;
// The link is the button: a URL written in the text would be a second, untracked way out of the mail.
const URL_LIKE = /(https?:\/\/|www\.)/i;

function fail(id: string, msg: string): never {
  throw new Error(`phishing template ${id}: ${msg}`);
}

function text(id: string, where: string, v: unknown, max = 2000): string {
  if (typeof v !== 'string' || !v.trim() || v.length > max) fail(id, `${where} must be a non-empty text of at most ${max} characters`);
  return v;
}

function checkPlaceholders(id: string, where: string, s: string): void {
  for (const m of s.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) fail(id, `${where} uses unknown placeholder {{${m[1]}}}`);
  }
  if (URL_LIKE.test(s)) fail(id, `${where} contains a URL; the button is the only link`);
}

/** Validates one template file's parsed JSON; `fileId` is the file name without .json and must equal `id`. */
export function validateTemplate(input: unknown, fileId?: string): PhishingTemplate {
  const o = input as Record<string, unknown> | null;
  const id = typeof o?.id === 'string' ? o.id : (fileId ?? '?');
  if (!o || typeof o !== 'object') fail(id, 'expected an object');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(id, 'id must be kebab-case');
  if (fileId !== undefined && fileId !== id) fail(id, `id does not match its file name ${fileId}.json`);
  if (!(SCENARIOS as readonly unknown[]).includes(o.scenario)) fail(id, `unknown scenario ${String(o.scenario)}`);
  if (o.difficulty !== 1 && o.difficulty !== 2 && o.difficulty !== 3) fail(id, 'difficulty must be 1, 2 or 3');
  if (!(LANDINGS as readonly unknown[]).includes(o.landing)) fail(id, 'landing must be login, payment or none');
  if (typeof o.qr !== 'boolean') fail(id, 'qr must be true or false');
  const review = o.review as { date?: unknown; sources?: unknown } | undefined;
  if (!review || typeof review.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(review.date) || Number.isNaN(Date.parse(review.date))) fail(id, 'review.date must be YYYY-MM-DD');
  if (!Array.isArray(review.sources) || review.sources.length === 0) fail(id, 'review.sources must list where the lure is documented');
  const sources = review.sources.map((s, i) => text(id, `review.sources[${i}]`, s, 1000));
  const i18n = o.i18n as Record<string, unknown> | undefined;
  if (!i18n || typeof i18n !== 'object') fail(id, 'i18n is required');
  for (const k of Object.keys(i18n)) if (!(LOCALES as readonly string[]).includes(k)) fail(id, `unknown language ${k}`);
  const out = {} as Record<Locale, TemplateText>;
  for (const lang of LOCALES) {
    const t = i18n[lang] as Record<string, unknown> | undefined;
    if (!t || typeof t !== 'object') fail(id, `missing language ${lang}`);
    const at = (f: string) => `${lang}.${f}`;
    const senderLocal = text(id, at('senderLocal'), t.senderLocal, 64);
    // The local part of the sender address (RFC 5322 dot-atom), so the From header can be built from it safely.
    if (!/^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$/.test(senderLocal)) fail(id, `${at('senderLocal')} must be letters, digits, dots, dashes or underscores`);
    const subject = text(id, at('subject'), t.subject, 200);
    checkPlaceholders(id, at('subject'), subject);
    if (!Array.isArray(t.body) || t.body.length === 0) fail(id, `${at('body')} must be a list of paragraphs`);
    const body = t.body.map((p, i) => {
      const s = text(id, `${at('body')}[${i}]`, p);
      checkPlaceholders(id, `${at('body')}[${i}]`, s);
      return s;
    });
    if (!Array.isArray(t.signs) || t.signs.length === 0) fail(id, `${at('signs')} must list what to notice`);
    const signs = t.signs.map((s: unknown, i: number) => {
      const sign = s as { part?: unknown; text?: unknown };
      if (!(SIGN_PARTS as readonly unknown[]).includes(sign?.part)) fail(id, `${at('signs')}[${i}].part must be one of ${SIGN_PARTS.join(', ')}`);
      return { part: sign.part as SignPart, text: text(id, `${at('signs')}[${i}].text`, sign.text, 1000) };
    });
    out[lang] = {
      senderName: text(id, at('senderName'), t.senderName, 100),
      senderLocal,
      subject,
      body,
      button: text(id, at('button'), t.button, 80),
      landingTitle: text(id, at('landingTitle'), t.landingTitle, 200),
      landingIntro: text(id, at('landingIntro'), t.landingIntro, 1000),
      signs,
    };
  }
  return { id, scenario: o.scenario as Scenario, difficulty: o.difficulty, landing: o.landing as PhishingTemplate['landing'], qr: o.qr, review: { date: review.date, sources }, i18n: out };
}

/** Validates a set of template files (id → parsed JSON); ids are unique by construction of the file names. */
export function validateTemplates(files: { fileId: string; json: unknown }[]): ReadonlyMap<string, PhishingTemplate> {
  const map = new Map<string, PhishingTemplate>();
  for (const f of files) map.set(f.fileId, validateTemplate(f.json, f.fileId));
  return map;
}
