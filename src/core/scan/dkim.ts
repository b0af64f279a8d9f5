/**
 * DKIM key records (RFC 6376 §3.6.1) and the size of an RSA key, read from the DER structure without any crypto
 * library: `p=` holds base64 of a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7; what every signer publishes) or, as the
 * RFC text literally says, a bare RSAPublicKey (RFC 8017 §A.1.1). Both are accepted.
 */
import { parseTagList, tagValue } from './tag-list.ts';

/** RFC 8301 §3.2: verifiers MUST NOT accept RSA keys under 1024 bits; signers SHOULD use at least 2048. */
export const DKIM_RSA_MIN_BITS = 1024;
export const DKIM_RSA_RECOMMENDED_BITS = 2048;

export interface DkimKeyRecord {
  keyType: string;
  /** The base64 key with whitespace removed; '' means the key was revoked (§3.6.1). */
  publicKey: string;
  /** t=y: the domain is testing DKIM (§3.6.1). */
  testing: boolean;
}

export type DkimRecordProblem = 'invalid_version' | 'missing_key' | 'malformed';

/** A TXT record at <selector>._domainkey; undefined key with a problem when it is not a usable key record. */
export function parseDkimRecord(txt: string): { record?: DkimKeyRecord; problem?: DkimRecordProblem } {
  const list = parseTagList(txt);
  if (list.malformed.length > 0 && list.tags.length === 0) return { problem: 'malformed' };
  // v= is optional but, when present, MUST be "DKIM1" and the first tag (§3.6.1).
  const v = tagValue(list, 'v');
  if (v !== undefined && (v !== 'DKIM1' || list.tags[0]?.name !== 'v')) return { problem: 'invalid_version' };
  const p = tagValue(list, 'p');
  if (p === undefined) return { problem: 'missing_key' };
  return {
    record: {
      keyType: (tagValue(list, 'k') ?? 'rsa').toLowerCase(),
      publicKey: p.replace(/\s+/g, ''),
      testing: (tagValue(list, 't') ?? '').split(':').some((f) => f.trim().toLowerCase() === 'y'),
    },
  };
}

function decodeBase64(b64: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  try {
    const bin = atob(b64);
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

/** Reads one DER TLV at `at` (X.690 §8.1): short or long definite length. */
function readTlv(bytes: Uint8Array, at: number): Tlv | undefined {
  const tag = bytes[at];
  const first = bytes[at + 1];
  if (tag === undefined || first === undefined) return undefined;
  let length = first;
  let start = at + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (bytes[start + i] ?? NaN);
    start += n;
  }
  const end = start + length;
  return Number.isFinite(end) && end <= bytes.length ? { tag, start, end } : undefined;
}

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;

/** Bits of a DER INTEGER's value, ignoring leading zero bytes (the sign pad). */
function integerBits(bytes: Uint8Array, int: Tlv): number {
  let i = int.start;
  while (i < int.end - 1 && bytes[i] === 0) i++;
  const lead = bytes[i] ?? 0;
  return (int.end - i - 1) * 8 + (lead === 0 ? 0 : Math.floor(Math.log2(lead)) + 1);
}

/** The modulus INTEGER of an RSAPublicKey SEQUENCE { modulus INTEGER, publicExponent INTEGER } at `at`. */
function modulusOf(bytes: Uint8Array, at: number): number | undefined {
  const seq = readTlv(bytes, at);
  if (seq?.tag !== SEQUENCE) return undefined;
  const modulus = readTlv(bytes, seq.start);
  return modulus?.tag === INTEGER ? integerBits(bytes, modulus) : undefined;
}

/** Standard RSA sizes for the length-only fallback. */
const RSA_SIZES = [512, 768, 1024, 1536, 2048, 3072, 4096, 8192];

/**
 * Size of the RSA modulus in a DKIM p= value, or undefined when it is not base64 DER at all.
 * Reads SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING { RSAPublicKey } } or a bare RSAPublicKey. If the
 * structure does not parse (a truncated record), falls back to the nearest standard size for the byte length
 * (an SPKI adds about 38 bytes around the modulus).
 */
export function rsaModulusBits(b64: string): number | undefined {
  const bytes = decodeBase64(b64.replace(/\s+/g, ''));
  if (!bytes || bytes.length < 16) return undefined;
  const outer = readTlv(bytes, 0);
  if (outer?.tag === SEQUENCE) {
    const first = readTlv(bytes, outer.start);
    if (first?.tag === INTEGER) return integerBits(bytes, first); // bare RSAPublicKey
    if (first?.tag === SEQUENCE) {
      const bitString = readTlv(bytes, first.end);
      // The BIT STRING's first content byte counts unused bits (0 here); the RSAPublicKey follows.
      if (bitString?.tag === BIT_STRING) {
        const bits = modulusOf(bytes, bitString.start + 1);
        if (bits !== undefined) return bits;
      }
    }
  }
  const estimate = (bytes.length - 38) * 8;
  return RSA_SIZES.reduce((best, size) => (Math.abs(size - estimate) < Math.abs(best - estimate) ? size : best));
}

/**
 * Selectors the retriever probes, since DKIM selectors cannot be listed (RFC 6376 §3.1). Provider defaults first
 * (Microsoft 365 selector1/2, Google Workspace "google"), then names common ESPs and hosts use; owners can add theirs
 * (internet.nl#839).
 */
export const DKIM_PROVIDER_SELECTORS: Readonly<Record<string, readonly string[]>> = {
  microsoft365: ['selector1', 'selector2'],
  google: ['google'],
};
export const DKIM_COMMON_SELECTORS: readonly string[] = [
  'default',
  'dkim',
  'mail',
  'k1',
  'k2',
  's1',
  's2',
  'selector',
  'smtp',
  'mx',
  'key1',
  'sig1',
];
