/**
 * The quick scan's body: a check that, for a body the zod schema accepts, returns the value zod returns, in a few
 * plain comparisons instead of zod's per-field parse (about 6 % of the route's CPU, issue 13). It only ever says yes
 * or "ask zod": anything it does not recognise as certainly valid goes to the zod validator, which gives the answer
 * and the error messages as before. test/integration/quick-scan-body.test.ts checks, on valid and broken bodies, that
 * it never accepts what zod refuses and that what it returns equals zod's value (keys in the same order).
 */
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { ANSWERS, type Answer } from '../../../../core/assessment/engine.ts';
import type { AssessmentProfile } from '../../../../core/assessment/profile.ts';
import { EMAIL_PROVIDERS, PERSONAL_DATA_KINDS, REGIONS } from '../../../../core/company-profile.ts';
import { LOCALES, type Locale } from '../../../../core/locale.ts';

export interface QuickScanBody {
  lang: Locale;
  profile: AssessmentProfile;
  answers: Record<string, Answer>;
}

const BOOLEANS = ['website', 'webshop', 'cardPayments', 'remoteWork', 'itProvider'] as const;
const PROFILE_KEYS = new Set(['sector', 'employees', 'website', 'webshop', 'email', 'cardPayments', 'personalData', 'remoteWork', 'itProvider', 'region']);
const SECTOR = /^\d{2}$/;

const isPlain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
const oneOf = <T extends string>(list: readonly T[], x: unknown): x is T => typeof x === 'string' && (list as readonly string[]).includes(x);

/** The value zod would return for a body it accepts, or null when the body is not certainly valid. */
export function checkQuickScanBody(data: unknown): QuickScanBody | null {
  if (!isPlain(data)) return null;
  for (const k in data) if (!Object.hasOwn(data, k) || (k !== 'lang' && k !== 'profile' && k !== 'answers')) return null;
  const { lang, profile: p } = data;
  if (!oneOf(LOCALES, lang) || !isPlain(p)) return null;
  for (const k in p) if (!Object.hasOwn(p, k) || !PROFILE_KEYS.has(k)) return null;
  if (typeof p.sector !== 'string' || !SECTOR.test(p.sector)) return null;
  if (typeof p.employees !== 'number' || !Number.isInteger(p.employees) || p.employees < 0 || p.employees > 100_000) return null;
  for (const b of BOOLEANS) if (typeof p[b] !== 'boolean') return null;
  if (!oneOf(EMAIL_PROVIDERS, p.email) || !oneOf(PERSONAL_DATA_KINDS, p.personalData)) return null;
  const hasRegion = Object.hasOwn(p, 'region');
  if (hasRegion && !oneOf(REGIONS, p.region)) return null;
  const raw = Object.hasOwn(data, 'answers') ? data.answers : {};
  if (!isPlain(raw)) return null;
  const answers: Record<string, Answer> = {};
  for (const k in raw) {
    const a = raw[k];
    if (!Object.hasOwn(raw, k) || k.length > 60 || k === '__proto__' || !oneOf(ANSWERS, a)) return null;
    answers[k] = a;
  }
  // Keys in the schema's order, as zod writes its output.
  const profile: AssessmentProfile = {
    sector: p.sector,
    employees: p.employees,
    website: p.website as boolean,
    webshop: p.webshop as boolean,
    email: p.email,
    cardPayments: p.cardPayments as boolean,
    personalData: p.personalData,
    remoteWork: p.remoteWork as boolean,
    itProvider: p.itProvider as boolean,
    ...(hasRegion ? { region: p.region as AssessmentProfile['region'] } : {}),
  };
  return { lang, profile, answers };
}

/** The route's validator compiler: the check above for the body, zod for the rest and for whatever the check declines. */
export const quickScanValidatorCompiler: FastifySchemaCompiler<unknown> = (route) => {
  const zod = validatorCompiler(route as never) as ReturnType<FastifySchemaCompiler<unknown>>;
  if (route.httpPart !== 'body') return zod;
  return (data: unknown) => {
    const value = checkQuickScanBody(data);
    return value ? { value } : zod(data);
  };
};
