/**
 * Synthetic companies for tests, benchmarks and demos (`schild seed-synthetic`): profiles, finished assessments and
 * incidents drawn from a seeded PRNG, so the same seed and reference date give the same data. Pure.
 *
 * The shares and their sources are in docs/statistics.md ("Synthetic data"); where no source gave a figure the share
 * is an estimate, said so there. Synthetic rows are marked and never reach production (SYNTHETIC_DATA).
 */
import type { AssessmentCatalog } from '../assessment/catalog.ts';
import { assess, quickScanControls, type Answer, type AssessmentResult } from '../assessment/engine.ts';
import type { AssessmentProfile } from '../assessment/profile.ts';
import type { EmailProvider, PersonalDataKind, Region as ProfileRegion } from '../company-profile.ts';
import type { Category } from '../incidents/triage.ts';
import type { Locale } from '../locale.ts';
import type { SizeBand } from './cells.ts';

/** mulberry32: a small, fast 32-bit PRNG; deterministic for a seed (not for anything secret). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Weights<T extends string> = Readonly<Record<T, number>>;

const TABLES = new WeakMap<object, { keys: string[]; cumulative: number[]; total: number }>();

/** One key, drawn with the given weights (cumulative table built once per weights object). */
export function pick<T extends string>(rng: () => number, weights: Weights<T>): T {
  let table = TABLES.get(weights);
  if (!table) {
    const keys = Object.keys(weights);
    const cumulative: number[] = [];
    let total = 0;
    for (const k of keys) cumulative.push((total += (weights as Record<string, number>)[k]!));
    TABLES.set(weights, (table = { keys, cumulative, total }));
  }
  const r = rng() * table.total;
  const { cumulative, keys } = table;
  for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return keys[i] as T;
  return keys[keys.length - 1] as T;
}

/**
 * NACE-BEL 2025 sections (NACE Rev. 2.1 letters). Professional services (Rev. 2 M, now N) 19.3 %, trade (G) 17.9 %,
 * construction (F) 13.6 %: FPS Economy / Statbel; the other sections are estimates. Public administration (P),
 * households (U) and extraterritorial bodies (V) are not businesses here.
 */
export const SECTION_WEIGHTS: Weights<string> = {
  N: 19.3, G: 17.9, F: 13.6, I: 6, C: 4.5, M: 4.5, O: 5, T: 5, R: 4, K: 4, A: 4, L: 3.5, H: 3, S: 3, Q: 1.5, J: 1, D: 0.5, E: 0.3, B: 0.05,
};

/** Companies filing accounts by employees, FY2022 (Trends Business Information, Oct 2023), folded into our bands. */
export const SIZE_BAND_WEIGHTS: Weights<SizeBand> = { '0': 66.9, '1-9': 26.8, '10-49': 5.2, '50-249': 1.1 };

/** SMEs by region, 31 Dec 2019 (FPS Economy): Flanders 62.4 %, Wallonia 26.4 %, Brussels 11.2 %, abroad/unknown 2.1 %. */
export const REGION_WEIGHTS: Weights<ProfileRegion> = { flanders: 62.4, wallonia: 26.4, brussels: 11.2, other: 2.1 };

/** Estimated shares of incident categories reported by small businesses (phishing and fraud lead; docs/statistics.md). */
export const CATEGORY_WEIGHTS: Weights<Category> = {
  phishing_click: 20, suspicious_email: 18, invoice_fraud: 10, credential_theft: 9, account_takeover: 8, malware: 8, ceo_fraud: 5, helpdesk_scam: 5,
  ransomware: 4, lost_device: 4, data_leak: 3, website_compromise: 2, other: 2, ddos: 1, extortion: 1,
};

/** Incidents per company over two years: mean 0.2 (issue 11's scale goal: 200,000 incidents for 1,000,000 companies). */
export const INCIDENTS_PER_COMPANY: Weights<'0' | '1' | '2' | '3'> = { '0': 85, '1': 11, '2': 3, '3': 1 };

