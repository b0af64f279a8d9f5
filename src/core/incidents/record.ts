/** An incident as Schild keeps it: coded facts and triage, private free text, status rules, and exports. */
import { addMonthsBrussels } from './time.ts';
import type { Facts, Triage } from './triage.ts';

export const STATUSES = ['suspected', 'confirmed', 'closed', 'false_positive'] as const;
export type Status = (typeof STATUSES)[number];

/** Free text the owner adds; it never leaves the company unless the story consent is given (and then only `story`). */
export interface IncidentDetails {
  description: string;
  peopleAffected: string;
  dataTypes: string;
  consequences: string;
  measures: string;
  money: string;
  iocs: string;
  policyNumber: string;
  contact: string;
}

export const EMPTY_DETAILS: IncidentDetails = { description: '', peopleAffected: '', dataTypes: '', consequences: '', measures: '', money: '', iocs: '', policyNumber: '', contact: '' };

export interface IncidentRecord {
  id: string;
  companyId: string | null;
  lang: 'nl' | 'fr' | 'de' | 'en';
  facts: Facts;
  triage: Triage;
  status: Status;
  details: IncidentDetails;
  awareAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  lessons: string | null;
  statsConsent: boolean;
  storyConsent: boolean;
  story: string | null;
  ticks: { kind: 'obligation' | 'first_aid'; itemId: string; doneAt: string; reference: string | null }[];
  events: { id: number; kind: string; ref: string | null; text: string | null; createdAt: string }[];
  /** When an anonymous report's follow-up link stops working (null for a company's incident). */
  followLinkExpiresAt: string | null;
}

const NEXT: Record<Status, readonly Status[]> = {
  suspected: ['confirmed', 'false_positive', 'closed'],
  confirmed: ['closed', 'false_positive'],
  closed: [],
  false_positive: [],
};

export function canMoveTo(from: Status, to: Status): boolean {
  return NEXT[from].includes(to);
}

/**
 * When an anonymous report's private follow-up link stops working: a leaked link must not open the report forever
 * (OWASP ASVS 4.0.3 V3.3: tokens expire). Reports saved before expiry was stored count from their creation.
 */
export function followLinkExpiry(r: Pick<IncidentRecord, 'createdAt' | 'followLinkExpiresAt'>, ttlMonths: number): string {
  return r.followLinkExpiresAt ?? addMonthsBrussels(new Date(r.createdAt), ttlMonths).toISOString();
}

export function followLinkExpired(r: Pick<IncidentRecord, 'createdAt' | 'followLinkExpiresAt'>, ttlMonths: number, now: Date): boolean {
  return new Date(followLinkExpiry(r, ttlMonths)).getTime() <= now.getTime();
}

/** Time left until a deadline, in whole minutes (negative when overdue). */
export function minutesLeft(dueAt: string, now: Date): number {
  return Math.floor((new Date(dueAt).getTime() - now.getTime()) / 60_000);
}

const THREAT_LEVEL: Record<Triage['severity'], number> = { critical: 1, high: 1, medium: 2, low: 3 };

/** A MISP attribute type with a category that MISP accepts for it (MISP describeTypes.json, category_type_mappings). */
export interface MispTyped {
  type: string;
  category: string;
}

/** The VERIS machine tag of the MISP "veris" taxonomy, e.g. veris:action:social:variety="Phishing". */
export function verisTag(t: Triage): string | null {
  const v = t.veris as Partial<Triage['veris']>;
  if (!v?.action || !v.variety) return null;
  return `veris:action:${v.action}:variety="${v.variety}"`;
}

/**
 * The incident as a MISP event (MISP core format, draft-dulaunoy-misp-core-format): coded classification as tags of
 * MISP's own taxonomies (rsit:, veris:, tlp:), the date, and only the indicators the owner listed, each with a
 * type/category pair MISP accepts. Free-text description is left out unless the owner asked for it.
 */
export function toMispEvent(r: IncidentRecord, opts: { includeDescription: boolean }) {
  const veris = verisTag(r.triage);
  const tags = [...r.triage.rsit.map((p) => ({ name: `rsit:${p.class}="${p.type}"` })), { name: 'tlp:amber' }, ...(veris ? [{ name: veris }] : [])];
  const attributes = r.details.iocs
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length < 500)
    .slice(0, 100)
    .map((value) => ({ ...iocType(value), value, to_ids: false }));
  return {
    Event: {
      uuid: r.id,
      info: `Schild incident report (${r.triage.category})${opts.includeDescription && r.details.description ? `: ${r.details.description.slice(0, 200)}` : ''}`,
      date: r.awareAt.slice(0, 10),
      threat_level_id: String(THREAT_LEVEL[r.triage.severity]),
      analysis: r.status === 'closed' ? '2' : '1',
      distribution: '0',
      Tag: tags,
      Attribute: attributes,
    },
  };
}

/** ISO 13616 check digits (mod 97 = 1), so a random code is not exported as an IBAN. */
function isIban(v: string): boolean {
  const s = v.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const digits = (s.slice(4) + s.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1;
}

/** What kind of clue a line is, as a MISP type in a category MISP accepts for that type. */
export function iocType(v: string): MispTyped {
  if (/^https?:\/\//i.test(v)) return { type: 'url', category: 'Network activity' };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return { type: 'email-src', category: 'Payload delivery' };
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v) || /^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$/i.test(v)) return { type: 'ip-dst', category: 'Network activity' };
  if (/^[a-f0-9]{32}$|^[a-f0-9]{40}$|^[a-f0-9]{64}$/i.test(v)) return { type: v.length === 32 ? 'md5' : v.length === 40 ? 'sha1' : 'sha256', category: 'Payload delivery' };
  if (isIban(v)) return { type: 'iban', category: 'Financial fraud' };
  if (/^\+?[\d\s/.-]{6,20}$/.test(v) && /\d{6}/.test(v.replace(/\D/g, ''))) return { type: 'phone-number', category: 'Other' };
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v)) return { type: 'domain', category: 'Network activity' };
  return { type: 'text', category: 'Other' };
}
