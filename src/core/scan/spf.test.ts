import { describe, expect, it } from 'vitest';
import { mailSpf } from './checks/mail-spf.check.ts';
import { NOW, snapshotWith } from './snapshot.fixture.ts';
import type { DnsAnswer, SpfLookups } from './snapshot.ts';
import { evaluateSpf, isIp6, isSpfRecord, isValidDomainSpec, isValidMacroString, parseSpf } from './spf.ts';

const ok = (...records: string[]): DnsAnswer<string> => ({ status: 'ok', records });
const lookups = (txt: Record<string, DnsAnswer<string>>, extra: Partial<SpfLookups> = {}): SpfLookups => ({ txt, a: {}, mx: {}, ...extra });

describe('record selection (RFC 7208 §4.5)', () => {
  it.each([
    ['v=spf1 -all', true],
    ['v=spf1', true],
    ['V=SPF1 mx -all', true],
    ['v=spf10 -all', false],
    ['v=spf1include:x.be', false],
    ['spf1 -all', false],
  ])('%s → %s', (txt, expected) => expect(isSpfRecord(txt)).toBe(expected));
});

describe('syntax (RFC 7208 §12)', () => {
  it('accepts every mechanism and modifier form', () => {
    const { terms, errors } = parseSpf(
      'v=spf1 a mx/24 a:mail.example.be/24//64 -ip4:192.0.2.0/24 ~ip6:2001:db8::/32 ip6:::ffff:192.0.2.1 ?include:_spf.google.com exists:%{i}._spf.example.be ptr:example.be redirect=_spf.example.be exp=explain.example.be v2=x',
    );
    expect(errors).toEqual([]);
    expect(terms).toHaveLength(12);
    expect(terms[3]).toMatchObject({ type: 'mechanism', mechanism: 'ip4', qualifier: '-' });
    expect(terms[6]).toMatchObject({ mechanism: 'include', qualifier: '?', target: '_spf.google.com' });
  });

  it.each([
    ['ip4:192.0.2', 'invalid_ip4'],
    ['ip4:192.0.2.01', 'invalid_ip4'],
    ['ip4:192.0.2.1/33', 'invalid_cidr'],
    ['ip6:2001:db8:::1', 'invalid_ip6'],
    ['ip6:2001:db8::/129', 'invalid_cidr'],
    ['include', 'invalid_domain_spec'],
    ['include:localhost', 'invalid_domain_spec'],
    ['include:example.123', 'invalid_domain_spec'],
    ['a:bad%domain.be', 'invalid_domain_spec'],
    ['mx/40', 'invalid_cidr'],
    ['all:x', 'invalid_term'],
    ['ipv4:192.0.2.1', 'unknown_mechanism'],
    ['redirect=a.be redirect=b.be', 'duplicate_modifier'],
  ])('%s → %s', (terms, code) => {
    expect(parseSpf(`v=spf1 ${terms} -all`).errors.map((e) => e.code)).toContain(code);
  });

  it('validates domain-specs with macros and underscores', () => {
    expect(isValidDomainSpec('_spf.example.be')).toBe(true);
    expect(isValidDomainSpec('%{ir}.%{v}._spf.%{d2}')).toBe(true);
    expect(isValidDomainSpec('%{x}.example.be')).toBe(false);
  });

  it.each([
    ['::', true],
    ['2001:db8::1', true],
    ['1:2:3:4:5:6:7:8', true],
    ['::ffff:192.0.2.1', true],
    ['1:2:3:4:5:6:7:8:9', false],
    ['1::2::3', false],
    ['2001:db8:g::1', false],
  ])('ip6 %s → %s', (s, expected) => expect(isIp6(s)).toBe(expected));
});