/**
 * The synthetic incident model (a demo, not evidence; docs/statistics.md): an assessed company's chance of incidents
 * is multiplied by a factor per key control it answered, lower with the measure and higher without it, so the
 * "Do measures help?" page shows a pattern in demos and benchmarks. The factors are invented; they prove nothing.
 * Not asked, "I don't know" and "not applicable" leave the chance as it is.
 */
export const INCIDENT_FACTORS: Readonly<Record<string, { yes: number; no: number; partly: number }>> = {
  'pr-mfa-email': { yes: 0.6, no: 1.35, partly: 1.15 },
  'pr-backup': { yes: 0.75, no: 1.2, partly: 1.1 },
  'pr-awareness': { yes: 0.7, no: 1.3, partly: 1.1 },
  'pr-invoice-check': { yes: 0.7, no: 1.3, partly: 1.15 },
  'pr-updates-auto': { yes: 0.8, no: 1.2, partly: 1.05 },
};

/** The incident factor of a company from its answers (1 for a company without an assessment). */
export function incidentFactor(answers: Readonly<Record<string, Answer>> | null): number {
  if (!answers) return 1;
  let factor = 1;
  for (const [control, f] of Object.entries(INCIDENT_FACTORS)) {
    const a = answers[control];
    if (a === 'yes' || a === 'no' || a === 'partly') factor *= f[a];
  }
  return factor;
}

const SCALED = new Map<number, Weights<'0' | '1' | '2' | '3'>>();

/** INCIDENTS_PER_COMPANY with every count of one or more multiplied by `factor` (mean 0.2 × factor). */
function incidentsPerCompany(factor: number): Weights<'0' | '1' | '2' | '3'> {
  if (factor === 1) return INCIDENTS_PER_COMPANY;
  const key = Math.round(factor * 1e6) / 1e6;
  let w = SCALED.get(key);
  if (!w) {
    const some = 100 - INCIDENTS_PER_COMPANY['0'];
    SCALED.set(key, (w = { '0': Math.max(0, 100 - some * key), '1': INCIDENTS_PER_COMPANY['1'] * key, '2': INCIDENTS_PER_COMPANY['2'] * key, '3': INCIDENTS_PER_COMPANY['3'] * key }));
  }
  return w;
}

/** Share of companies with a finished assessment (about 5 answers per company on average, as the goal). */
export const ASSESSED_SHARE = 0.4;

// Estimates (docs/statistics.md): answers other than "yes", mail providers, personal data, incident status.
const NOT_YES: Weights<Answer> = { yes: 0, partly: 35, no: 45, unknown: 20, na: 0 };
const EMAIL_WEIGHTS: Weights<EmailProvider> = { microsoft365: 45, google: 25, other: 25, none: 5 };
const PERSONAL_DATA_WEIGHTS: Weights<PersonalDataKind> = { none: 20, basic: 70, sensitive: 10 };
const STATUS_WEIGHTS: Weights<SyntheticIncident['status']> = { closed: 60, confirmed: 20, suspected: 15, false_positive: 5 };

const EMPLOYEES: Record<SizeBand, [number, number]> = { '0': [0, 0], '1-9': [1, 9], '10-49': [10, 49], '50-249': [50, 249] };

export interface SyntheticIncident {
  id: string;
  category: Category;
  awareAt: string;
  status: 'suspected' | 'confirmed' | 'closed' | 'false_positive';
  statsConsent: boolean;
}

export interface SyntheticCompany {
  id: string;
  name: string;
  naceCode: string;
  employees: number;
  region: ProfileRegion;
  language: Locale;
  profile: AssessmentProfile;
  createdAt: string;
  assessment: { id: string; completedAt: string; answers: Record<string, Answer>; result: AssessmentResult } | null;
  incidents: SyntheticIncident[];
}

export interface SyntheticOptions {
  seed: number;
  /** Reference date: everything happened before it. Same seed and date → same data. */
  asOf: Date;
  catalog: AssessmentCatalog;
  /** Section → its divisions, from the bundled NACE-BEL list. */
  divisions: ReadonlyMap<string, readonly string[]>;
}

const DAY = 86_400_000;

