import { describe, expect, it } from 'vitest';
import { mailDmarc } from './checks/mail-dmarc.check.ts';
import { isDmarcCandidate, isDmarcRecord, isDmarcUri, parseDmarc } from './dmarc.ts';
import { NOW, snapshotWith } from './snapshot.fixture.ts';

const codes = (txt: string) => parseDmarc(txt).problems.map((p) => p.code);

describe('DMARC parsing (RFC 9989 §4.7, §4.8)', () => {
  it('reads a full record', () => {
    const { record, problems } = parseDmarc(
      'v=DMARC1; p=quarantine; sp=reject; np=reject; psd=n; t=n; rua=mailto:a@x.be,mailto:b@y.be!10m; ruf=mailto:f@x.be; adkim=s; aspf=r; fo=1:d',
    );
    expect(problems).toEqual([]);
    expect(record).toEqual({
      p: 'quarantine',
      sp: 'reject',
      np: 'reject',
      psd: 'n',
      testing: false,
      pct: 100,
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
    ['p=reject; np=maybe', 'np'],
    ['p=reject; t=yes', 't'],
    ['p=reject; psd=x', 'psd'],
    ['p=reject; adkim=x', 'adkim'],
    ['p=reject; fo=2', 'fo'],
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

describe('RFC 9989 (DMARCbis, obsoletes RFC 7489)', () => {
  it('§4.8: a record must start with v=DMARC1 itself; a leading space or another case is not a DMARC record', () => {
    expect(isDmarcRecord('v=DMARC1; p=reject')).toBe(true);
    expect(isDmarcRecord('v = DMARC1 ; p=reject')).toBe(true); // *WSP around "=" is allowed
    expect(isDmarcRecord(' v=DMARC1; p=reject')).toBe(false);
    expect(isDmarcRecord('v=dmarc1; p=reject')).toBe(false);
    expect(isDmarcRecord('p=reject; v=DMARC1')).toBe(false);
    expect(codes(' v=DMARC1; p=reject')).toContain('invalid_version');
  });

  it('pct, rf and ri were removed by RFC 9989; they are reported as obsolete, never as errors', () => {
    for (const rest of ['pct=101', 'pct=fifty', 'rf=afrf', 'rf=???', 'ri=86400', 'ri=-1']) {
      const { problems } = parseDmarc(`v=DMARC1; p=reject; ${rest}`);
      expect(problems, rest).toEqual([expect.objectContaining({ code: 'obsolete_tag', fatal: false })]);
    }
    expect(parseDmarc('v=DMARC1; p=reject; pct=25').record.pct).toBe(25); // still applied by RFC 7489 receivers
  });

  it('§4.7: reads np, psd and t', () => {
    expect(parseDmarc('v=DMARC1; p=reject; np=none; psd=y; t=y').record).toMatchObject({ np: 'none', psd: 'y', testing: true });
    expect(parseDmarc('v=DMARC1; p=reject').record).toMatchObject({ psd: 'u', testing: false });
  });
});

describe('mail.dmarc verdicts (RFC 9989; records from RFC 7489 Appendix B.2 as test data)', () => {
  const verdict = (...records: string[]) => {
    const outcome = mailDmarc(snapshotWith((s) => void (s.mail.dmarcTxt = { status: 'ok', records })), { now: NOW });
    return { status: outcome.status, key: outcome.messageKey, keys: (outcome.details.findings as { key: string }[]).map((f) => f.key) };
  };

  it('B.2.1 "v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com": monitoring only, a warning', () => {
    expect(verdict('v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com')).toMatchObject({ status: 'warn', key: 'mail.dmarc.policy_none' });
  });

  it('B.2.4 with pct=25: pct is obsolete (said so) and a partial policy still warns, nothing fails', () => {
    const v = verdict('v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net; pct=25');
    expect(v.status).toBe('warn');
    expect(v.keys).toEqual(expect.arrayContaining(['mail.dmarc.obsolete_tag', 'mail.dmarc.partial_pct']));
    expect(verdict('v=DMARC1; p=reject; rua=mailto:d@example.be; pct=100; ri=86400')).toMatchObject({ status: 'info', key: 'mail.dmarc.obsolete_tag' });
  });

  it('t=y (testing mode) weakens an enforcing policy: a warning', () => {
    expect(verdict('v=DMARC1; p=reject; t=y; rua=mailto:d@example.be')).toMatchObject({ status: 'warn', key: 'mail.dmarc.testing_mode' });
  });

  it('np=none leaves non-existent subdomains open: a warning', () => {
    expect(verdict('v=DMARC1; p=reject; np=none; rua=mailto:d@example.be')).toMatchObject({ status: 'warn', key: 'mail.dmarc.nonexistent_subdomain_policy_none' });
  });

  it('psd=y on a domain that is not a public suffix (Public Suffix List): a warning', () => {
    expect(verdict('v=DMARC1; p=reject; psd=y; rua=mailto:d@example.be')).toMatchObject({ status: 'warn', key: 'mail.dmarc.psd_not_suffix' });
  });

  it('a record with a leading space is discarded: the one valid record next to it counts, not "multiple records"', () => {
    expect(verdict('v=DMARC1; p=reject; rua=mailto:d@example.be', ' v=DMARC1; p=none')).toMatchObject({ status: 'pass' });
    expect(verdict(' v=DMARC1; p=reject; rua=mailto:d@example.be')).toMatchObject({ status: 'fail', key: 'mail.dmarc.invalid_version' });
  });
});
