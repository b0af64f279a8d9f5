/**
 * DMARC record discovery and parsing (RFC 7489 §6.3, §6.4, §6.6.3). Pure; values in, a parsed record and its
 * problems out.
 */
import { parseTagList } from './tag-list.ts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

export interface DmarcRecord {
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  /** Percentage of messages the policy applies to; default 100 (§6.3). */
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
 * §6.6.3 step 3: records that do not start with a "v=" tag identifying DMARC are discarded. We keep records that
 * look like an attempt (any case, spaces around '=') so a lower-case "v=dmarc1" is reported rather than ignored.
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
  const record: DmarcRecord = { pct: 100, rua: [], ruf: [], adkim: 'r', aspf: 'r' };
  const problems: DmarcProblem[] = [];
  const bad = (code: DmarcProblemCode, tag?: string, value?: string, fatal = true): void => {
    problems.push({ code, fatal, ...(tag !== undefined ? { tag } : {}), ...(value !== undefined ? { value } : {}) });
  };

  // dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31: case-sensitive "DMARC1", first (§6.4).
  const first = list.tags[0];
  if (!first || first.name !== 'v' || first.value !== 'DMARC1') bad('invalid_version', 'v', first?.value);
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
        if (POLICIES.has(lower)) record[name] = lower as DmarcPolicy;
        else bad('invalid_value', name, value);
        break;
      case 'pct':
        if (/^\d{1,3}$/.test(value) && Number(value) <= 100) record.pct = Number(value);
        else bad('invalid_value', name, value);
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
      case 'rf':
        if (!/^[a-z][a-z0-9-]*(\s*:\s*[a-z][a-z0-9-]*)*$/i.test(value)) bad('invalid_value', name, value);
        break;
      case 'ri':
        if (!/^\d{1,10}$/.test(value) || Number(value) > 4294967295) bad('invalid_value', name, value);
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
