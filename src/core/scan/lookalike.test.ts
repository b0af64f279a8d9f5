import fc from 'fast-check';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SWAP_TLDS,
  LOOKALIKE_KINDS,
  generateLookalikes,
  isValidHostname,
  keyboardNeighbours,
  punycodeDecode,
  punycodeEncode,
  type Lookalike,
  type LookalikeKind,
} from './lookalike.ts';

function all(domain: string, opts: { tlds?: string[]; suffix?: string } = {}): Map<string, LookalikeKind[]> {
  return new Map(generateLookalikes(domain, { ...opts, max: Infinity }).map((l) => [l.domain, l.kinds]));
}

function ofKind(results: Map<string, LookalikeKind[]>, kind: LookalikeKind): string[] {
  return [...results].filter(([, kinds]) => kinds.includes(kind)).map(([domain]) => domain);
}

describe('punycodeEncode / punycodeDecode', () => {
  // RFC 3492 §7.1 samples plus the usual German examples.
  const vectors: [string, string][] = [
    ['bücher', 'bcher-kva'],
    ['münchen', 'mnchen-3ya'],
    ['\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f', 'egbpdaj6bu4bxfgehfvwxn'],
    ['\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
    ['3\u5e74B\u7d44\u91d1\u516b\u5148\u751f', '3B-ww4c5e180e575a65lsy2b'],
    ['\u5b89\u5ba4\u5948\u7f8e\u6075-with-SUPER-MONKEYS', '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n'],
    ['-> $1.00 <-', '-> $1.00 <--'],
    ['\u{1f600}', 'e28h'],
  ];
  it.each(vectors)('%s ↔ %s', (unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });

  it('rejects bad input', () => {
    expect(() => punycodeEncode('a\ud800b')).toThrow(RangeError);
    expect(() => punycodeDecode('bcher-kv!')).toThrow(RangeError);
    expect(() => punycodeDecode('ü-abc')).toThrow(RangeError);
    expect(() => punycodeDecode('99999999999')).toThrow(RangeError);
  });

  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        expect(punycodeDecode(punycodeEncode(s))).toBe(s);
      }),
    );
  });

  it('agrees with Node’s IDNA ToASCII on lower-case labels (property)', () => {
    const alphabet = [
      ...'abcdefghijklmnopqrstuvwxyz0123456789',
      'é',
      'è',
      'ë',
      'à',
      'ç',
      'ı',
      'ü',
      'ñ',
      'а',
      'е',
      'о',
      'р',
      'с',
      'х',
      '中',
      '文',
    ];
    const label = fc
      .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 20 })
      .map((cs) => cs.join(''))
      .filter((s) => /[^a-z0-9]/.test(s));
    fc.assert(
      fc.property(label, (s) => {
        expect(`xn--${punycodeEncode(s)}.be`).toBe(domainToASCII(`${s}.be`));
      }),
    );
  });
});

describe('isValidHostname', () => {
  it('accepts LDH hostnames', () => {
    for (const ok of ['bakkerij.be', 'a.be', 'xn--bcher-kva.de', 'a-b.c-d.com', `${'a'.repeat(63)}.be`, 'localhost', 'B.BE']) {
      expect(isValidHostname(ok), ok).toBe(true);
    }
  });
  it('rejects the rest', () => {
    const long = Array.from({ length: 64 }, () => 'abc').join('.'); // 255 characters
    for (const bad of [
      '',
      '.be',
      'a..be',
      'be.',
      '-a.be',
      'a-.be',
      'a_b.be',
      'bäcker.de',
      `${'a'.repeat(64)}.be`,
      long,
      '1.2.3.4',
      'a b.be',
    ]) {
      expect(isValidHostname(bad), bad).toBe(false);
    }
  });
});

describe('keyboardNeighbours', () => {
  it('knows Belgian AZERTY and QWERTY', () => {
    expect(keyboardNeighbours('azerty', 'a')).toEqual(expect.arrayContaining(['z', 'q']));
    expect(keyboardNeighbours('azerty', 'a')).not.toContain('s');
    expect(keyboardNeighbours('qwerty', 'a')).toEqual(expect.arrayContaining(['q', 's', 'w', 'z']));
    expect([...keyboardNeighbours('azerty', 'm')].sort()).toEqual(['l', 'p']);
    expect([...keyboardNeighbours('azerty', 'w')].sort()).toEqual(['q', 's', 'x']);
    expect([...keyboardNeighbours('qwerty', 'k')].sort()).toEqual(['i', 'j', 'l', 'm', 'o']);
    expect(keyboardNeighbours('qwerty', 'é')).toEqual([]);
  });
});

