/**
 * The anonymisation check (GDPR Art. 4(1) and recital 26: a person identifiable directly or indirectly is personal
 * data). Each kind is found with where it sits; ordinary sentences in the four languages pass untouched.
 */
import { describe, expect, it } from 'vitest';
import { findIdentifying, ibanChecksumValid, looksLikePhone, type IdentifyingContext } from './anonymise.ts';

const CTX: IdentifyingContext = {
  companyName: 'Boekhouding Peeters BV',
  domains: ['peeters-boekhouding.be'],
  people: ['Jan De Smet', 'Sofie Van Damme', 'an.claes@example.be'],
};
const kinds = (text: string, ctx = CTX) => findIdentifying(text, ctx).map((f) => [f.kind, f.found]);

describe('findIdentifying', () => {
  it.each([
    ['Mail ons op info@peeters.be voor meer.', 'email', 'info@peeters.be'],
    ['The fake page was https://login-micros0ft.com/secure?id=1.', 'url', 'https://login-micros0ft.com/secure?id=1'],
    ['Ze stuurden ons naar www.valse-bank.be, een valse site.', 'url', 'www.valse-bank.be'],
    ['The mail came from fake-invoices.com and looked real.', 'url', 'fake-invoices.com'],
    ['Nous avons payé sur BE68 5390 0754 7034 sans vérifier.', 'iban', 'BE68 5390 0754 7034'],
    ['We paid into BE68539007547034 without a call.', 'iban', 'BE68539007547034'],
    ['Überweisung auf NL91 ABNA 0417 1643 00 ging raus.', 'iban', 'NL91 ABNA 0417 1643 00'],
    ['Ons ondernemingsnummer 0403.170.701 stond op de factuur.', 'enterprise_number', '0403.170.701'],
    ['Numéro BE 0403 170 701 sur la facture.', 'enterprise_number', 'BE 0403 170 701'],
    ['The invoice showed 0123.456.789 as number.', 'enterprise_number', '0123.456.789'],
    ['Bel ons op +32 470 12 34 56 als je twijfelt.', 'phone', '+32 470 12 34 56'],
    ['Call +32 2 123 45 67 at the office.', 'phone', '+32 2 123 45 67'],
    ['Appelez le 0032 (0)470 12 34 56 demain.', 'phone', '0032 (0)470 12 34 56'],
    ['Bel 0470 12 34 56 2 keer per dag.', 'phone', '0470 12 34 56'],
    ['Ruf 0470/12.34.56 an.', 'phone', '0470/12.34.56'],
    ['Bel 02/123.45.67 op kantoor.', 'phone', '02/123.45.67'],
    ['Bel 050 12 34 56 in Brugge.', 'phone', '050 12 34 56'],
    ['Ring 0470123456 now.', 'phone', '0470123456'],
    ['Call +44 20 7946 0958 in London.', 'phone', '+44 20 7946 0958'],
    ['Our site peeters-boekhouding.be was down.', 'domain', 'peeters-boekhouding.be'],
    ['Bij Boekhouding Peeters lag alles stil.', 'company_name', 'Boekhouding Peeters'],
    ['Chez PEETERS, tout était bloqué.', 'company_name', 'PEETERS'],
    ['Jan De Smet klikte op de link.', 'person_name', 'Jan De Smet'],
    ['Then Sofie called the bank.', 'person_name', 'Sofie'],
    ['Herr Van Damme rief die Bank an.', 'person_name', 'Damme'],
  ] as const)('%s → %s', (text, kind, found) => {
    expect(kinds(text)).toContainEqual([kind, found]);
  });

  it('says where each finding sits, in the order of the text', () => {
    const text = 'Jan mailde naar an@x.be en belde 0470 12 34 56.';
    const f = findIdentifying(text, CTX);
    expect(f.map((x) => x.kind)).toEqual(['person_name', 'email', 'phone']);
    for (const x of f) expect(text.slice(x.start, x.end)).toBe(x.found);
  });

  it('reports an address once, as an address, not again as the domain or the name in it', () => {
    expect(kinds('Write to jan@peeters-boekhouding.be today.')).toEqual([['email', 'jan@peeters-boekhouding.be']]);
  });

  it('finds names written without accents or in another case', () => {
    expect(kinds('Chez Sœur Hélène', { companyName: 'Sœur Helene', domains: [], people: [] })).toContainEqual(['company_name', 'Sœur Hélène']);
  });

  it.each([
    ['nl', 'Op 04.12.2026 om 09.30 uur klikte een medewerker op een link in een valse factuur van 1 250 euro.'],
    ['nl', 'We lieten de boekhouding controleren, zetten aanmelden in twee stappen aan en maakten een back-up op 03/12/2026.'],
    ['fr', 'Le 12/03/2026, un collaborateur a ouvert factuur.zip et 2 ordinateurs sur 10 étaient bloqués, c.-à-d. tout le magasin.'],
    ['de', 'Am 5.12.2026 zahlten wir z.B. 12 500 Euro an einen falschen Lieferanten; die Bank konnte 3 000 Euro zurückholen.'],
    ['en', 'A colleague opened invoice.pdf, e.g. the usual kind; our boekhouding van de zaak was fine, and we now call back on a known number.'],
    ['en', 'The owner and the van driver lost 3.5 hours; version 2.1 of the app, 1,250 euros, room 101, and nothing else.'],
  ] as const)('no false positive on an ordinary %s sentence', (_l, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('does not flag a first name that is an ordinary lower-case word', () => {
    expect(kinds('we sent a mark of thanks', { companyName: 'X', domains: [], people: ['Mark Janssens'] })).toEqual([]);
    expect(kinds('Mark sent it', { companyName: 'X', domains: [], people: ['Mark Janssens'] })).toEqual([['person_name', 'Mark']]);
  });
});

describe('Belgian formats', () => {
  it.each(['+32 470 12 34 56', '+32470123456', '0032 2 123 45 67', '+32 (0)2 123 45 67', '0470 12 34 56', '0470/12.34.56', '02 123 45 67', '04 223 45 67', '09/223.45.67', '0470 123 456'])(
    '%s is a phone number',
    (n) => expect(looksLikePhone(n)).toBe(true),
  );
  it.each(['04.12.2026', '03/12/2026 1', '12 500', '2026', '01.12.2026 10'])('%s is not', (n) => expect(looksLikePhone(n)).toBe(false));

  it('checks IBANs the ISO 13616 way', () => {
    expect(ibanChecksumValid('BE68539007547034')).toBe(true);
    expect(ibanChecksumValid('BE68539007547035')).toBe(false);
    expect(ibanChecksumValid('NL91ABNA0417164300')).toBe(true);
  });

  it('flags a mistyped Belgian IBAN (it still points to one account) but not a random code', () => {
    expect(kinds('pay to BE68 5390 0754 7035 now')).toEqual([['iban', 'BE68 5390 0754 7035']]);
    expect(kinds('product code AB12 CDEF GHIJ KL')).toEqual([]);
  });
});
