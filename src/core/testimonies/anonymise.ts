/**
 * The anonymisation check a testimony passes before it is stored, and again on the administrator's edit before it is
 * published: it finds what could point to the company or to a person, so a story cannot name its teller. A story is
 * personal data as long as someone can be identified from it, directly or indirectly (GDPR Art. 4(1), recital 26);
 * published stories must not be (docs/testimonies.md). Pure: the caller passes the company's own names.
 *
 * What counts, in the order it is reported when two overlap (an address's domain is reported as the address):
 * e-mail addresses, the company's domains, other web addresses (with or without https:// or www.), IBANs
 * (ISO 13616), Belgian enterprise numbers, phone numbers (Belgian +32 / 0032 / 0x forms and other international
 * numbers), the company's name (the whole name, with or without its legal form, and its distinctive words) and the
 * names of people in the company (members and staff list).
 */
import { parse } from 'tldts';
import { parseEnterpriseNumber } from '../enterprise-number.ts';

export const FINDING_KINDS = ['email', 'domain', 'url', 'iban', 'enterprise_number', 'phone', 'company_name', 'person_name'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** The text as written (at most 60 characters), so the writer sees what to change. */
  found: string;
  start: number;
  end: number;
}

/** What the company is known by: checked on top of the general patterns. */
export interface IdentifyingContext {
  companyName: string;
  domains: readonly string[];
  /** Display names of members and of the staff list. */
  people: readonly string[];
}

const ALNUM = '[\\p{L}\\p{N}]';
const NOT_BEFORE = `(?<!${ALNUM})`;
const NOT_AFTER = `(?!${ALNUM})`;

/** Legal forms and words every business name shares: they identify nobody, so they are not checked on their own. */
const GENERIC_NAME_WORDS = new Set(
  [
    'bvba', 'comm', 'commv', 'cvba', 'scrl', 'sprl', 'asbl', 'gmbh', 'sarl', 'eurl',
    'bakkerij', 'boulangerie', 'bäckerei', 'bakery', 'slagerij', 'boucherie', 'metzgerei', 'butcher',
    'garage', 'kapsalon', 'salon', 'coiffure', 'friseur', 'kapper', 'boekhouding', 'boekhoudkantoor', 'comptabilité',
    'fiduciaire', 'buchhaltung', 'accounting', 'accountancy', 'consult', 'consulting', 'conseil', 'advies', 'beratung',
    'services', 'service', 'diensten', 'solutions', 'group', 'groep', 'groupe', 'gruppe', 'company', 'compagnie',
    'firma', 'bedrijf', 'entreprise', 'unternehmen', 'shop', 'winkel', 'magasin', 'laden', 'store', 'trading',
    'handel', 'commerce', 'immo', 'bouw', 'construction', 'transport', 'transports', 'logistics', 'logistiek',
    'studio', 'atelier', 'praktijk', 'cabinet', 'praxis', 'clinic', 'kliniek', 'apotheek', 'pharmacie', 'apotheke',
    'pharmacy', 'restaurant', 'café', 'brasserie', 'hotel', 'taverne', 'belgium', 'belgië', 'belgique', 'belgien',
  ].map((w) => fold(w)),
);

/** Legal forms written after a name (Peeters BV, Dupont SRL): the name is checked with and without them. */
const LEGAL_FORMS = new Set(['bv', 'nv', 'bvba', 'vof', 'cv', 'cvba', 'commv', 'sa', 'srl', 'sprl', 'scrl', 'sc', 'asbl', 'vzw', 'gmbh', 'ag', 'kg', 'ltd', 'inc', 'sarl', 'eurl', 'sas', 'llc', 'plc']);

/** Name particles (De Smet, van den Berg, Le Grand): ordinary words on their own. */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'het', 'ter', 'ten', 'de', 'le', 'la', 'les', 'du', 'des', 'di', 'da', 'dos', 'del', 'vander', 'vanden', 'op', 'zu', 'dit']);

/**
 * Top-level domains that are also common file extensions (report.zip, notes.md, clip.mov): a file name in a story is
 * not a web address. Other bare names with a public suffix (peeters.be, fake-bank.com) are.
 */
const FILE_EXTENSION_TLDS = new Set(['zip', 'mov', 'md', 'sh', 'py', 'rs', 'ps', 'one', 'cab']);

/** Lower case without accents, one UTF-16 unit per unit, so positions in the folded text are positions in the text. */
function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    out += base.length === ch.length ? base : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phrase matched on whole words, accents and case ignored, any run of spaces between its words. */
function phraseRe(phrase: string): RegExp {
  const words = fold(phrase).trim().split(/\s+/u).map(escapeRe);
  return new RegExp(`${NOT_BEFORE}${words.join('[\\s\\u00a0]+')}${NOT_AFTER}`, 'gu');
}

