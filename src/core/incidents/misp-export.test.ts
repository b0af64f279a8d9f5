/**
 * The MISP export is accepted by MISP: every tag exists in MISP's own taxonomies (rsit, veris, tlp) and every
 * attribute uses a category/type pair from MISP's describeTypes.json (both kept as data in test/fixtures/misp/).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAcceptedPair, isKnownMispTag } from '../../../test/fixtures/misp/misp-reference.ts';
import { EMPTY_DETAILS, iocType, toMispEvent, type IncidentRecord } from './record.ts';
import { CATEGORIES, FactsSchema, triage, type Facts } from './triage.ts';

const facts = (f: Partial<Facts>): Facts =>
  FactsSchema.parse({ category: 'other', awareAt: '2026-06-10T08:00:00.000Z', ongoing: false, personalData: 'no', specialCategoryData: false, dataEncrypted: false, gdprRole: 'controller', nis2: 'out_of_scope', moneyLost: false, cardDataExposed: false, extortion: false, insured: false, ...f });

function record(f: Facts, iocs: string): IncidentRecord {
  return {
    id: '6f1c1a52-4c3e-4d7e-9c53-0d3c8a0e9b11',
    companyId: null,
    lang: 'en',
    facts: f,
    triage: triage(f),
    status: 'suspected',
    details: { ...EMPTY_DETAILS, iocs },
    awareAt: f.awareAt,
    createdAt: f.awareAt,
    updatedAt: f.awareAt,
    closedAt: null,
    lessons: null,
    statsConsent: false,
    storyConsent: false,
    story: null,
    ticks: [],
    events: [],
    followLinkExpiresAt: null,
  };
}

const CLUES = [
  'https://login-micros0ft.example/reset',
  'boss@ceo-mail.example',
  '192.0.2.44',
  '2001:db8::1',
  'BE71 0961 2345 6769',
  'NL91ABNA0417164300',
  'd41d8cd98f00b204e9800998ecf8427e',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '+32 470 12 34 56',
  '02/501.05.60',
  'fake-invoices.example',
  'a man called about a parcel',
];

describe('MISP export', () => {
  it.each(CATEGORIES)('%s: every tag is a machine tag of MISP rsit, veris or tlp (full VERIS tags)', (category) => {
    for (const extra of [{}, { privilegedAccount: true }, { deviceStolen: true }]) {
      const event = toMispEvent(record(facts({ category, ...extra }), ''), { includeDescription: false }).Event;
      for (const t of event.Tag) expect(isKnownMispTag(t.name), t.name).toBe(true);
      expect(event.Tag.some((t) => t.name.startsWith('rsit:'))).toBe(true);
      if (category !== 'other') expect(event.Tag.some((t) => /^veris:action:[a-z]+:variety="/.test(t.name)), category).toBe(true);
    }
  });

  it('maps clues to the type/category pairs MISP expects (IBAN in Financial fraud, hashes in Payload delivery, phone-number)', () => {
    const event = toMispEvent(record(facts({ category: 'invoice_fraud' }), CLUES.join('\n')), { includeDescription: false }).Event;
    const byValue = Object.fromEntries(event.Attribute.map((a) => [a.value, a]));
    expect(byValue['BE71 0961 2345 6769']).toMatchObject({ type: 'iban', category: 'Financial fraud' });
    expect(byValue['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']).toMatchObject({ type: 'sha256', category: 'Payload delivery' });
    expect(byValue['d41d8cd98f00b204e9800998ecf8427e']).toMatchObject({ type: 'md5', category: 'Payload delivery' });
    expect(byValue['+32 470 12 34 56']).toMatchObject({ type: 'phone-number' });
    expect(byValue['boss@ceo-mail.example']).toMatchObject({ type: 'email-src', category: 'Payload delivery' });
    for (const a of event.Attribute) expect(isAcceptedPair(a.category, a.type), `${a.category}/${a.type} for ${a.value}`).toBe(true);
  });

  it('any line the owner types becomes an attribute MISP accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (line) => {
        const t = iocType(line.trim());
        expect(isAcceptedPair(t.category, t.type), `${t.category}/${t.type}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a code that fails the IBAN check digits (ISO 13616) is not exported as an IBAN', () => {
    expect(iocType('BE00 0961 2345 6769').type).not.toBe('iban');
  });
});