describe('generateLookalikes: known examples', () => {
  const bakkerij = all('bakkerij.be');
  const schild = all('schild.be');

  const expected: [Map<string, LookalikeKind[]>, string, LookalikeKind][] = [
    [bakkerij, 'bakerij.be', 'omission'],
    [bakkerij, 'akkerij.be', 'omission'],
    [bakkerij, 'bakkkerij.be', 'repetition'],
    [bakkerij, 'bakkreij.be', 'transposition'],
    [bakkerij, 'bzkkerij.be', 'replacement_azerty'],
    [bakkerij, 'bqkkerij.be', 'replacement_azerty'],
    [bakkerij, 'bqkkerij.be', 'replacement_qwerty'],
    [bakkerij, 'bskkerij.be', 'replacement_qwerty'],
    [bakkerij, 'bqakkerij.be', 'insertion'],
    [bakkerij, 'baskkerij.be', 'insertion'], // s typed after a (QWERTY)
    [bakkerij, 'bakkerlj.be', 'homoglyph'],
    [bakkerij, `xn--${punycodeEncode('bakk\u0435rij')}.be`, 'homoglyph'], // Cyrillic е
    [bakkerij, 'cakkerij.be', 'bitsquatting'], // b 0x62 ^ 0x01
    [bakkerij, 'bak-kerij.be', 'hyphenation'],
    [bakkerij, 'bakkarij.be', 'vowel_swap'],
    [bakkerij, 'bakkerij.com', 'tld_swap'],
    [bakkerij, 'bakkerij.eu', 'tld_swap'],
    [bakkerij, 'bak.kerij.be', 'subdomain'],
    [schild, 'schiid.be', 'homoglyph'],
    [schild, 'sch1ld.be', 'homoglyph'],
    [schild, 'schilcl.be', 'homoglyph'],
    [schild, `xn--${punycodeEncode('s\u0441hild')}.be`, 'homoglyph'], // Cyrillic с
    [schild, `xn--${punycodeEncode('sch\u0131ld')}.be`, 'homoglyph'], // dotless ı
    [schild, 'shild.be', 'omission'],
    [schild, 'scihld.be', 'transposition'],
    [schild, 'schuld.be', 'vowel_swap'],
    [schild, 'schild.nl', 'tld_swap'],
    [schild, 'sc-hild.be', 'hyphenation'],
    [schild, 'schi.ld.be', 'subdomain'],
  ];
  it.each(expected.map(([m, d, k]) => [d, k, m] as const))('%s is a %s', (domain, kind, results) => {
    expect(results.get(domain)).toContain(kind);
  });

  it('keeps keyboards apart', () => {
    expect(bakkerij.get('bskkerij.be')).not.toContain('replacement_azerty'); // s is not next to a on AZERTY
    expect(bakkerij.get('bwkkerij.be')).toEqual(['replacement_qwerty']);
    expect(bakkerij.get('b1kkerij.be')).toContain('replacement_azerty');
    expect(bakkerij.get('bzkkerij.be')).toEqual(expect.arrayContaining(['replacement_azerty', 'replacement_qwerty']));
  });

  it('writes IDN homoglyphs as A-labels that Node agrees with', () => {
    const idn = ofKind(schild, 'homoglyph').filter((d) => d.startsWith('xn--'));
    expect(idn.length).toBeGreaterThan(0);
    for (const d of idn) expect(domainToASCII(d)).toBe(d);
  });

  it('merges kinds for the same domain, in LOOKALIKE_KINDS order', () => {
    const merged = [...bakkerij.values()].filter((kinds) => kinds.length > 1);
    expect(merged.length).toBeGreaterThan(0);
    for (const kinds of merged) expect(kinds).toEqual(LOOKALIKE_KINDS.filter((k) => kinds.includes(k)));
    // "bakkeerij" is both a repetition of e and an insertion of e (a neighbour of r).
    expect(bakkerij.get('bakkeerij.be')).toEqual(['repetition', 'insertion']);
  });

  it('swaps to the default TLDs except the own one, or to the given ones', () => {
    expect(ofKind(bakkerij, 'tld_swap').sort()).toEqual(
      DEFAULT_SWAP_TLDS.filter((t) => t !== 'be')
        .map((t) => `bakkerij.${t}`)
        .sort(),
    );
    const custom = all('bakkerij.be', { tlds: ['.LU', 'co.uk', 'be', 'not valid'] });
    expect(ofKind(custom, 'tld_swap').sort()).toEqual(['bakkerij.co.uk', 'bakkerij.lu']);
  });

  it('ranks tld_swap, then homoglyph and omission first', () => {
    const ranked = generateLookalikes('bakkerij.be');
    const firstKinds = ranked.slice(0, 9).map((l) => l.kinds);
    expect(firstKinds.every((k) => k.includes('tld_swap'))).toBe(true);
    const next = ranked.slice(9, 25).flatMap((l) => l.kinds);
    expect(next.every((k) => k === 'homoglyph' || k === 'omission')).toBe(true);
    const index = (d: string) => ranked.findIndex((l) => l.domain === d);
    expect(index('bakerij.be')).toBeLessThan(index('bakkreij.be'));
    expect(index('bakkreij.be')).toBeLessThan(index('cakkerij.be'));
  });

  it('prefers AZERTY typos for .be and QWERTY typos for .com', () => {
    const be = generateLookalikes('bakkerij.be', { max: Infinity }).map((l) => l.domain);
    const com = generateLookalikes('bakkerij.com', { max: Infinity }).map((l) => l.domain);
    // bwkkerij is QWERTY-only, b1kkerij is AZERTY-only (and bitsquatting-free).
    expect(be.indexOf('b1kkerij.be')).toBeLessThan(be.indexOf('bwkkerij.be'));
    expect(com.indexOf('bwkkerij.com')).toBeLessThan(com.indexOf('b1kkerij.com'));
  });

  it('is deterministic', () => {
    expect(generateLookalikes('schild.be')).toEqual(generateLookalikes('schild.be'));
  });
});