function excerpt(text: string, start: number, end: number): string {
  const s = text.slice(start, end);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

function findAll(text: string, re: RegExp, kind: FindingKind, accept: (m: RegExpExecArray) => boolean = () => true): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(re)) {
    if (!accept(m)) continue;
    const start = m.index;
    out.push({ kind, found: excerpt(text, start, start + m[0].length), start, end: start + m[0].length });
  }
  return out;
}

function emails(text: string): Finding[] {
  return findAll(text, /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, 'email');
}

function urls(text: string): Finding[] {
  const trim = (f: Finding): Finding => {
    const m = /[.,;:!?)\]»”“'’]+$/u.exec(f.found);
    return m ? { ...f, found: f.found.slice(0, -m[0].length), end: f.end - m[0].length } : f;
  };
  const explicit = findAll(text, /(?:https?:\/\/|www\.)[^\s<>"“”«»]+/giu, 'url').map(trim);
  // A bare host name: labels of letters, digits and hyphens, ending in a lower-case public suffix.
  const bare = findAll(text, new RegExp(`(?<![\\p{L}\\p{N}@.-])(?:${ALNUM}(?:[\\p{L}\\p{N}-]*${ALNUM})?\\.)+[a-z]{2,24}(?![\\p{L}\\p{N}@-])(?:/[^\\s]*)?`, 'gu'), 'url', (m) => {
    const host = m[0].split('/')[0]!;
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (FILE_EXTENSION_TLDS.has(tld)) return false;
    const p = parse(host, { allowPrivateDomains: false });
    return p.isIcann === true && p.domain !== null;
  }).map(trim);
  return [...explicit, ...bare];
}

/** ISO 13616 check: the first four characters moved to the end, letters as 10–35, the number mod 97 is 1. */
export function ibanChecksumValid(compact: string): boolean {
  const s = (compact.slice(4) + compact.slice(0, 4)).toUpperCase();
  let rest = 0;
  for (const ch of s) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of v) rest = (rest * 10 + Number(d)) % 97;
  }
  return rest === 1;
}

function ibans(text: string): Finding[] {
  const out: Finding[] = [];
  const re = new RegExp(`${NOT_BEFORE}[A-Za-z]{2}\\d{2}(?:[ \\u00a0]?[A-Za-z0-9]{1,4}){2,8}`, 'gu');
  for (const m of text.matchAll(re)) {
    // Which characters of the match are part of the number, and where each sits in the text.
    const positions: number[] = [];
    for (let i = 0; i < m[0].length; i++) if (/[A-Za-z0-9]/.test(m[0][i]!)) positions.push(m.index + i);
    const compact = positions.map((p) => text[p]!).join('');
    for (let len = Math.min(34, compact.length); len >= 15; len--) {
      const end = positions[len - 1]! + 1;
      if (/[\p{L}\p{N}]/u.test(text[end] ?? '')) continue;
      const candidate = compact.slice(0, len);
      // A Belgian IBAN is BE, two check digits and twelve digits; even mistyped it points to one account holder.
      const belgian = /^BE\d{14}$/i.test(candidate);
      if (belgian || (/^[A-Z]{2}\d{2}/.test(candidate) && ibanChecksumValid(candidate))) {
        out.push({ kind: 'iban', found: excerpt(text, m.index, end), start: m.index, end });
        break;
      }
    }
  }
  return out;
}

function enterpriseNumbers(text: string): Finding[] {
  const re = new RegExp(`${NOT_BEFORE}(?:BE[ \\u00a0]?)?[01]\\d{3}[. \\u00a0]?\\d{3}[. \\u00a0]?\\d{3}${NOT_AFTER}`, 'giu');
  // A valid check number, the KBO/BCE written form 0123.456.789 or a BE prefix: an enterprise number, even mistyped.
  return findAll(text, re, 'enterprise_number', (m) => parseEnterpriseNumber(m[0]).ok || /^\d{4}\.\d{3}\.\d{3}$/.test(m[0]) || /^BE/i.test(m[0]));
}

/**
 * Phone numbers as Belgians write them (Belgian numbering plan, BIPT): +32 or 0032 then 8 digits (fixed) or 9 (mobile,
 * 4xx), an optional "(0)"; nationally 0 then 8 digits in 2- or 3-digit area groups (02 123 45 67, 04 223 45 67,
 * 050/12.34.56) or 04xx then 6 (0470 12 34 56). Other countries: + or 00 and 8 to 15 digits (ITU-T E.164). Dates (04.12.2026) are
 * not phone numbers: their groups do not fit.
 */
