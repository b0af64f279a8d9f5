import { describe, expect, it } from 'vitest';
import { validateSoftwareCatalogue } from './catalogue.ts';

const L = (s: string) => ({ nl: `${s} in nl`, fr: `${s} in fr`, de: `${s} in de`, en: `${s} in en` });
const SRC = [{ title: 'Vendor page', url: 'https://vendor.example/help' }];
const FACTS = ['mfa_available', 'mfa_enforceable', 'sso', 'data_location', 'certifications', 'export_backup', 'end_of_life'];

function good(): Record<string, unknown> {
  return {
    id: 'tool',
    name: 'Tool',
    vendor: 'Tool NV',
    category: 'remote_support',
    facts: Object.fromEntries(FACTS.map((f) => [f, { value: f === 'mfa_available' ? 'yes' : 'unknown', text: L('the text'), sources: f === 'mfa_available' ? SRC : [], reviewed: '2026-12-06' }])),
    steps: { mfa_available: { text: { nl: ['step a b'], fr: ['step a b'], de: ['step a b'], en: ['step a b'] }, sources: SRC, reviewed: '2026-12-06' } },
  };
}
const errorOf = (p: unknown, today: string | null = '2026-12-06') => {
  try {
    validateSoftwareCatalogue({ products: [p] }, today);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};
const withFact = (patch: Record<string, unknown>, fact = 'mfa_available') => {
  const p = good();
  (p.facts as Record<string, unknown>)[fact] = { ...(p.facts as Record<string, Record<string, unknown>>)[fact], ...patch };
  return p;
};

describe('software catalogue validation (docs/software.md)', () => {
  it('accepts a well-formed product', () => {
    expect(errorOf(good())).toBe('');
  });

  it('rejects a fact value outside yes, no, partly, unknown', () => {
    expect(errorOf(withFact({ value: 'maybe' }))).toMatch(/facts\.mfa_available\.value/);
  });

  it('rejects a plain http source: only https links (an http link can be altered on the way)', () => {
    expect(errorOf(withFact({ sources: [{ title: 'Vendor page', url: 'http://vendor.example/help' }] }))).toMatch(/https/);
  });

  it('names a missing language', () => {
    expect(errorOf(withFact({ text: { nl: 'a b c d e', fr: 'a b c d e', en: 'a b c d e' } }))).toMatch(/missing language mfa_available\.de/);
  });

  it('rejects a review date older than 18 months, and one in the future', () => {
    expect(errorOf(withFact({ reviewed: '2025-06-05' }))).toMatch(/older than 18 months/);
    expect(errorOf(withFact({ reviewed: '2025-06-06' }))).toBe('');
    expect(errorOf(withFact({ reviewed: '2027-01-01' }))).toMatch(/in the future/);
    // At start-up (today null) an overdue review does not stop the site.
    expect(errorOf(withFact({ reviewed: '2020-01-01' }), null)).toBe('');
  });

  it('rejects a stated value without a source: only "unknown" may stand without one', () => {
    expect(errorOf(withFact({ sources: [] }))).toMatch(/needs a source/);
  });

  it('allows steps only with a source and only for a feature the product has', () => {
    const noSource = good();
    (noSource.steps as Record<string, Record<string, unknown>>).mfa_available!.sources = [];
    expect(errorOf(noSource)).toMatch(/steps need a source/);
    const unknownFeature = good();
    unknownFeature.steps = { sso: (good().steps as Record<string, unknown>).mfa_available };
    expect(errorOf(unknownFeature)).toMatch(/steps only for a fact that is yes or partly/);
  });

  it('rejects duplicate ids and a partOf that names no other product', () => {
    expect(() => validateSoftwareCatalogue({ products: [good(), good()] }, null)).toThrow(/duplicate id tool/);
    expect(errorOf({ ...good(), partOf: 'nothing' })).toMatch(/partOf nothing/);
    expect(() => validateSoftwareCatalogue({}, null)).toThrow(/expected \{ "products"/);
  });
});