function uuid(rng: () => number): string {
  const hex = Array.from({ length: 4 }, () => Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0')).join('');
  // RFC 9562 layout: version 4 nibble and variant bits set, so the ids look like any other id in the database.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function between(rng: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function languageFor(rng: () => number, region: ProfileRegion): Locale {
  if (region === 'flanders') return 'nl';
  if (region === 'wallonia') return rng() < 0.03 ? 'de' : 'fr';
  if (region === 'brussels') return rng() < 0.6 ? 'fr' : 'nl';
  return 'en';
}

function answerFor(rng: () => number, maturity: number): Answer {
  if (rng() < maturity) return 'yes';
  return pick(rng, NOT_YES);
}

/** The first `count` companies of the sequence for this seed and reference date. */
export function* syntheticCompanies(opts: SyntheticOptions, count: number): Generator<SyntheticCompany> {
  const rng = prng(opts.seed);
  const quickCache = new Map<string, string[]>();
  const asOf = opts.asOf.getTime();
  for (let i = 0; i < count; i++) {
    const section = pick(rng, SECTION_WEIGHTS);
    const divisions = opts.divisions.get(section) ?? ['47'];
    const naceCode = divisions[Math.floor(rng() * divisions.length)]!;
    const band = pick(rng, SIZE_BAND_WEIGHTS);
    const [lo, hi] = EMPLOYEES[band];
    const employees = between(rng, lo, hi);
    const region = pick(rng, REGION_WEIGHTS);
    const language = languageFor(rng, region);
    const bandIndex = ['0', '1-9', '10-49', '50-249'].indexOf(band);
    const website = rng() < 0.5 + 0.1 * bandIndex;
    const profile: AssessmentProfile = {
      sector: naceCode,
      employees,
      website,
      webshop: website && rng() < 0.2,
      email: pick(rng, EMAIL_WEIGHTS),
      cardPayments: rng() < 0.4,
      personalData: pick(rng, PERSONAL_DATA_WEIGHTS),
      remoteWork: rng() < 0.2 + 0.15 * bandIndex,
      itProvider: rng() < 0.2 + 0.2 * bandIndex,
    };
    const createdAt = asOf - between(rng, 1, 1095) * DAY;
    const id = uuid(rng);
    let assessment: SyntheticCompany['assessment'] = null;
    if (rng() < ASSESSED_SHARE) {
      // Quick-scan controls depend on the profile facts only: one look-up per distinct profile.
      const key = `${naceCode}|${employees}|${+website}|${+profile.webshop}|${profile.email}|${+profile.cardPayments}|${profile.personalData}|${+profile.remoteWork}|${+profile.itProvider}`;
      let ids = quickCache.get(key);
      if (!ids) quickCache.set(key, (ids = quickScanControls(opts.catalog, profile).map((c) => c.id)));
      // Larger firms and firms with an IT provider have more measures in place (an estimate, docs/statistics.md).
      const maturity = Math.min(0.9, 0.2 + 0.1 * bandIndex + (profile.itProvider ? 0.1 : 0) + 0.3 * rng());
      const answers: Record<string, Answer> = {};
      for (const c of ids) answers[c] = answerFor(rng, maturity);
      const completedAt = new Date(createdAt + Math.floor(rng() * (asOf - createdAt))).toISOString();
      assessment = { id: uuid(rng), completedAt, answers, result: assess(opts.catalog, profile, answers) };
    }
    const incidents: SyntheticIncident[] = [];
    const n = Number(pick(rng, incidentsPerCompany(incidentFactor(assessment?.answers ?? null))));
    for (let k = 0; k < n; k++) {
      incidents.push({
        id: uuid(rng),
        category: pick(rng, CATEGORY_WEIGHTS),
        awareAt: new Date(asOf - between(rng, 1, 730) * DAY - between(rng, 0, 86_399) * 1000).toISOString(),
        status: pick(rng, STATUS_WEIGHTS),
        statsConsent: rng() < 0.8,
      });
    }
    yield { id, name: `Synthetic company ${String(i + 1).padStart(7, '0')}`, naceCode, employees, region, language, profile, createdAt: new Date(createdAt).toISOString(), assessment, incidents };
  }
}