describe('DNS lookup counting (RFC 7208 §4.6.4)', () => {
  // 3 + 2 + 2 + 1 + 2 = 10 querying terms across five records.
  const tree = lookups({
    'a.test': ok('v=spf1 include:c.test a ip4:192.0.2.1 -all'),
    'b.test': ok('v=spf1 redirect=d.test'),
    'c.test': ok('v=spf1 exists:x.test ptr ~all'),
    'd.test': ok('v=spf1 a:e.test mx:f.test -all'),
  });
  const top = ok('v=spf1 include:a.test include:b.test mx -all', 'google-site-verification=abc');

  it('counts include, a, mx, ptr, exists and redirect through nested includes', () => {
    const ev = evaluateSpf('example.be', top, tree);
    expect(ev?.lookups).toBe(10);
    expect(ev?.tree.lookups).toBe(3);
    expect(ev?.tree.children.map((c) => [c.domain, c.via, c.lookups])).toEqual([
      ['a.test', 'include', 2],
      ['b.test', 'include', 1],
    ]);
    expect(ev?.tree.children[1]?.children[0]).toMatchObject({ domain: 'd.test', via: 'redirect', lookups: 2 });
    expect(ev?.usesPtr).toBe(true);
    expect(ev?.allQualifier).toBe('-');
  });

  it('fails the 11th lookup and says where the lookups are', () => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 include:a.test include:b.test mx a -all');
      s.mail.spfLookups = tree;
    });
    const outcome = mailSpf(s, { now: NOW });
    expect(outcome).toMatchObject({ status: 'fail', messageKey: 'mail.spf.too_many_lookups', params: { count: 11, limit: 10 } });
    expect(outcome.details.tree).toMatchObject({ domain: 'example.be', lookups: 4 });
  });

  it('does not count ip4, ip6, all or exp, nor a redirect next to all (§6.1)', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 ip4:192.0.2.1 ip6:2001:db8::1 exp=x.example.be redirect=r.example.be -all'),
      lookups({}),
    );
    expect(ev?.lookups).toBe(0);
  });

  it('counts a target reached twice (a diamond) twice, without calling it a loop', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 include:a.test include:b.test -all'),
      lookups({
        'a.test': ok('v=spf1 include:c.test -all'),
        'b.test': ok('v=spf1 include:c.test -all'),
        'c.test': ok('v=spf1 ip4:192.0.2.1 -all'),
      }),
    );
    expect(ev?.lookups).toBe(4);
    expect(ev?.loops).toEqual([]);
  });

  it('counts a macro target but cannot follow it', () => {
    const ev = evaluateSpf('example.be', ok('v=spf1 include:%{d}.spf.test -all'), lookups({}));
    expect(ev?.lookups).toBe(1);
    expect(ev?.problems).toEqual([{ domain: 'example.be', code: 'macro', detail: 'include:%{d}.spf.test' }]);
  });
});

describe('void lookups (RFC 7208 §4.6.4)', () => {
  it('counts NXDOMAIN and empty answers once each, from include, a, mx and exists', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 include:gone.test a:nohost.test mx:nomx.test exists:%{i}.x.test exists:yes.test -all'),
      lookups(
        { 'gone.test': { status: 'nxdomain' } },
        { a: { 'nohost.test': { status: 'nodata' }, 'yes.test': ok('127.0.0.2') }, mx: { 'nomx.test': { status: 'ok', records: [] } } },
      ),
    );
    expect(ev?.voidLookups).toBe(3);
    expect(ev?.voidNames).toEqual(['gone.test', 'nohost.test', 'nomx.test']);
    expect(ev?.problems.map((p) => p.code)).toEqual(['no_record', 'macro']);
  });

  it('allows two and fails the third', () => {
    const two = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 a:x.test a:y.test -all');
      s.mail.spfLookups = lookups({}, { a: { 'x.test': { status: 'nxdomain' }, 'y.test': { status: 'nxdomain' } } });
    });
    expect(mailSpf(two, { now: NOW }).status).toBe('pass');
    const three = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 a:x.test a:y.test mx:z.test -all');
      s.mail.spfLookups = lookups(
        {},
        { a: { 'x.test': { status: 'nxdomain' }, 'y.test': { status: 'nxdomain' } }, mx: { 'z.test': { status: 'nodata' } } },
      );
    });
    expect(mailSpf(three, { now: NOW })).toMatchObject({
      status: 'fail',
      messageKey: 'mail.spf.too_many_void_lookups',
      params: { count: 3, limit: 2 },
    });
  });

  it('does not count a lookup error or an answer with records as void (checkdmarc#94)', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 a:x.test include:t.test -all'),
      lookups({ 't.test': { status: 'error', reason: 'timeout' } }, { a: { 'x.test': ok('192.0.2.1') } }),
    );
    expect(ev?.voidLookups).toBe(0);
    expect(ev?.problems).toEqual([{ domain: 't.test', code: 'lookup_error', detail: 'timeout' }]);
  });
});

