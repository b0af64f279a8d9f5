/**
 * The staff list of a company (people who receive simulations and lessons without an account): one person's fields
 * checked, a CSV staff list parsed and checked in full, and pseudonym codes. Pure: values in, values out.
 */
import { isLocale, type Locale } from '../locale.ts';
import { domainOf, normaliseEmail, recipientRefusal, type PublicMailboxList } from './domain-rules.ts';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_NAME = 120;
export const MAX_GROUP = 60;

export type PersonProblem =
  | 'email_invalid'
  | 'domain_not_verified'
  | 'public_mailbox_domain'
  | 'language_invalid'
  | 'name_too_long'
  | 'group_too_long'
  | 'duplicate_in_file';

export type CsvProblem = PersonProblem | 'no_header' | 'no_email_column' | 'unknown_column' | 'wrong_column_count' | 'unclosed_quote' | 'too_many_rows' | 'no_rows';

export interface PersonInput {
  email: string;
  name: string | null;
  language: Locale;
  group: string;
}

export interface PersonRules {
  defaultLanguage: Locale;
  verifiedDomains: readonly string[];
  publicList: PublicMailboxList;
}

/** Checks one person's fields; the first problem found per field, so a form can show them all at once. */
export function checkPerson(raw: { email: string; name?: string | null; language?: string | null; group?: string | null }, rules: PersonRules): { ok: true; person: PersonInput } | { ok: false; problems: Partial<Record<'email' | 'name' | 'language' | 'group', PersonProblem>> } {
  const problems: Partial<Record<'email' | 'name' | 'language' | 'group', PersonProblem>> = {};
  const email = normaliseEmail(raw.email);
  if (!email) problems.email = 'email_invalid';
  else {
    const refusal = recipientRefusal(email, rules.verifiedDomains, rules.publicList);
    if (refusal === 'public_mailbox_domain' || refusal === 'domain_not_verified') problems.email = refusal;
  }
  const name = (raw.name ?? '').trim().replace(/\s+/g, ' ');
  if (name.length > MAX_NAME) problems.name = 'name_too_long';
  const lang = (raw.language ?? '').trim().toLowerCase();
  if (lang && !isLocale(lang)) problems.language = 'language_invalid';
  const group = (raw.group ?? '').trim().replace(/\s+/g, ' ');
  if (group.length > MAX_GROUP) problems.group = 'group_too_long';
  if (Object.keys(problems).length > 0 || !email) return { ok: false, problems };
  return { ok: true, person: { email, name: name || null, language: lang ? (lang as Locale) : rules.defaultLanguage, group } };
}

export interface CsvLineError {
  /** Line number in the file as a text editor counts it (the header is line 1). */
  line: number;
  problem: CsvProblem;
  /** The column the problem is in, when there is one. */
  column?: string;
}

const COLUMNS = ['email', 'name', 'language', 'group'] as const;
type Column = (typeof COLUMNS)[number];

/** Splits CSV text into records (RFC 4180 §2: quoted fields, "" for a quote, line breaks inside quotes). */
function records(text: string, sep: string): { fields: string[]; line: number }[] | { unclosedAt: number } {
  const out: { fields: string[]; line: number }[] = [];
  let line = 1;
  let start = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ fields, line: start });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) return { unclosedAt: start };
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    out.push({ fields, line: start });
  }
  return out;
}

/**
 * Parses a staff list: UTF-8 text with or without a byte-order mark, a header row naming the columns (email, name,
 * language, group in any order; only email is required), `;` or `,` as separator (Belgian spreadsheets save with
 * `;`). Every row is checked; any problem means nothing is imported, so the list never ends up half-loaded.
 */
export function parsePeopleCsv(input: string, rules: PersonRules): { ok: true; people: PersonInput[] } | { ok: false; errors: CsvLineError[] } {
  const text = input.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes(';') ? ';' : ',';
  const parsed = records(text, sep);
  if ('unclosedAt' in parsed) return { ok: false, errors: [{ line: parsed.unclosedAt, problem: 'unclosed_quote' }] };
  const recs = parsed.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const header = recs.shift();
  if (!header) return { ok: false, errors: [{ line: 1, problem: 'no_header' }] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const errors: CsvLineError[] = [];
  names.forEach((n) => {
    if (!(COLUMNS as readonly string[]).includes(n)) errors.push({ line: header.line, problem: 'unknown_column', column: n });
  });
  if (!names.includes('email')) errors.push({ line: header.line, problem: 'no_email_column' });
  if (errors.length > 0) return { ok: false, errors };
  if (recs.length === 0) return { ok: false, errors: [{ line: header.line + 1, problem: 'no_rows' }] };
  if (recs.length > MAX_IMPORT_ROWS) return { ok: false, errors: [{ line: recs[MAX_IMPORT_ROWS]!.line, problem: 'too_many_rows' }] };

  const people: PersonInput[] = [];
  const seen = new Map<string, number>();
  for (const r of recs) {
    if (r.fields.length !== names.length) {
      errors.push({ line: r.line, problem: 'wrong_column_count' });
      continue;
    }
    const get = (c: Column) => {
      const idx = names.indexOf(c);
      return idx < 0 ? '' : r.fields[idx]!;
    };
    const checked = checkPerson({ email: get('email'), name: get('name'), language: get('language'), group: get('group') }, rules);
    if (!checked.ok) {
      for (const [column, problem] of Object.entries(checked.problems)) errors.push({ line: r.line, problem, column });
      continue;
    }
    const key = checked.person.email.toLowerCase();
    if (seen.has(key)) {
      errors.push({ line: r.line, problem: 'duplicate_in_file', column: 'email' });
      continue;
    }
    seen.set(key, r.line);
    people.push(checked.person);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, people };
}

/** Case-insensitive key of an address, so "An@Firm.be" and "an@firm.be" are one person. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

export { domainOf };

// Crockford's base-32 alphabet without I, L, O, U: codes read aloud or copied by hand stay unambiguous.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A pseudonym code such as "P-4K7Q" from four random bytes (the caller draws them, so this stays pure). */
export function pseudonymFrom(bytes: Uint8Array): string {
  let code = '';
  for (let i = 0; i < 4; i++) code += CODE_ALPHABET[(bytes[i] ?? 0) % 32];
  return `P-${code}`;
}
