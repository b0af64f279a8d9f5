/**
 * Lookalike (typosquatting) domains for the brand.lookalike check, after dnstwist's fuzzers.
 *
 * Pure: a domain in, a ranked list of candidate domains out. Resolving them (A/MX) is someone else's job.
 * The fuzzers work on the registrable label only: for `www.bakkerij-peeters.be` that is `bakkerij-peeters`
 * with suffix `be`; subdomains of the input are dropped. Public suffixes (`co.uk`, `ac.be`, `github.io`) come from
 * the Public Suffix List through tldts (publicsuffix.org), or from `opts.suffix`. IDN input (Unicode or `xn--`) is fuzzed in its Unicode form and every
 * non-ASCII result is written as an A-label (`xn--…`) with the RFC 3492 encoder below.
 */
import { publicSuffixOf } from './public-suffix.ts';

export const LOOKALIKE_KINDS = [
  'tld_swap',
  'homoglyph',
  'omission',
  'transposition',
  'repetition',
  'hyphenation',
  'vowel_swap',
  'replacement_azerty',
  'replacement_qwerty',
  'insertion',
  'subdomain',
  'bitsquatting',
] as const;

export type LookalikeKind = (typeof LOOKALIKE_KINDS)[number];

export interface Lookalike {
  /** ASCII hostname (IDNs as `xn--` A-labels), lower case, no trailing dot. */
  domain: string;
  /** Every fuzzer that produced this domain, in LOOKALIKE_KINDS order. */
  kinds: LookalikeKind[];
}

export interface LookalikeOptions {
  /** TLDs (or multi-part suffixes) for tld_swap; replaces DEFAULT_SWAP_TLDS. */
  tlds?: readonly string[];
  /** At most this many results (default 500). Infinity means no cap. */
  max?: number;
  /** Public suffix of `domain` when it differs from the Public Suffix List's, e.g. `gov.be`. */
  suffix?: string;
}

export const DEFAULT_SWAP_TLDS: readonly string[] = ['be', 'com', 'eu', 'nl', 'fr', 'net', 'org', 'de', 'shop', 'online'];
export const DEFAULT_MAX_LOOKALIKES = 500;


// ---------------------------------------------------------------------------------------------------------------
// Hostname validity

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * True for an LDH hostname: dot-separated labels of 1–63 letters, digits and hyphens, no label starting or
 * ending with a hyphen, at most 253 characters, no trailing dot, and a TLD that is not all digits.
 */
export function isValidHostname(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => LDH_LABEL.test(label))) return false;
  return !/^[0-9]+$/.test(labels[labels.length - 1] ?? '');
}

// ---------------------------------------------------------------------------------------------------------------
// Punycode (RFC 3492)

const BASE = 36;
const TMIN = 1;
const TMAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAXINT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : Math.floor(delta / 2);
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - TMIN) * TMAX) >> 1) {
    d = Math.floor(d / (BASE - TMIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - TMIN + 1) * d) / (d + SKEW));
}

function threshold(k: number, bias: number): number {
  if (k <= bias) return TMIN;
  if (k >= bias + TMAX) return TMAX;
  return k - bias;
}