describe('generateLookalikes: input handling', () => {
  it('works on the registrable label and drops subdomains', () => {
    const results = all('www.Bakkerij-Peeters.be.');
    expect(results.has('bakkerij-peeters.be')).toBe(false);
    expect(results.get('bakkerijpeeters.be')).toContain('omission');
    expect(results.get('bakkerij-peeters.com')).toContain('tld_swap');
    expect([...results.keys()].some((d) => d.startsWith('www.'))).toBe(false);
  });

  it('knows common multi-part suffixes and takes a suffix option', () => {
    const uk = all('shop.bakery.co.uk');
    expect(uk.get('bakry.co.uk')).toContain('omission');
    expect(uk.get('bakery.be')).toContain('tld_swap');
    expect(uk.has('bakery.co.uk')).toBe(false);

    const gov = all('schild.gov.be', { suffix: 'gov.be' });
    expect(gov.get('shild.gov.be')).toContain('omission');
    expect(gov.get('schild.com')).toContain('tld_swap');
    // Without the option, gov is the label and schild a dropped subdomain.
    expect(all('schild.gov.be').get('go.be')).toContain('omission');
    expect(() => generateLookalikes('schild.be', { suffix: 'nl' })).toThrow(RangeError);
    expect(() => generateLookalikes('co.uk')).toThrow(RangeError);
  });

  it('takes public suffixes from the Public Suffix List (tldts), not a built-in list', () => {
    // ac.be, co.at and github.io are public suffixes on publicsuffix.org; a short built-in list did not know them.
    const ac = all('www.bakkerij.ac.be');
    expect(ac.get('bakkrij.ac.be')).toContain('omission');
    expect(ac.has('ac.be')).toBe(false);
    expect(all('shop.baeckerei.co.at').get('baeckrei.co.at')).toContain('omission');
    expect(all('bakkerij.github.io').get('bakkrij.github.io')).toContain('omission');
    expect(() => generateLookalikes('ac.be')).toThrow(RangeError);
  });

  it('fuzzes IDN input in Unicode form', () => {
    for (const input of ['münchen.de', 'xn--mnchen-3ya.de']) {
      const results = all(input);
      expect(results.has('xn--mnchen-3ya.de')).toBe(false);
      expect(results.get('mnchen.de')).toContain('omission');
      expect(results.get(`xn--${punycodeEncode('mücnhen')}.de`)).toContain('transposition');
      expect(results.get('xn--mnchen-3ya.com')).toContain('tld_swap');
    }
    // Back from Cyrillic to Latin.
    expect(all(`xn--${punycodeEncode('s\u0441hild')}.be`).get('schild.be')).toContain('homoglyph');
  });

  it('rejects what is not a domain', () => {
    for (const bad of ['', 'be', 'bakkerij', 'bak kerij.be', 'bak_kerij.be', '-bakkerij.be', 'xn--zz.be', 'ab--cd.be', 'http://x.be']) {
      expect(() => generateLookalikes(bad), bad).toThrow(RangeError);
    }
    expect(() => generateLookalikes('schild.be', { max: -1 })).toThrow(RangeError);
    expect(() => generateLookalikes('schild.be', { max: Number.NaN })).toThrow(RangeError);
  });

  it('caps at max, default 500', () => {
    expect(generateLookalikes('schild.be', { max: 0 })).toEqual([]);
    expect(generateLookalikes('schild.be', { max: 5 })).toHaveLength(5);
    expect(generateLookalikes('bakkerij-peeters-en-zonen.be')).toHaveLength(500);
    expect(generateLookalikes('bakkerij-peeters-en-zonen.be', { max: Infinity }).length).toBeGreaterThan(500);
  });
});