export function looksLikePhone(raw: string): boolean {
  const international = /^(?:\+|00)/.test(raw);
  const groups = raw
    .replace(/\(0\)/, ' ')
    .replace(/^(?:\+|00)/, '')
    .split(/[\s\u00a0./()-]+/u)
    .filter(Boolean);
  const digits = groups.join('');
  if (!/^\d+$/.test(digits)) return false;
  if (international) {
    if (digits.startsWith('32')) return digits.length === 10 || digits.length === 11;
    return digits.length >= 8 && digits.length <= 15;
  }
  if (!digits.startsWith('0') || groups.some((g) => g.length < 2)) return false;
  if (digits.length === 10 && digits.startsWith('04')) return groups.length === 1 || groups[0]!.length === 4;
  // Nine digits: a fixed line (02 Brussels, 04 Liège, 050 Bruges …); mobiles (046–049) have ten.
  if (digits.length === 9) {
    return groups.length === 1 || ((groups[0]!.length === 2 || groups[0]!.length === 3) && groups.slice(1).every((g) => g.length <= 3));
  }
  return false;
}

function phones(text: string): Finding[] {
  const out: Finding[] = [];
  const re = /(?<![\p{L}\p{N}+])(?:\+|00)?\d[\d \u00a0./()-]{5,24}\d(?![\p{L}\p{N}])/gu;
  for (const m of text.matchAll(re)) {
    // The longest start of the run that is a phone number ("0470 12 34 56 2 times" is the number, then "2").
    const cuts = [...m[0].matchAll(/\d(?=[^\d]|$)/g)].map((c) => c.index + 1).reverse();
    for (const cut of cuts) {
      if (looksLikePhone(m[0].slice(0, cut))) {
        out.push({ kind: 'phone', found: excerpt(text, m.index, m.index + cut), start: m.index, end: m.index + cut });
        break;
      }
    }
  }
  return out;
}

function domains(text: string, folded: string, list: readonly string[]): Finding[] {
  return list
    .filter((d) => d.includes('.'))
    .flatMap((d) => findAll(folded, new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRe(fold(d))}(?![\\p{L}\\p{N}-])`, 'gu'), 'domain'))
    .map((f) => ({ ...f, found: excerpt(text, f.start, f.end) }));
}

function companyNames(text: string, folded: string, name: string): Finding[] {
  const whole = name.trim();
  if (whole.length < 2) return [];
  const words = [...new Set(fold(whole).split(/[^\p{L}\p{N}]+/u))].filter((w) => [...w].length >= 4 && !/^\d+$/.test(w) && !GENERIC_NAME_WORDS.has(w));
  const parts = whole.split(/\s+/u);
  while (parts.length > 1 && LEGAL_FORMS.has(fold(parts[parts.length - 1]!).replace(/\./g, ''))) parts.pop();
  const withoutForm = parts.join(' ');
  return [phraseRe(whole), ...(withoutForm !== whole ? [phraseRe(withoutForm)] : []), ...words.map((w) => phraseRe(w))]
    .flatMap((re) => findAll(folded, re, 'company_name'))
    .map((f) => ({ ...f, found: excerpt(text, f.start, f.end) }));
}

function personNames(text: string, folded: string, people: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const person of people) {
    const name = person.trim();
    if (name.length < 3 || name.includes('@')) continue;
    out.push(...findAll(folded, phraseRe(name), 'person_name'));
    // A first or last name on its own counts when written as a name (capital first letter): "Jan", "Peeters".
    const parts = name.split(/[\s\u00a0-]+/u).filter((w) => [...w].length >= 3 && /^\p{L}/u.test(w) && !NAME_PARTICLES.has(fold(w)));
    for (const part of parts) out.push(...findAll(folded, phraseRe(part), 'person_name', (m) => /\p{Lu}/u.test(text[m.index] ?? '')));
  }
  return out.map((f) => ({ ...f, found: excerpt(text, f.start, f.end) }));
}

/**
 * Everything in `text` that could identify the company or a person, in the order it appears; where two findings
 * overlap, the more specific kind (earlier in FINDING_KINDS) is kept, and of one kind the longer.
 */
export function findIdentifying(input: string, ctx: IdentifyingContext): Finding[] {
  const text = input.normalize('NFC');
  const folded = fold(text);
  const all = [
    ...emails(text),
    ...urls(text),
    ...ibans(text),
    ...enterpriseNumbers(text),
    ...phones(text),
    ...domains(text, folded, ctx.domains),
    ...companyNames(text, folded, ctx.companyName),
    ...personNames(text, folded, ctx.people),
  ].sort((a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Finding[] = [];
  for (const f of all) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}