describe('loops and broken includes', () => {
  it('finds an include loop', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 include:a.test -all'),
      lookups({ 'a.test': ok('v=spf1 include:b.test -all'), 'b.test': ok('v=spf1 include:a.test -all') }),
    );
    expect(ev?.loops).toEqual([['example.be', 'a.test', 'b.test', 'a.test']]);
  });

  it('finds a redirect back to the domain itself', () => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 include:_spf.example.be');
      s.mail.spfLookups = lookups({ '_spf.example.be': ok('v=spf1 ip4:192.0.2.1 redirect=example.be') });
    });
    const outcome = mailSpf(s, { now: NOW });
    expect(outcome.status).toBe('fail');
    const keys = (outcome.details.findings as { key: string; params: Record<string, string> }[]).map((f) => [f.key, f.params.path]);
    expect(keys).toContainEqual(['mail.spf.include_loop', 'example.be → _spf.example.be → example.be']);
  });

  it('reports an include of a domain without SPF, and one with two records', () => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 include:nospf.test include:two.test -all');
      s.mail.spfLookups = lookups({ 'nospf.test': ok('some other txt'), 'two.test': ok('v=spf1 -all', 'v=spf1 mx -all') });
    });
    const keys = (mailSpf(s, { now: NOW }).details.findings as { key: string }[]).map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['mail.spf.include_without_spf', 'mail.spf.include_multiple_records']));
  });

  it('takes the all qualifier from the redirect target when the record has none (§6.1)', () => {
    const ev = evaluateSpf(
      'example.be',
      ok('v=spf1 redirect=_spf.example.be'),
      lookups({ '_spf.example.be': ok('v=spf1 ip4:192.0.2.1 ~all') }),
    );
    expect(ev?.allQualifier).toBe('~');
  });

  it('flags mechanisms after all, which are never evaluated (§5.1)', () => {
    expect(evaluateSpf('example.be', ok('v=spf1 -all ip4:192.0.2.1'), lookups({}))?.termsAfterAll).toBe(true);
  });

  it('says the result is incomplete ("could not test") when an include was not captured, without failing', () => {
    const s = snapshotWith((s) => (s.mail.apexTxt = ok('v=spf1 include:unknown.test -all')));
    expect(mailSpf(s, { now: NOW })).toMatchObject({ status: 'error', messageKey: 'mail.spf.lookup_incomplete' });
  });
});

describe('RFC 7208 Appendix A examples parse without errors', () => {
  it.each([
    'v=spf1 +all',
    'v=spf1 a -all',
    'v=spf1 a:example.org -all',
    'v=spf1 mx -all',
    'v=spf1 mx:example.org -all',
    'v=spf1 mx mx:example.org -all',
    'v=spf1 mx/30 mx:example.org/30 -all',
    'v=spf1 ptr -all',
    'v=spf1 ip4:192.0.2.128/28 -all',
    'v=spf1 mx -all exp=explain._spf.%{d}',
    'v=spf1 -include:ip4._spf.%{d} -include:ptr._spf.%{d} +all',
    'v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all',
  ])('%s', (record) => expect(parseSpf(record).errors).toEqual([]));
});

