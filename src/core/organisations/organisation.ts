/**
 * Organisations: sector federations and trusted partners (accountancy firms, banks, insurers, telecom operators,
 * IT providers) as tenants. Pure rules: kinds, staff roles and what each may do, the sectors a federation covers,
 * and the reading of a CSV of e-mail addresses. See docs/organisations.md (who sees what).
 */
import { LOCALES, type Locale } from '../locale.ts';

export const ORG_KINDS = ['federation', 'accountant', 'bank', 'insurer', 'telecom', 'it_provider'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_ROLES = ['org_owner', 'org_admin', 'org_viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

/**
 * 'manage_profile': an IT provider's directory profile and certification claims; 'work_plans': mark items of a plan a
 * company shared with the provider as done (issue 12). Viewers only read.
 */
export type OrgAction = 'view' | 'manage_members' | 'announce' | 'manage_staff' | 'manage_profile' | 'work_plans';

const ORG_PERMISSIONS: Record<OrgRole, readonly OrgAction[]> = {
  org_owner: ['view', 'manage_members', 'announce', 'manage_staff', 'manage_profile', 'work_plans'],
  org_admin: ['view', 'manage_members', 'announce', 'manage_profile', 'work_plans'],
  org_viewer: ['view'],
};

export function orgCan(role: OrgRole | null, action: OrgAction): boolean {
  return role !== null && ORG_PERMISSIONS[role].includes(action);
}

export function isOrgRole(v: unknown): v is OrgRole {
  return typeof v === 'string' && (ORG_ROLES as readonly string[]).includes(v);
}

export function isOrgKind(v: unknown): v is OrgKind {
  return typeof v === 'string' && (ORG_KINDS as readonly string[]).includes(v);
}

/** The one scope a company can grant: its assessment answers and scores, shown to the organisation's staff. */
export const GRANT_SCOPES = ['assessment_answers'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

/** How long a join link or an e-mailed join invitation stays valid. */
export const JOIN_LINK_DAYS = 30;
/** The largest CSV the organisation may send in one go (each line is a mail from our domain). */
export const CSV_MAX_ROWS = 200;

/**
 * The sectors a federation covers, typed as NACE-BEL codes: sections ('G') or divisions ('47'), separated by
 * commas or spaces. Returns null when any item is not such a code.
 */
export function parseSectors(input: string): string[] | null {
  const items = input
    .split(/[\s,;]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  if (items.length === 0 || items.length > 30) return null;
  // NACE Rev. 2 sections A–U; divisions are two digits 01–99 (Regulation (EC) No 1893/2006, Annex I).
  if (!items.every((s) => /^[A-U]$/.test(s) || /^(0[1-9]|[1-9][0-9])$/.test(s))) return null;
  return [...new Set(items)];
}

export interface CsvRow {
  email: string;
  language: Locale | null;
}
export interface CsvProblem {
  line: number;
  problem: 'email' | 'language' | 'duplicate' | 'too_many';
}

const EMAIL = /^[^\s@,;"<>]+@[^\s@,;"<>]+\.[^\s@,;"<>]+$/;

/**
 * Reads a CSV of invitations: one e-mail address per line, optionally followed by a language (nl, fr, de, en).
 * A first line "email[,language]" is a header. Either every line is right and all rows come back, or the
 * problems come back by line number and nothing is to be imported (no half imports).
 */
export function parseInvitationCsv(text: string): { ok: true; rows: CsvRow[] } | { ok: false; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const rows: CsvRow[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cells = raw.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
    if (cells.every((c) => c === '')) return;
    if (i === 0 && /^e-?mail/i.test(cells[0] ?? '')) return;
    const email = (cells[0] ?? '').toLowerCase();
    const lang = (cells[1] ?? '').toLowerCase();
    if (!EMAIL.test(email) || email.length > 254) return void problems.push({ line, problem: 'email' });
    if (lang !== '' && !(LOCALES as readonly string[]).includes(lang)) return void problems.push({ line, problem: 'language' });
    if (seen.has(email)) return void problems.push({ line, problem: 'duplicate' });
    seen.add(email);
    rows.push({ email, language: lang === '' ? null : (lang as Locale) });
  });
  if (rows.length > CSV_MAX_ROWS) problems.push({ line: lines.length, problem: 'too_many' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows };
}

export type AnnouncementTexts = Partial<Record<Locale, { title: string; body: string }>>;

/** The announcement in the reader's language, else in the first language it was written in. */
export function announcementIn(texts: AnnouncementTexts, locale: Locale): { title: string; body: string; locale: Locale } | null {
  const own = texts[locale];
  if (own) return { ...own, locale };
  for (const l of LOCALES) {
    const t = texts[l];
    if (t) return { ...t, locale: l };
  }
  return null;
}
