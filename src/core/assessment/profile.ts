import type { Company, EmailProvider, PersonalDataKind, Region } from '../company-profile.ts';
import type { Condition } from './catalog.ts';

/** What the assessment needs to know about a company: the profile shape, `sector` = NACE-BEL division. */
export interface AssessmentProfile {
  sector: string;
  employees: number;
  website: boolean;
  webshop: boolean;
  email: EmailProvider;
  cardPayments: boolean;
  personalData: PersonalDataKind;
  remoteWork: boolean;
  itProvider: boolean;
  /** Optional: only used to list the support schemes that can pay for plan items (docs/support-schemes.md). */
  region?: Region | null;
}

export function profileFromCompany(c: Company): AssessmentProfile {
  return {
    sector: (c.naceCode ?? '00').slice(0, 2),
    employees: c.employees ?? 0,
    website: c.website,
    webshop: c.webshop,
    email: c.emailProvider,
    cardPayments: c.cardPayments,
    personalData: c.personalData,
    remoteWork: c.remoteWork,
    itProvider: c.itProvider,
    region: c.region,
  };
}

export function holds(condition: Condition | null, p: AssessmentProfile): boolean {
  if (condition === null) return true;
  if ('all' in condition) return condition.all.every((c) => holds(c, p));
  if ('any' in condition) return condition.any.some((c) => holds(c, p));
  if ('not' in condition) return !holds(condition.not, p);
  const value = p[condition.field];
  if (condition.eq !== undefined && value !== condition.eq) return false;
  // Compared as strings (a sector code may be written 69 or '69'); some() allocates no copy of the list per call.
  if (condition.in !== undefined) {
    const wanted = String(value);
    if (!condition.in.some((x) => String(x) === wanted)) return false;
  }
  if (condition.gte !== undefined && !(typeof value === 'number' && value >= condition.gte)) return false;
  if (condition.lte !== undefined && !(typeof value === 'number' && value <= condition.lte)) return false;
  return true;
}
