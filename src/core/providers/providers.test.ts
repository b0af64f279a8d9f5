/** Pure rules of the IT provider directory: forms, filters, what counts as verified, track completion, order. */
import { describe, expect, it } from 'vitest';
import { addYears, brusselsDate, isVerifiedOn, readClaimForm } from './certifications.ts';
import { buildCard, orderCards, readDirectoryQuery, type ClaimRow, type ListedProvider } from './directory.ts';
import { isHttpsUrl, readProfileForm } from './profile.ts';
import { PROVIDER_TRACK_LESSON_IDS } from './track.ts';

const profile = { description: { en: 'x' }, services: ['backups' as const], sectors: [], regions: ['flanders' as const], languages: ['nl' as const], website: null, email: 'a@b.be', phone: null, listed: true };
const provider = (name: string): ListedProvider => ({ organisationId: name, name, verifiedAt: null, profile });
const claim = (over: Partial<ClaimRow>): ClaimRow => ({ id: '1', organisationId: 'o', kind: 'cyfun_basic', label: null, issuer: 'CAB', reference: 'R', evidenceUrl: 'https://x.be', validUntil: '2027-01-01', status: 'verified', ...over });

describe('provider profile form', () => {
  it('accepts https only, without credentials (RFC 9110 §4.2.2)', () => {
    expect(isHttpsUrl('https://example.be/path')).toBe(true);
    expect(isHttpsUrl('http://example.be')).toBe(false);
    expect(isHttpsUrl('https://user:pw@example.be')).toBe(false);
    expect(isHttpsUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpsUrl('https://localhost')).toBe(false);
  });

  it('needs a description in one language, a known service, region and language; a listed profile needs a contact', () => {
    const ok = readProfileForm({ description_fr: 'Bonjour', services: 'backups', regions: ['wallonia'], languages: 'fr', email: 'a@b.be', listed: 'yes' });
    expect(ok.ok).toBe(true);
    const bad = readProfileForm({ services: ['backups', 'x'], regions: [], languages: 'es', listed: 'no' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['description_nl', 'languages', 'regions', 'services']);
    const noContact = readProfileForm({ description_fr: 'Bonjour', services: 'backups', regions: 'wallonia', languages: 'fr', listed: 'yes' });
    expect(noContact.ok === false && noContact.errors.email).toBe('provider.error.contact_needed');
  });
});

describe('certification claims', () => {
  const form = { kind: 'cyfun_basic', reference: 'R', issuer: 'CAB', evidenceUrl: 'https://x.be' };
  it('valid until must be after today and at most five years ahead', () => {
    expect(readClaimForm({ ...form, validUntil: '2026-12-06' }, '2026-12-06').ok).toBe(false);
    expect(readClaimForm({ ...form, validUntil: '2026-12-07' }, '2026-12-06').ok).toBe(true);
    expect(readClaimForm({ ...form, validUntil: addYears('2026-12-06', 5) }, '2026-12-06').ok).toBe(true);
    expect(readClaimForm({ ...form, validUntil: '2031-12-07' }, '2026-12-06').ok).toBe(false);
    expect(readClaimForm({ ...form, validUntil: '2027-02-29' }, '2026-12-06').ok).toBe(false);
  });

  it('counts as verified only while verified and not expired (the end date itself still counts)', () => {
    expect(isVerifiedOn({ status: 'verified', validUntil: '2026-12-06' }, '2026-12-06')).toBe(true);
    expect(isVerifiedOn({ status: 'verified', validUntil: '2026-12-05' }, '2026-12-06')).toBe(false);
    expect(isVerifiedOn({ status: 'pending', validUntil: '2030-01-01' }, '2026-12-06')).toBe(false);
  });
});

describe('directory', () => {
  it('reads filters: empty is any; unknown, repeated or out-of-range values are problems', () => {
    const r = readDirectoryQuery({ region: '', language: 'fr', sector: 'C', service: 'backups', page: '2' });
    expect(r).toEqual({ ok: true, filter: { region: null, language: 'fr', sector: 'C', service: 'backups' }, page: 2 });
    const bad = readDirectoryQuery({ region: 'other', language: ['nl', 'fr'], sector: 'c', service: 'x', page: '0' });
    expect(bad.ok === false && bad.problems.map((p) => p.field)).toEqual(['region', 'language', 'sector', 'service', 'page']);
  });

  it('a card shows pending and expired claims as not verified, and leaves rejected and withdrawn out', () => {
    const card = buildCard(
      provider('A'),
      [claim({ id: '1' }), claim({ id: '2', status: 'pending', kind: 'iso27001' }), claim({ id: '3', validUntil: '2020-01-01', kind: 'cyfun_important' }), claim({ id: '4', status: 'rejected' }), claim({ id: '5', status: 'withdrawn' })],
      new Map(),
      '2026-12-06',
    );
    expect(card.claims.map((c) => [c.kind, c.verified])).toEqual([
      ['cyfun_basic', true],
      ['cyfun_important', false],
      ['iso27001', false],
    ]);
    expect(card.verifiedClaims).toBe(1);
  });

  it('the track is completed only when one person passed every lesson', () => {
    const all = [...PROVIDER_TRACK_LESSON_IDS];
    const split = new Map([
      ['u1', all.slice(0, 2)],
      ['u2', all.slice(2)],
    ]);
    expect(buildCard(provider('A'), [], split, '2026-12-06').trackCompleted).toBe(false);
    expect(buildCard(provider('A'), [], new Map([['u1', all]]), '2026-12-06').trackCompleted).toBe(true);
  });

  it('orders providers with a verified claim first, then by name', () => {
    const today = '2026-12-06';
    const cards = [buildCard(provider('Zeta'), [claim({})], new Map(), today), buildCard(provider('Alpha'), [], new Map(), today), buildCard(provider('Ébène'), [], new Map(), today)];
    expect(orderCards(cards).map((c) => c.name)).toEqual(['Zeta', 'Alpha', 'Ébène']);
  });
});

describe('brusselsDate (one shared formatter)', () => {
  // Certificates run out on a Belgian calendar day (Europe/Brussels: UTC+2 in summer, UTC+1 in winter), whatever
  // the server's time zone; the formatter made once at load must still give each call its own day.
  it('gives the Brussels calendar day on either side of midnight, summer and winter', () => {
    expect(brusselsDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(brusselsDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(brusselsDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(brusselsDate(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
