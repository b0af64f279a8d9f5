import { describe, expect, it } from 'vitest';
import { isDmarcCandidate, isDmarcUri, parseDmarc } from './dmarc.ts';

const codes = (txt: string) => parseDmarc(txt).problems.map((p) => p.code);

describe('DMARC parsing (RFC 7489 §6.3, §6.4)', () => {
  it('reads a full record', () => {
    const { record, problems } = parseDmarc(
      'v=DMARC1; p=quarantine; sp=reject; pct=50; rua=mailto:a@x.be,mailto:b@y.be!10m; ruf=mailto:f@x.be; adkim=s; aspf=r; fo=1:d; rf=afrf; ri=86400',
    );
    expect(problems).toEqual([]);
    expect(record).toEqual({
      p: 'quarantine',
      sp: 'reject',
      pct: 50,
      rua: ['mailto:a@x.be', 'mailto:b@y.be!10m'],
      ruf: ['mailto:f@x.be'],
      adkim: 's',
      aspf: 'r',
    });
  });

  it('accepts no spaces, a trailing semicolon, spaces around "=" and policy values in any case', () => {
    expect(parseDmarc('v=DMARC1;p=reject;').problems).toEqual([]);
    expect(parseDmarc('v = DMARC1 ; p = Reject').record.p).toBe('reject');
  });

  it('defaults pct to 100 and alignment to relaxed', () => {
    expect(parseDmarc('v=DMARC1; p=none').record).toMatchObject({ pct: 100, adkim: 'r', aspf: 'r', rua: [] });
  });

  it('requires v=DMARC1 exactly, as the first tag', () => {
    expect(codes('v=dmarc1; p=reject')).toContain('invalid_version');
    expect(codes('p=reject; v=DMARC1')).toContain('invalid_version');
  });

  it('requires p', () => {
    expect(codes('v=DMARC1; rua=mailto:a@x.be')).toEqual(['missing_policy']);
  });

  it.each([
    ['p=block', 'p'],
    ['p=reject; sp=maybe', 'sp'],
    ['p=reject; pct=101', 'pct'],
    ['p=reject; pct=fifty', 'pct'],
    ['p=reject; adkim=x', 'adkim'],
    ['p=reject; fo=2', 'fo'],
    ['p=reject; ri=-1', 'ri'],
  ])('rejects %s', (rest, tag) => {
    const problem = parseDmarc(`v=DMARC1; ${rest}`).problems.find((p) => p.code === 'invalid_value');
    expect(problem).toMatchObject({ tag, fatal: true });
  });

  it('rejects a rua that is not a URI (a bare address is a common mistake)', () => {
    const { record, problems } = parseDmarc('v=DMARC1; p=reject; rua=dmarc@example.be,mailto:ok@example.be');
    expect(problems).toEqual([{ code: 'invalid_uri', tag: 'rua', value: 'dmarc@example.be', fatal: true }]);
    expect(record.rua).toEqual(['mailto:ok@example.be']);
  });

  it('warns about unknown tags (typos) without rejecting the record', () => {
    expect(parseDmarc('v=DMARC1; p=reject; rau=mailto:a@x.be').problems).toEqual([
      { code: 'unknown_tag', tag: 'rau', value: 'mailto:a@x.be', fatal: false },
    ]);
  });

  it('rejects duplicate tags and malformed parts', () => {
    expect(codes('v=DMARC1; p=reject; p=none')).toContain('duplicate_tag');
    expect(codes('v=DMARC1; p=reject; garbage')).toContain('malformed');
  });

  it('recognises candidate records and URIs', () => {
    expect(isDmarcCandidate('v=DMARC1; p=none')).toBe(true);
    expect(isDmarcCandidate('v=DMARC1')).toBe(true);
    expect(isDmarcCandidate('v=DMARC10; p=none')).toBe(false);
    expect(isDmarcCandidate('v=spf1 -all')).toBe(false);
    expect(isDmarcUri('mailto:dmarc@example.be!50k')).toBe(true);
    expect(isDmarcUri('https://reports.example.be/dmarc')).toBe(true);
    expect(isDmarcUri('mailto:not-an-address')).toBe(false);
  });
});
