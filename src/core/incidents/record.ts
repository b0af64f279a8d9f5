/** An incident as Schild keeps it: coded facts and triage, private free text, status rules, and exports. */
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

/** Time left until a deadline, in whole minutes (negative when overdue). */
export function minutesLeft(dueAt: string, now: Date): number {
  return Math.floor((new Date(dueAt).getTime() - now.getTime()) / 60_000);
}

const THREAT_LEVEL: Record<Triage['severity'], number> = { critical: 1, high: 1, medium: 2, low: 3 };

/**
 * The incident as a MISP event (MISP core format): coded classification as tags (rsit:, tlp:), the date, and only
 * the indicators the owner listed. Free-text description is left out unless the owner asked for it.
 */
export function toMispEvent(r: IncidentRecord, opts: { includeDescription: boolean }) {
  const tags = [
    ...r.triage.rsit.map((p) => ({ name: `rsit:${p.class}="${p.type}"` })),
    { name: 'tlp:amber' },
    { name: `veris:action:${r.triage.veris.action}` },
  ];
  const attributes = r.details.iocs
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && s.length < 500)
    .slice(0, 100)
    .map((value) => ({ type: iocType(value), category: 'Network activity', value, to_ids: false }));
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

function iocType(v: string): string {
  if (/^https?:\/\//i.test(v)) return 'url';
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'email-src';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return 'ip-dst';
  if (/^[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}$/i.test(v.replace(/\s/g, '')) && /^[A-Z]{2}\d{2}/i.test(v)) return 'iban';
  if (/^[a-f0-9]{32}$|^[a-f0-9]{40}$|^[a-f0-9]{64}$/i.test(v)) return v.length === 32 ? 'md5' : v.length === 40 ? 'sha1' : 'sha256';
  if (/^\+?[\d\s/.-]{6,20}$/.test(v)) return 'phone-number';
  if (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(v)) return 'domain';
  return 'text';
}
