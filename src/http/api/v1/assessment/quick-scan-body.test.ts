/**
 * The quick scan's fast body check must never accept a body the zod schema refuses, must return exactly zod's value
 * (same keys, same order) for a body it accepts, and must accept every valid body, or it gains nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../../core/assessment/engine.ts';
import { REGIONS } from '../../../../core/company-profile.ts';
import { profileFields } from '../../../../../test/support/profile-arbitraries.ts';
import { LOCALES } from '../../../../core/locale.ts';
import { QuickScanBodySchema } from './assessment.routes.ts';
import { checkQuickScanBody } from './quick-scan-body.ts';

const profile = fc.record(
  {
    ...profileFields(fc.stringMatching(/^\d{2}$/), fc.integer({ min: 0, max: 100_000 })),
    region: fc.constantFrom(...REGIONS),
  },
  { requiredKeys: ['sector', 'employees', 'website', 'webshop', 'email', 'cardPayments', 'personalData', 'remoteWork', 'itProvider'] },
);
const answers = fc.dictionary(fc.string({ maxLength: 60 }), fc.constantFrom(...ANSWERS), { maxKeys: 70 });
const valid = fc.record({ lang: fc.constantFrom(...LOCALES), profile, answers }, { requiredKeys: ['lang', 'profile'] });

/** A valid body with one thing changed: a key removed or added, or a value replaced (at the top, in the profile or in the answers). */
const broken = fc.tuple(valid, fc.constantFrom('top', 'profile', 'answers'), fc.string({ maxLength: 70 }), fc.oneof(fc.anything(), fc.constantFrom(...ANSWERS, ...LOCALES, ...REGIONS, '1', '123', 'a1', -1, 1.5, 100_001, null, [], {})), fc.boolean()).map(([body, where, key, value, remove]) => {
  const copy = JSON.parse(JSON.stringify(body)) as Record<string, Record<string, unknown>>;
  const target: Record<string, unknown> = where === 'top' ? copy : ((copy[where] ??= {}) as Record<string, unknown>);
  const keys = Object.keys(target);
  const k = keys.length > 0 && key.length % 2 === 0 ? keys[key.length % keys.length]! : key;
  if (remove) delete target[k];
  else target[k] = value;
  return copy;
});

/** What the route sees: the body after a JSON round trip (Fastify's parser refuses __proto__ before validation). */
const asParsed = (b: unknown): unknown => JSON.parse(JSON.stringify(b) ?? 'null');

describe('quick scan body check', () => {
  it('accepts every valid body and returns exactly what zod returns', () => {
    fc.assert(
      fc.property(valid, (b) => {
        const body = asParsed(b);
        const fast = checkQuickScanBody(body);
        const zod = QuickScanBodySchema.safeParse(body);
        expect(zod.success).toBe(true);
        expect(fast).not.toBeNull();
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
        expect(fast).toStrictEqual(zod.data);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it('never accepts a body zod refuses, and agrees with zod on what it accepts', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(broken, fc.anything()), (b) => {
        const body = asParsed(b);
        const fast = checkQuickScanBody(body);
        const zod = QuickScanBodySchema.safeParse(body);
        if (!zod.success) refused++;
        if (fast === null) return;
        expect(zod.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
      }),
      { numRuns: 3000, seed: 2 },
    );
    // The broken bodies really are broken most of the time (a test that cannot fail is no test).
    expect(refused).toBeGreaterThan(1500);
  });

  it('declines, for zod to answer, the cases that need its error message', () => {
    const ok = { lang: 'nl', profile: { sector: '69', employees: 4, website: true, webshop: false, email: 'google', cardPayments: false, personalData: 'basic', remoteWork: true, itProvider: false }, answers: { 'PR.AA-01.1': 'yes' } };
    expect(checkQuickScanBody(ok)).not.toBeNull();
    expect(checkQuickScanBody({ ...ok, profile: { ...ok.profile, region: 'mars' } })).toBeNull();
    expect(checkQuickScanBody({ ...ok, profile: { ...ok.profile, sector: '٦٩' } })).toBeNull(); // Arabic-Indic digits: \d is ASCII only
    expect(checkQuickScanBody({ ...ok, answers: { ['x'.repeat(61)]: 'yes' } })).toBeNull();
    expect(checkQuickScanBody({ ...ok, extra: 1 })).toBeNull();
    for (const employees of [-1, 1.5, 100_001, '4']) expect(checkQuickScanBody({ ...ok, profile: { ...ok.profile, employees } })).toBeNull();
    expect(checkQuickScanBody({ ...ok, profile: { ...ok.profile, employees: 100_000 } })).not.toBeNull();
    expect(checkQuickScanBody({ ...ok, profile: { ...ok.profile, website: 'true' } })).toBeNull();
    expect(checkQuickScanBody({ ...ok, answers: { 'PR.AA-01.1': 'maybe' } })).toBeNull();
    expect(checkQuickScanBody({ profile: ok.profile, answers: ok.answers })).toBeNull();
    expect(checkQuickScanBody({ lang: 'es', profile: ok.profile })).toBeNull();
    expect(checkQuickScanBody({ ...ok, answers: null })).toBeNull();
    expect(checkQuickScanBody({ lang: ok.lang, profile: ok.profile })?.answers).toEqual({});
  });
});