function encodeDigit(d: number): string {
  // 0..25 → a..z, 26..35 → 0..9
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

function decodeDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0..9 → 26..35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/**
 * RFC 3492 Punycode encoding of one label, without the `xn--` prefix: `bücher` → `bcher-kva`.
 * Case is kept as given (callers lower-case first). An all-ASCII label encodes to itself plus `-`, as the RFC says.
 * Throws RangeError on lone surrogates or overflow.
 */
export function punycodeEncode(label: string): string {
  const input = Array.from(label, (ch) => ch.codePointAt(0) ?? 0);
  if (input.some(isSurrogate)) throw new RangeError('punycode: lone surrogate in input');
  let output = '';
  for (const cp of input) if (cp < 0x80) output += String.fromCharCode(cp);
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += '-';

  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < input.length) {
    let m = Infinity;
    for (const cp of input) if (cp >= n && cp < m) m = cp;
    if (m - n > Math.floor((MAXINT - delta) / (handled + 1))) throw new RangeError('punycode: overflow');
    delta += (m - n) * (handled + 1);
    n = m;
    for (const cp of input) {
      if (cp < n && ++delta > MAXINT) throw new RangeError('punycode: overflow');
      if (cp === n) {
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          output += encodeDigit(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        output += encodeDigit(q);
        bias = adapt(delta, handled + 1, handled === basicCount);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}

/** RFC 3492 Punycode decoding of one label without the `xn--` prefix: `mnchen-3ya` → `münchen`. Throws RangeError on bad input. */
export function punycodeDecode(encoded: string): string {
  const output: number[] = [];
  const lastDelimiter = encoded.lastIndexOf('-');
  const basicEnd = lastDelimiter < 0 ? 0 : lastDelimiter;
  for (let j = 0; j < basicEnd; j++) {
    const code = encoded.charCodeAt(j);
    if (code >= 0x80) throw new RangeError('punycode: non-basic code point before the delimiter');
    output.push(code);
  }
  let n = INITIAL_N;
  let i = 0;
  let bias = INITIAL_BIAS;
  let pos = lastDelimiter < 0 ? 0 : lastDelimiter + 1;
  while (pos < encoded.length) {
    const oldi = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (pos >= encoded.length) throw new RangeError('punycode: truncated input');
      const digit = decodeDigit(encoded.charCodeAt(pos++));
      if (digit >= BASE) throw new RangeError('punycode: invalid digit');
      if (digit > Math.floor((MAXINT - i) / w)) throw new RangeError('punycode: overflow');
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAXINT / (BASE - t))) throw new RangeError('punycode: overflow');
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldi, length, oldi === 0);
    if (Math.floor(i / length) > MAXINT - n) throw new RangeError('punycode: overflow');
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || isSurrogate(n)) throw new RangeError('punycode: invalid code point');
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/** One label to its ASCII form: unchanged when ASCII, else `xn--` + Punycode. */
function toAsciiLabel(label: string): string {
  return isAscii(label) ? label : `xn--${punycodeEncode(label)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyboards and glyphs

export type KeyboardLayout = 'azerty' | 'qwerty';

// Rows as printed, left-aligned; each row sits half a key to the right of the one above, so the key at (r, c)
// touches (r-1, c), (r-1, c+1), (r, c±1), (r+1, c-1) and (r+1, c). Non-LDH keys are '.' placeholders.
const QWERTY_ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
// Belgian AZERTY: the digits share the top row with & é " ' ( § è ! ç à ) - (digits need Shift there).
const AZERTY_BE_ROWS = ['1234567890.-', 'azertyuiop', 'qsdfghjklm', 'wxcvbn'];

function isLdhChar(ch: string): boolean {
  return /^[a-z0-9-]$/.test(ch);
}

function buildNeighbours(rows: readonly string[]): ReadonlyMap<string, readonly string[]> {
  const keyAt = (r: number, c: number): string => {
    const ch = c >= 0 ? (rows[r]?.[c] ?? '') : '';
    return isLdhChar(ch) ? ch : '';
  };
  const map = new Map<string, readonly string[]>();
  rows.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      const ch = row[c] ?? '';
      if (!isLdhChar(ch)) continue;
      const around = [keyAt(r - 1, c), keyAt(r - 1, c + 1), keyAt(r, c - 1), keyAt(r, c + 1), keyAt(r + 1, c - 1), keyAt(r + 1, c)];
      map.set(ch, [...new Set(around.filter((k) => k !== ''))]);
    }
  });
  return map;
}

const NEIGHBOURS: Readonly<Record<KeyboardLayout, ReadonlyMap<string, readonly string[]>>> = {
  azerty: buildNeighbours(AZERTY_BE_ROWS),
  qwerty: buildNeighbours(QWERTY_ROWS),
};

/** Keys next to `ch` on a Belgian AZERTY or a US QWERTY keyboard (LDH keys only). */
export function keyboardNeighbours(layout: KeyboardLayout, ch: string): readonly string[] {
  return NEIGHBOURS[layout].get(ch.toLowerCase()) ?? [];
}

/** ASCII look-alikes, [from, to]; applied one occurrence at a time (and to all occurrences of single characters). */
const ASCII_HOMOGLYPHS: readonly (readonly [string, string])[] = [
  ['l', 'i'],
  ['l', '1'],
  ['i', 'l'],
  ['i', '1'],
  ['1', 'l'],
  ['1', 'i'],
  ['o', '0'],
  ['0', 'o'],
  ['m', 'rn'],
  ['rn', 'm'],
  ['m', 'nn'],
  ['nn', 'm'],
  ['w', 'vv'],
  ['vv', 'w'],
  ['d', 'cl'],
  ['cl', 'd'],
  ['g', 'q'],
  ['q', 'g'],
  ['u', 'v'],
  ['v', 'u'],
];

/** Cyrillic а с е о р х and Latin à ç é è ë ı for their plain Latin letters. */
const CYRILLIC = { a: '\u0430', c: '\u0441', e: '\u0435', o: '\u043e', p: '\u0440', x: '\u0445' } as const;
const CYRILLIC_FOR: Readonly<Record<string, string>> = CYRILLIC;
const IDN_HOMOGLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: [CYRILLIC.a, '\u00e0'],
  c: [CYRILLIC.c, '\u00e7'],
  e: [CYRILLIC.e, '\u00e9', '\u00e8', '\u00eb'],
  i: ['\u0131'],
  o: [CYRILLIC.o],
  p: [CYRILLIC.p],
  x: [CYRILLIC.x],
};
/** The way back, for IDN input: а → a, é → e, … */
const LATIN_FOR: ReadonlyMap<string, string> = new Map(
  Object.entries(IDN_HOMOGLYPHS).flatMap(([latin, glyphs]) => glyphs.map((g) => [g, latin] as const)),
);

const VOWELS = 'aeiou';

// ---------------------------------------------------------------------------------------------------------------
// Ranking

const KIND_WEIGHT: Readonly<Record<LookalikeKind, number>> = {
  tld_swap: 100,
  homoglyph: 90,
  omission: 85,
  transposition: 70,
  repetition: 65,
  hyphenation: 60,
  vowel_swap: 55,
  replacement_azerty: 50,
  replacement_qwerty: 50,
  insertion: 40,
  subdomain: 35,
  bitsquatting: 30,
};
/** IDN lookalikes need a registry that allows them and a mail/browser that shows them; slightly less likely. */
const IDN_PENALTY = 10;
/** Typos on the keyboard the audience most likely uses count a little more. */
const HOME_LAYOUT_BONUS = 5;
/** Each extra fuzzer reaching the same domain suggests an easier mistake. */
const EXTRA_KIND_BONUS = 4;
const AZERTY_SUFFIXES: ReadonlySet<string> = new Set(['be', 'fr', 'lu']);

// ---------------------------------------------------------------------------------------------------------------
// Generation

interface ParsedDomain {
  normalized: string;
  registrable: string;
  /** Registrable label in Unicode form (decoded when the input was an A-label). */
  label: string;
  /** ASCII suffix, e.g. `be` or `co.uk`. */
  suffix: string;
}

function invalid(domain: string, why: string): RangeError {
  return new RangeError(`generateLookalikes: ${JSON.stringify(domain)} ${why}`);
}

/** Lower-case, NFC, ASCII form of a name; undefined when a label cannot be a hostname label. */
function asciiName(name: string): string | undefined {
  const labels = name.split('.');
  const ascii: string[] = [];
  for (const label of labels) {
    // Inside an IDN label the ASCII characters must still be LDH.
    if (!isAscii(label) && Array.from(label).some((ch) => isAscii(ch) && !isLdhChar(ch))) return undefined;
    try {
      ascii.push(toAsciiLabel(label));
    } catch {
      return undefined;
    }
  }
  const joined = ascii.join('.');
  return isValidHostname(joined) ? joined : undefined;
}

function normalizeName(name: string): string {
  let n = name.trim().toLowerCase().normalize('NFC');
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

function parseDomain(domain: string, suffixOption: string | undefined): ParsedDomain {
  const normalized = asciiName(normalizeName(domain));
  if (normalized === undefined) throw invalid(domain, 'is not a valid hostname');
  const labels = normalized.split('.');

  let suffixLabels: number;
  if (suffixOption !== undefined) {
    const suffix = asciiName(normalizeName(suffixOption).replace(/^\./, ''));
    if (suffix === undefined) throw invalid(suffixOption, 'is not a valid suffix');
    if (!normalized.endsWith(`.${suffix}`)) throw invalid(domain, `does not end in .${suffix} with a label before it`);
    suffixLabels = suffix.split('.').length;
  } else {
    // The Public Suffix List, private section included as browsers use it; an unknown TLD is one label (PSL rule "*").
    suffixLabels = publicSuffixOf(normalized).split('.').length;
  }
  if (labels.length <= suffixLabels) throw invalid(domain, 'has no label before its public suffix');

  const suffix = labels.slice(-suffixLabels).join('.');
  const asciiLabel = labels[labels.length - suffixLabels - 1] ?? '';
  let label = asciiLabel;
  if (/^xn--/.test(asciiLabel)) {
    try {
      label = punycodeDecode(asciiLabel.slice(4));
    } catch {
      throw invalid(domain, 'has an invalid xn-- label');
    }
    if (isAscii(label) || `xn--${punycodeEncode(label)}` !== asciiLabel) throw invalid(domain, 'has an invalid xn-- label');
  } else if (asciiLabel.slice(2, 4) === '--') {
    throw invalid(domain, 'has a reserved label (hyphens in positions 3 and 4)');
  }
  return { normalized, registrable: `${asciiLabel}.${suffix}`, label, suffix };
}

interface Entry {
  kinds: Set<LookalikeKind>;
  weight: number;
  order: number;
}

/** Candidate labels of one fuzzer for a Unicode label given as code points; a '.' in a candidate makes a subdomain. */
type Fuzzer = (cps: readonly string[]) => Iterable<string>;

function* omission(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i < cps.length; i++) yield [...cps.slice(0, i), ...cps.slice(i + 1)].join('');
}

function* repetition(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i < cps.length; i++) yield [...cps.slice(0, i + 1), ...cps.slice(i)].join('');
}

function* transposition(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i + 1 < cps.length; i++) {
    if (cps[i] === cps[i + 1]) continue;
    yield [...cps.slice(0, i), cps[i + 1], cps[i], ...cps.slice(i + 2)].join('');
  }
}

function replacement(layout: KeyboardLayout): Fuzzer {
  return function* (cps) {
    for (let i = 0; i < cps.length; i++) {
      for (const k of keyboardNeighbours(layout, cps[i] ?? '')) yield [...cps.slice(0, i), k, ...cps.slice(i + 1)].join('');
    }
  };
}

function* insertion(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] ?? '';
    const keys = new Set([...keyboardNeighbours('azerty', ch), ...keyboardNeighbours('qwerty', ch)]);
    for (const k of keys) {
      yield [...cps.slice(0, i), k, ...cps.slice(i)].join('');
      yield [...cps.slice(0, i + 1), k, ...cps.slice(i + 1)].join('');
    }
  }
}

function* homoglyph(cps: readonly string[]): Iterable<string> {
  const label = cps.join('');
  for (const [from, to] of ASCII_HOMOGLYPHS) {
    let count = 0;
    for (let at = label.indexOf(from); at >= 0; at = label.indexOf(from, at + 1)) {
      count++;
      yield label.slice(0, at) + to + label.slice(at + from.length);
    }
    if (count > 1 && from.length === 1) yield label.split(from).join(to);
  }
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] ?? '';
    const swaps = [...(IDN_HOMOGLYPHS[ch] ?? []), ...(LATIN_FOR.has(ch) ? [LATIN_FOR.get(ch) ?? ''] : [])];
    for (const g of swaps) yield [...cps.slice(0, i), g, ...cps.slice(i + 1)].join('');
  }
  // Whole-script Cyrillic, when every letter has a Cyrillic twin (registries often refuse mixed scripts).
  const letters = cps.filter((ch) => /^[a-z]$/.test(ch));
  if (letters.length > 0 && letters.every((ch) => CYRILLIC_FOR[ch] !== undefined) && cps.every((ch) => /^[a-z0-9-]$/.test(ch))) {
    yield cps.map((ch) => CYRILLIC_FOR[ch] ?? ch).join('');
  }
}

function* bitsquatting(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i < cps.length; i++) {
    const code = (cps[i] ?? '').codePointAt(0) ?? 0;
    if (code >= 0x80) continue;
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(code ^ (1 << bit));
      if (isLdhChar(flipped)) yield [...cps.slice(0, i), flipped, ...cps.slice(i + 1)].join('');
    }
  }
}

function* hyphenation(cps: readonly string[]): Iterable<string> {
  for (let i = 1; i < cps.length; i++) {
    if (cps[i - 1] === '-' || cps[i] === '-') continue;
    yield [...cps.slice(0, i), '-', ...cps.slice(i)].join('');
  }
}

function* vowelSwap(cps: readonly string[]): Iterable<string> {
  for (let i = 0; i < cps.length; i++) {
    const ch = cps[i] ?? '';
    if (!VOWELS.includes(ch)) continue;
    for (const v of VOWELS) if (v !== ch) yield [...cps.slice(0, i), v, ...cps.slice(i + 1)].join('');
  }
}

function* subdomain(cps: readonly string[]): Iterable<string> {
  for (let i = 1; i < cps.length; i++) {
    if (cps[i - 1] === '-' || cps[i] === '-') continue;
    yield [...cps.slice(0, i), '.', ...cps.slice(i)].join('');
  }
}

const LABEL_FUZZERS: readonly (readonly [LookalikeKind, Fuzzer])[] = [
  ['homoglyph', homoglyph],
  ['omission', omission],
  ['transposition', transposition],
  ['repetition', repetition],
  ['hyphenation', hyphenation],
  ['vowel_swap', vowelSwap],
  ['replacement_azerty', replacement('azerty')],
  ['replacement_qwerty', replacement('qwerty')],
  ['insertion', insertion],
  ['subdomain', subdomain],
  ['bitsquatting', bitsquatting],
];

/** A candidate label part to ASCII, or undefined when it could not be registered (empty, edge or reserved hyphens). */
function candidatePart(part: string): string | undefined {
  if (part === '' || part.startsWith('-') || part.endsWith('-')) return undefined;
  if (Array.from(part).slice(2, 4).join('') === '--') return undefined; // reserved for A-labels (RFC 5891 §4.2.3.1)
  try {
    return toAsciiLabel(part);
  } catch {
    return undefined;
  }
}

/**
 * Lookalike domains for `domain`, ranked most likely first (tld_swap, homoglyph and omission lead), deduplicated
 * with the kinds of every fuzzer that produced them merged, never the input or its registrable domain, only valid
 * hostnames, at most `opts.max` (default 500). Throws RangeError when `domain` is not a hostname with a label
 * before its public suffix, or when `max` is negative or NaN.
 */
export function generateLookalikes(domain: string, opts: LookalikeOptions = {}): Lookalike[] {
  const max = opts.max ?? DEFAULT_MAX_LOOKALIKES;
  if (Number.isNaN(max) || max < 0) throw new RangeError(`generateLookalikes: max must be ≥ 0, got ${max}`);
  const parsed = parseDomain(domain, opts.suffix);
  const homeLayout: KeyboardLayout = AZERTY_SUFFIXES.has(parsed.suffix) ? 'azerty' : 'qwerty';

  const found = new Map<string, Entry>();
  const add = (name: string, kind: LookalikeKind, idn: boolean): void => {
    if (name === parsed.normalized || name === parsed.registrable || !isValidHostname(name)) return;
    let weight = KIND_WEIGHT[kind] - (idn ? IDN_PENALTY : 0);
    if (kind === `replacement_${homeLayout}`) weight += HOME_LAYOUT_BONUS;
    const entry = found.get(name);
    if (entry === undefined) {
      found.set(name, { kinds: new Set([kind]), weight, order: found.size });
    } else {
      entry.kinds.add(kind);
      entry.weight = Math.max(entry.weight, weight);
    }
  };

  const asciiLabel = toAsciiLabel(parsed.label);
  for (const tld of opts.tlds ?? DEFAULT_SWAP_TLDS) {
    const swapped = asciiName(normalizeName(tld).replace(/^\./, ''));
    if (swapped !== undefined && swapped !== parsed.suffix) add(`${asciiLabel}.${swapped}`, 'tld_swap', !isAscii(parsed.label));
  }

  const cps = Array.from(parsed.label);
  for (const [kind, fuzzer] of LABEL_FUZZERS) {
    for (const candidate of fuzzer(cps)) {
      const parts = candidate.split('.').map(candidatePart);
      if (parts.some((p) => p === undefined)) continue;
      add(`${parts.join('.')}.${parsed.suffix}`, kind, !isAscii(candidate));
    }
  }

  const score = (e: Entry): number => e.weight + EXTRA_KIND_BONUS * (e.kinds.size - 1);
  return [...found.entries()]
    .sort(([, a], [, b]) => score(b) - score(a) || a.order - b.order)
    .slice(0, Math.floor(max))
    .map(([name, e]) => ({ domain: name, kinds: LOOKALIKE_KINDS.filter((k) => e.kinds.has(k)) }));
}