describe('generateLookalikes: properties', () => {
  const ldh = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
  const labelOf = (maxLength: number) =>
    fc
      .tuple(fc.array(fc.constantFrom(...ldh, ...ldh, '-'), { maxLength: maxLength - 1 }), fc.constantFrom(...ldh))
      .map(([body, last]) => [...body, last].join(''))
      .filter((s) => !s.startsWith('-') && s.slice(2, 4) !== '--');
  const label = labelOf(20);
  const idnLabel = fc
    .array(fc.constantFrom('a', 'b', 'c', 'e', 'o', 'x', '1', 'é', 'ü', 'а', 'с'), { minLength: 1, maxLength: 12 })
    .map((cs) => cs.join(''));
  const domain = fc
    .tuple(
      fc.option(label, { nil: undefined }),
      fc.oneof(label, idnLabel, labelOf(63)),
      fc.constantFrom('be', 'com', 'co.uk', 'nl', 'online'),
    )
    .map(([sub, l, suffix]) => (sub === undefined ? `${l}.${suffix}` : `${sub}.${l}.${suffix}`));
  const max = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constant(Infinity), fc.constant(undefined));

  function registrable(input: string): string {
    const ascii = domainToASCII(input);
    const parts = ascii.split('.');
    return parts.slice(ascii.endsWith('.co.uk') ? -3 : -2).join('.');
  }

  it('returns valid, distinct hostnames, never the input, at most max, kinds sorted and unique', () => {
    fc.assert(
      fc.property(domain, max, (input, cap) => {
        const results: Lookalike[] = generateLookalikes(input, cap === undefined ? {} : { max: cap });
        const domains = results.map((r) => r.domain);
        expect(results.length).toBeLessThanOrEqual(cap ?? 500);
        expect(new Set(domains).size).toBe(domains.length);
        const own = new Set([domainToASCII(input), registrable(input)]);
        for (const r of results) {
          expect(isValidHostname(r.domain), r.domain).toBe(true);
          expect(r.domain).toBe(r.domain.toLowerCase());
          expect(own.has(r.domain), r.domain).toBe(false);
          expect(r.kinds.length).toBeGreaterThan(0);
          expect(r.kinds).toEqual(LOOKALIKE_KINDS.filter((k) => r.kinds.includes(k)));
          // A-labels are real ones: Node decodes and re-encodes them to the same thing.
          if (r.domain.includes('xn--')) expect(domainToASCII(r.domain)).toBe(r.domain);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a larger max only extends the list (prefix property)', () => {
    fc.assert(
      fc.property(domain, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (input, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(generateLookalikes(input, { max: large }).slice(0, small)).toEqual(generateLookalikes(input, { max: small }));
      }),
      { numRuns: 50 },
    );
  });
});
