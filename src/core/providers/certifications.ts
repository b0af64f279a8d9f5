/**
 * Certifications and labels an IT provider declares (issue 12). A claim starts 'pending'; a platform administrator
 * checks the evidence and verifies or rejects it; the provider may withdraw it. The directory shows a claim as verified
 * only while it is verified AND not past its end date; everything else is "declared by the provider, not checked".
 * Facts on each kind: docs/providers.md (sources listed in CERTIFICATION_KINDS below; reviewed 2026-12-06).
 */
import { isHttpsUrl } from './profile.ts';

export const CERTIFICATION_KINDS = ['cyfun_basic', 'cyfun_important', 'cyfun_essential', 'iso27001', 'keep_it_secure', 'kmo_portefeuille', 'cyber_essentials', 'other'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const CLAIM_STATUSES = ['pending', 'verified', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** How the kind is obtained, which decides the words the page uses ("verified by", "certified by", "registered by"). */
export type Assurance = 'verification' | 'certification' | 'registration' | 'label';

export interface KindInfo {
  assurance: Assurance;
  /** Where the explanation shown to owners comes from (URLs from /work/shared/reference, section 1 and 2). */
  sources: { title: string; url: string }[];
}

export const KIND_REVIEW_DATE = '2026-12-06';

const CYFUN_FAQ = { title: 'CCB – CyberFundamentals FAQ', url: 'https://atwork.safeonweb.be/cyberfundamentals-frequently-asked-questions-faq' };
const CYFUN_CAB = { title: 'CCB – Conformity assessment bodies (CAB)', url: 'https://atwork.safeonweb.be/conformity-assessment-bodies-cab' };

export const CERTIFICATION_INFO: Record<CertificationKind, KindInfo> = {
  // CyFun Basic and Important: the self-assessment is verified by an accredited, CCB-authorised body (CCB CyFun FAQ).
  cyfun_basic: { assurance: 'verification', sources: [CYFUN_FAQ, CYFUN_CAB] },
  cyfun_important: { assurance: 'verification', sources: [CYFUN_FAQ, CYFUN_CAB] },
  // CyFun Essential: a certification, with evidence per key measure (CCB CyFun FAQ).
  cyfun_essential: { assurance: 'certification', sources: [CYFUN_FAQ, CYFUN_CAB] },
  // ISO/IEC 27001: certification by a certification body; in Belgium accredited by BELAC (CCB CyFun FAQ on using it for a label).
  iso27001: { assurance: 'certification', sources: [CYFUN_FAQ] },
  // Keep It Secure: Walloon label for cyber-audit providers, valid 3 years (regional-it.be, 5 Dec 2018).
  keep_it_secure: {
    assurance: 'label',
    sources: [{ title: 'Regional-IT – Keep It Secure', url: 'https://regional-it.be/2018/12/05/keep-it-secure-labellisation-de-prestataires-audits-cybersecurite-pour-pme' }],
  },
  // kmo-portefeuille: registered service provider after an audit against the kmo-portefeuille norm, registered for 5 years (VLAIO).
  kmo_portefeuille: {
    assurance: 'registration',
    sources: [{ title: 'VLAIO – kmo-portefeuille', url: 'https://vlaio.be/nl/subsidies-financiering/kmo-portefeuille' }],
  },
  // Cyber Essentials: UK scheme (issue 12 anchor); no source consulted for its details, so the text only says what Schild checks.
  cyber_essentials: { assurance: 'certification', sources: [] },
  other: { assurance: 'certification', sources: [] },
};

/** A claim may be declared for at most five years ahead: no Belgian scheme in our sources runs longer (kmo-portefeuille: 5 years). */
export const MAX_VALID_YEARS = 5;
export const REFERENCE_MAX = 100;
export const ISSUER_MAX = 120;
export const LABEL_MAX = 100;
export const NOTE_MAX = 1000;
/**
 * Open claims (pending or verified) an organisation may have at once: more than any real provider holds, few enough
 * that one account cannot flood the administrators' review queue (OWASP ASVS 4.0.3 §11.1.4, anti-automation).
 */
export const MAX_OPEN_CLAIMS = 20;

export interface ClaimInput {
  kind: CertificationKind;
  label: string | null;
  reference: string;
  issuer: string;
  evidenceUrl: string;
  validUntil: string;
}

export function isCertificationKind(v: unknown): v is CertificationKind {
  return typeof v === 'string' && (CERTIFICATION_KINDS as readonly string[]).includes(v);
}

function text(v: unknown): string | null {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v.trim() : null;
}

/** A real calendar date YYYY-MM-DD (ISO 8601 calendar date, extended format). */
export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export function addYears(isoDate: string, years: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/**
 * Reads a claim form against today's date (YYYY-MM-DD, Brussels). Either a claim or per-field problems (catalogue keys).
 */
export function readClaimForm(form: Record<string, unknown>, today: string): { ok: true; claim: ClaimInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const kind = form.kind;
  if (!isCertificationKind(kind)) errors.kind = 'form.error.choose';
  const label = text(form.label);
  if (label === null || label.length > LABEL_MAX) errors.label = 'form.error.too_long';
  else if (kind === 'other' && label === '') errors.label = 'provider.cert.error.label_needed';
  const reference = text(form.reference);
  if (reference === null || reference === '') errors.reference = 'form.error.required';
  else if (reference.length > REFERENCE_MAX) errors.reference = 'form.error.too_long';
  const issuer = text(form.issuer);
  if (issuer === null || issuer === '') errors.issuer = 'form.error.required';
  else if (issuer.length > ISSUER_MAX) errors.issuer = 'form.error.too_long';
  const evidence = text(form.evidenceUrl);
  if (evidence === null || !isHttpsUrl(evidence)) errors.evidenceUrl = 'provider.error.https';
  const validUntil = text(form.validUntil);
  if (validUntil === null || !isIsoDate(validUntil)) errors.validUntil = 'provider.cert.error.date';
  else if (validUntil <= today) errors.validUntil = 'provider.cert.error.past';
  else if (validUntil > addYears(today, MAX_VALID_YEARS)) errors.validUntil = 'provider.cert.error.too_far';
  if (Object.keys(errors).length > 0 || !isCertificationKind(kind)) return { ok: false, errors };
  return { ok: true, claim: { kind, label: kind === 'other' ? label! : null, reference: reference!, issuer: issuer!, evidenceUrl: evidence!, validUntil: validUntil! } };
}

/** Verified counts only while it lasts: a certificate past its end date proves nothing any more. */
export function isVerifiedOn(claim: { status: string; validUntil: string }, today: string): boolean {
  return claim.status === 'verified' && claim.validUntil >= today;
}

/** What the directory shows of a claim: verified ones, and pending ones or expired verified ones as only declared. */
export function isShownInDirectory(claim: { status: string }): boolean {
  return claim.status === 'verified' || claim.status === 'pending';
}

// Made once: building a DateTimeFormat with a time zone loads ICU zone data and cost about a sixth of the providers
// directory page when it was built per request. ECMA-402 formatters are immutable, so sharing one is safe.
const BRUSSELS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Brussels, the date on which Belgian certificates and registers run out. */
export function brusselsDate(now: Date): string {
  return BRUSSELS_DAY.format(now);
}

/** Scheme names that are the same in every language (proper names of the schemes); the others are translated. */
export const KIND_PROPER_NAMES: Partial<Record<CertificationKind, string>> = {
  cyfun_basic: 'CyFun Basic',
  cyfun_important: 'CyFun Important',
  cyfun_essential: 'CyFun Essential',
  iso27001: 'ISO/IEC 27001',
  cyber_essentials: 'Cyber Essentials',
};
