/**
 * DMARC record discovery and parsing after RFC 9989 (DMARCbis, which obsoletes RFC 7489): §4.7 tags (with np, psd
 * and t; pct, rf and ri removed), §4.8 formal definition. Pure; values in, a parsed record and its problems out.
 */
import { parseTagList } from './tag-list.ts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  /** Policy for non-existent subdomains (RFC 9989 §4.7 np); falls back to sp, then p. */
  np?: DmarcPolicy;
  /** Whether the domain is a public suffix domain (RFC 9989 §4.7 psd): y, n or u (default). */
  psd: 'y' | 'n' | 'u';
  /** Testing mode (RFC 9989 §4.7 t=y): receivers apply the policy one level less strict. Default n. */
  testing: boolean;
  /**
   * pct of RFC 7489 §6.3: removed by RFC 9989, still applied by receivers that follow RFC 7489; 100 when absent or
   * not a valid percentage.
   */
  pct: number;
  rua: string[];
  ruf: string[];
  adkim: 'r' | 's';
  aspf: 'r' | 's';
}

export type DmarcProblemCode =
  | 'invalid_version' // v is not exactly "DMARC1" or not the first tag (§6.4)
  | 'missing_policy' // no p= (REQUIRED, §6.3)
  | 'invalid_value' // a known tag with a value outside its grammar
  | 'invalid_uri' // rua/ruf entry that is not a dmarc-uri (§6.4)
  | 'duplicate_tag'
  | 'obsolete_tag' // pct, rf, ri: removed by RFC 9989, ignored by receivers that follow it
  | 'malformed' // not tag=value
  | 'unknown_tag'; // "Unknown tags MUST be ignored" (§6.3), but usually a typo such as "rau"

export interface DmarcProblem {
  code: DmarcProblemCode;
  tag?: string;
  value?: string;
  /** Problems that make receivers discard the record or the tag; the rest are warnings. */
  fatal: boolean;
}

export interface ParsedDmarc {
  record: DmarcRecord;
  problems: DmarcProblem[];
}

/**
 * RFC 9989 §4.8: dmarc-record = dmarc-version …, dmarc-version = "v" *WSP "=" *WSP %s"DMARC1": the TXT string must
 * start with the v tag itself (no leading space) and the value is case-sensitive. Any other TXT record at _dmarc is
 * not a DMARC record and receivers discard it (§4.10.1 step 3, RFC 7489 §6.6.3).
 */
export function isDmarcRecord(txt: string): boolean {
  return /^v[ \t]*=[ \t]*DMARC1[ \t]*(?:;|$)/i.test(txt) && /=[ \t]*DMARC1/.test(txt);
}

/**
 * Records that look like an attempt at DMARC (leading space, any case) but are not one: receivers ignore them, and
 * the check says why instead of "no record".
 */
export function isDmarcCandidate(txt: string): boolean {
  return /^\s*v\s*=\s*dmarc1\s*(;|$)/i.test(txt);
}

const POLICIES = new Set(['none', 'quarantine', 'reject']);

/** dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ] (§6.4); mailto: must be supported (§6.2). */
export function isDmarcUri(uri: string): boolean {
  const m = /^([a-z][a-z0-9+.-]*):([^!\s]+)(?:!\d+[kmgt]?)?$/i.exec(uri.trim());
  if (!m) return false;
  if ((m[1] ?? '').toLowerCase() === 'mailto') return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(m[2] ?? '');
  return true;
}

export function parseDmarc(txt: string): ParsedDmarc {
  const list = parseTagList(txt);
  const record: DmarcRecord = { psd: 'u', testing: false, pct: 100, rua: [], ruf: [], adkim: 'r', aspf: 'r' };
  const problems: DmarcProblem[] = [];
  const bad = (code: DmarcProblemCode, tag?: string, value?: string, fatal = true): void => {
    problems.push({ code, fatal, ...(tag !== undefined ? { tag } : {}), ...(value !== undefined ? { value } : {}) });
  };

  // dmarc-version = "v" *WSP "=" *WSP %s"DMARC1": case-sensitive, first, at the very start (RFC 9989 §4.8).
  const first = list.tags[0];
  if (!isDmarcRecord(txt)) bad('invalid_version', 'v', first?.value);
  for (const m of list.malformed) bad('malformed', undefined, m);
  for (const d of new Set(list.duplicates)) bad('duplicate_tag', d);

  for (const { name, value } of list.tags) {
    // Literal strings in ABNF are case-insensitive (RFC 5234 §2.3), so "Reject" is valid.
    const lower = value.toLowerCase();
    switch (name) {
      case 'v':
        break;
      case 'p':
      case 'sp':
      case 'np':
        if (POLICIES.has(lower)) record[name] = lower as DmarcPolicy;
        else bad('invalid_value', name, value);
        break;
      case 'psd':
        if (lower === 'y' || lower === 'n' || lower === 'u') record.psd = lower;
        else bad('invalid_value', name, value);
        break;
      case 't':
        if (lower === 'y' || lower === 'n') record.testing = lower === 'y';
        else bad('invalid_value', name, value);
        break;
      // Removed by RFC 9989: say so without failing, and keep a valid pct for receivers still on RFC 7489.
      case 'pct':
        if (/^\d{1,3}$/.test(value) && Number(value) <= 100) record.pct = Number(value);
        bad('obsolete_tag', name, value, false);
        break;
      case 'rf':
      case 'ri':
        bad('obsolete_tag', name, value, false);
        break;
      case 'rua':
      case 'ruf': {
        const uris = value.split(',').map((u) => u.trim());
        for (const uri of uris) if (!isDmarcUri(uri)) bad('invalid_uri', name, uri);
        record[name] = uris.filter(isDmarcUri);
        break;
      }
      case 'adkim':
      case 'aspf':
        if (lower === 'r' || lower === 's') record[name] = lower;
        else bad('invalid_value', name, value);
        break;
      case 'fo':
        // fo = "0" / "1" / "d" / "s", colon-separated
        if (!/^[01ds](\s*:\s*[01ds])*$/i.test(value)) bad('invalid_value', name, value);
        break;
      default:
        bad('unknown_tag', name, value, false);
    }
  }
  // §6.6.3 step 6: a record with an invalid or missing p= but a valid rua is treated as p=none; either way the
  // owner asked for nothing to be enforced.
  if (record.p === undefined && !problems.some((p) => p.tag === 'p')) bad('missing_policy', 'p');
  return { record, problems };
}