describe('macros (RFC 7208 §7)', () => {
  // The macro strings of the §7.4 examples are all valid in a record.
  it.each(['%{s}', '%{o}', '%{d}', '%{d4}', '%{d3}', '%{d2}', '%{d1}', '%{dr}', '%{d2r}', '%{l}', '%{l-}', '%{lr}', '%{lr-}', '%{l1r-}', '%{ir}.%{v}._spf.%{d2}', '%{lr-}.lp._spf.%{d2}', '%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', '%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '%{d2}.trusted-domains.example.net'])(
    '§7.4 example %s is a valid macro-string and domain-spec',
    (text) => {
      expect(isValidMacroString(text)).toBe(true);
      expect(isValidDomainSpec(text)).toBe(true);
    },
  );

  it.each([
    ['exists:%{c}.spf.example.be', 'invalid_domain_spec'],
    ['a:%{r}.example.be', 'invalid_domain_spec'],
    ['include:%{t}.example.be', 'invalid_domain_spec'],
    ['exp=%{c}.explain.example.be', 'invalid_macro'],
    ['redirect=%{r}._spf.example.be', 'invalid_macro'],
  ])('§7.2: c, r and t are allowed only in exp text, not in the record: %s → %s', (term, code) => {
    expect(parseSpf(`v=spf1 ${term} -all`).errors).toEqual([{ code, term }]);
  });

  it.each(['foo=%{t}', 'foo=%x', 'foo=50%', 'foo=%{d0}', 'foo=%{q}'])('§7.1 and §12: an unknown modifier needs a valid macro-string: %s', (term) => {
    expect(parseSpf(`v=spf1 -all ${term}`).errors).toEqual([{ code: 'invalid_macro', term }]);
  });

  it('§7.3: a DIGIT transformer must be nonzero', () => {
    expect(isValidDomainSpec('%{d0}.example.be')).toBe(false);
    expect(isValidDomainSpec('%{d10}.example.be')).toBe(true);
  });

  it('accepts unknown modifiers with a valid macro-string, and the escapes %%, %_ and %-', () => {
    expect(parseSpf('v=spf1 -all foo=%{i}.bar moo=100%%').errors).toEqual([]);
  });
});

describe('mx address lookups (RFC 7208 §4.6.4)', () => {
  const mxSet = (n: number) => ({ status: 'ok' as const, records: Array.from({ length: n }, (_, i) => ({ preference: i, exchange: `mx${i}.example.be` })) });

  it('fails an mx whose MX set needs more than 10 address lookups', () => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 mx -all');
      s.mail.spfLookups = lookups({}, { mx: { 'example.be': mxSet(11) }, a: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`mx${i}.example.be`, ok('192.0.2.1')])) });
    });
    expect(mailSpf(s, { now: NOW })).toMatchObject({ status: 'fail', messageKey: 'mail.spf.too_many_mx', params: { domain: 'example.be', count: 11, limit: 10 } });
  });

  it('allows exactly 10', () => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok('v=spf1 mx -all');
      s.mail.spfLookups = lookups({}, { mx: { 'example.be': mxSet(10) }, a: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`mx${i}.example.be`, ok('192.0.2.1')])) });
    });
    expect(mailSpf(s, { now: NOW }).status).toBe('pass');
  });
});

describe('a DNS timeout makes the result incomplete, never silently fine (RFC 7208 §4.4 temperror)', () => {
  const timeout = { status: 'error' as const, reason: 'timeout' as const };
  it.each([
    ['a:web.example.be', lookups({}, { a: { 'web.example.be': timeout } }), 'web.example.be'],
    ['mx', lookups({}, { mx: { 'example.be': timeout } }), 'example.be'],
    ['exists:check.example.be', lookups({}, { a: { 'check.example.be': timeout } }), 'check.example.be'],
    ['include:_spf.example.be', lookups({ '_spf.example.be': timeout }), '_spf.example.be'],
    ['mx', lookups({}, { mx: { 'example.be': { status: 'ok', records: [{ preference: 10, exchange: 'mx.example.be' }] } }, a: { 'mx.example.be': timeout } }), 'mx.example.be'],
  ])('%s', (term, captured, domain) => {
    const s = snapshotWith((s) => {
      s.mail.apexTxt = ok(`v=spf1 ${term} -all`);
      s.mail.spfLookups = captured;
    });
    expect(mailSpf(s, { now: NOW })).toMatchObject({ status: 'error', messageKey: 'mail.spf.lookup_incomplete', params: { domain } });
  });
});
