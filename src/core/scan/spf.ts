/**
 * SPF (RFC 7208): record selection, syntax, and a static walk of include:/redirect= that counts DNS-querying terms
 * and void lookups the way an evaluator would (§4.6.4), finds loops, and keeps the tree so a report can say which
 * include is at fault (checkdmarc#129). Pure: the retriever captured the answers (Snapshot.mail.spfLookups) using
 * parseSpf below to know what to ask.
 */
import type { DnsAnswer, SpfLookups, TxtRecord } from './snapshot.ts';

export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanism = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export type SpfTerm =
  | { type: 'mechanism'; raw: string; qualifier: SpfQualifier; mechanism: SpfMechanism; target?: string }
  | { type: 'modifier'; raw: string; name: string; value: string; target?: string };

export type SpfSyntaxErrorCode =
  | 'unknown_mechanism'
  | 'invalid_domain_spec'
  | 'invalid_ip4'
  | 'invalid_ip6'
  | 'invalid_cidr'
  | 'duplicate_modifier'
  | 'invalid_term'
  /** A macro that is malformed, or uses c, r or t outside explanation text (RFC 7208 §7.1–§7.3). */
  | 'invalid_macro';

export interface SpfSyntaxError {
  code: SpfSyntaxErrorCode;
  term: string;
}

export interface ParsedSpf {
  terms: SpfTerm[];
  errors: SpfSyntaxError[];
}

/** RFC 7208 §4.5: an SPF record starts with "v=spf1" followed by a space or the end (case-insensitive). */
export function isSpfRecord(txt: TxtRecord): boolean {
  return /^v=spf1(?: |$)/i.test(txt);
}

/** Terms that make the evaluator query DNS and count towards the limit of 10 (RFC 7208 §4.6.4). */
export const SPF_DNS_LOOKUP_LIMIT = 10;
/** "SPF implementations SHOULD limit void lookups to two" (RFC 7208 §4.6.4). */
export const SPF_VOID_LOOKUP_LIMIT = 2;
/** "the evaluation of each "MX" record MUST NOT result in querying more than 10 address records" (RFC 7208 §4.6.4). */
export const SPF_MX_ADDRESS_LOOKUP_LIMIT = 10;

const QUALIFIERS = new Set(['+', '-', '~', '?']);
const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);
/**
 * macro-expand (RFC 7208 §7.1): %{letter transformers delimiters}, %%, %_, %-. The letters c, r and t "are allowed
 * only in exp text" (§7.2), i.e. in the explanation string fetched from the exp= target, never in the record itself;
 * a DIGIT transformer "MUST be nonzero" (§7.3).
 */
const MACRO = /%\{[slodiphv](?:[1-9]\d*)?r?[.\-+,/_=]*\}|%%|%_|%-/gi;

export function hasMacro(spec: string): boolean {
  return /%\{/.test(spec);
}

/**
 * macro-string = *( macro-expand / macro-literal ), macro-literal = %x21-24 / %x26-7E (RFC 7208 §7.1): visible
 * characters, and every '%' the start of a valid macro-expand for a record (no c, r or t, §7.2).
 */
export function isValidMacroString(text: string): boolean {
  if (/[^\x21-\x7e]/.test(text)) return false;
  return !text.replace(MACRO, '').includes('%');
}

/**
 * domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand (RFC 7208 §7.1).
 * Labels other than the top label may hold any macro-literal (e.g. `_spf`).
 */
export function isValidDomainSpec(spec: string): boolean {
  if (spec === '' || !isValidMacroString(spec)) return false;
  if (/%\{[^}]*\}\.?$/.test(spec)) return true; // ends in a macro-expand
  const labels = spec.replace(/\.$/, '').split('.');
  const top = labels.at(-1) ?? '';
  if (labels.length < 2 || labels.some((l) => l === '' || l.length > 63)) return false;
  // toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
  return /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(top) && /[a-z]/i.test(top);
}

const QNUM = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4 = new RegExp(`^${QNUM}(?:\\.${QNUM}){3}$`);

export function isIp4(s: string): boolean {
  return IP4.test(s);
}

/** RFC 4291 §2.2 text forms, including '::' compression and a trailing dotted IPv4. */
export function isIp6(s: string): boolean {
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string): string[] => (p === '' ? [] : p.split(':'));
  const all = [...groups(parts[0] ?? ''), ...(parts.length === 2 ? groups(parts[1] ?? '') : [])];
  let count = 0;
  for (const [i, g] of all.entries()) {
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIp4(g)) return false;
      count += 2;
    } else if (/^[0-9a-f]{1,4}$/i.test(g)) count += 1;
    else return false;
  }
  return parts.length === 2 ? count < 8 : count === 8;
}

function cidrOk(cidr: string | undefined, max: number): boolean {
  if (cidr === undefined) return true;
  return /^(0|[1-9]\d{0,2})$/.test(cidr) && Number(cidr) <= max;
}

/** Parses the terms after "v=spf1" (RFC 7208 §4.6.1 and the ABNF in §12). Never throws. */
export function parseSpf(record: TxtRecord): ParsedSpf {
  const terms: SpfTerm[] = [];
  const errors: SpfSyntaxError[] = [];
  const seenModifiers = new Set<string>();
  // terms = *( 1*SP ( directive / modifier ) ); tolerate repeated spaces, nothing else.
  for (const raw of record
    .replace(/^v=spf1/i, '')
    .split(' ')
    .filter((t) => t !== '')) {
    const modifier = /^([a-z][a-z0-9_.-]*)=(.*)$/i.exec(raw);
    if (modifier) {
      const name = (modifier[1] ?? '').toLowerCase();
      const value = modifier[2] ?? '';
      // §6: redirect and exp MUST NOT appear more than once each.
      if ((name === 'redirect' || name === 'exp') && seenModifiers.has(name)) errors.push({ code: 'duplicate_modifier', term: raw });
      seenModifiers.add(name);
      // §6 and §12: redirect and exp take a domain-spec, any other modifier a macro-string; both must parse.
      if (!isValidMacroString(value)) errors.push({ code: 'invalid_macro', term: raw });
      else if ((name === 'redirect' || name === 'exp') && !isValidDomainSpec(value)) errors.push({ code: 'invalid_domain_spec', term: raw });
      terms.push({
        type: 'modifier',
        raw,
        name,
        value,
        ...(name === 'redirect' ? { target: value.toLowerCase().replace(/\.$/, '') } : {}),
      });
      continue;
    }
    const qualifier = (QUALIFIERS.has(raw[0] ?? '') ? raw[0] : '+') as SpfQualifier;
    const body = QUALIFIERS.has(raw[0] ?? '') ? raw.slice(1) : raw;
    const m = /^([a-z0-9]+)(.*)$/i.exec(body);
    const name = (m?.[1] ?? '').toLowerCase();
    const rest = m?.[2] ?? '';
    if (!MECHANISMS.has(name)) {
      errors.push({ code: m ? 'unknown_mechanism' : 'invalid_term', term: raw });
      continue;
    }
    const mechanism = name as SpfMechanism;
    let target: string | undefined;
    let error: SpfSyntaxErrorCode | undefined;
    switch (mechanism) {
      case 'all':
        if (rest !== '') error = 'invalid_term';
        break;
      case 'include':
      case 'exists':
        // include = "include" ":" domain-spec; exists = "exists" ":" domain-spec
        if (!rest.startsWith(':') || !isValidDomainSpec(rest.slice(1))) error = 'invalid_domain_spec';
        else target = rest.slice(1);
        break;
      case 'a':
      case 'mx': {
        // a = "a" [ ":" domain-spec ] [ dual-cidr-length ]; dual-cidr-length = [ "/" ip4 ] [ "//" ip6 ]
        const parts = /^(?::(.*?))?(?:\/(\d+))?(?:\/\/(\d+))?$/.exec(rest);
        if (!parts) error = 'invalid_term';
        else if (parts[1] !== undefined && !isValidDomainSpec(parts[1])) error = 'invalid_domain_spec';
        else if (!cidrOk(parts[2], 32) || !cidrOk(parts[3], 128)) error = 'invalid_cidr';
        else if (parts[1] !== undefined) target = parts[1];
        break;
      }
      case 'ptr':
        if (rest !== '' && (!rest.startsWith(':') || !isValidDomainSpec(rest.slice(1)))) error = 'invalid_domain_spec';
        else if (rest !== '') target = rest.slice(1);
        break;
      case 'ip4': {
        const parts = /^:([^/]*)(?:\/(\d+))?$/.exec(rest);
        if (!parts || !isIp4(parts[1] ?? '')) error = 'invalid_ip4';
        else if (!cidrOk(parts[2], 32)) error = 'invalid_cidr';
        break;
      }
      case 'ip6': {
        const parts = /^:([^/]*)(?:\/(\d+))?$/.exec(rest);
        if (!parts || !isIp6(parts[1] ?? '')) error = 'invalid_ip6';
        else if (!cidrOk(parts[2], 128)) error = 'invalid_cidr';
        break;
      }
    }
    if (error) {
      errors.push({ code: error, term: raw });
      continue;
    }
    terms.push({
      type: 'mechanism',
      raw,
      qualifier,
      mechanism,
      ...(target !== undefined ? { target: target.toLowerCase().replace(/\.$/, '') } : {}),
    });
  }
  return { terms, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Static evaluation over captured answers

export type SpfProblemCode =
  | 'no_record' // include:/redirect= target without an SPF record: permerror (§5.2, §6.1)
  | 'multiple_records' // more than one v=spf1 record: permerror (§4.5)
  | 'syntax' // see SpfSyntaxError
  | 'loop' // include:/redirect= back to a domain on the current path
  | 'lookup_error' // temperror at a target (§5.2)
  | 'not_captured' // the retriever did not look this name up
  | 'macro' // a target with macros; counted, cannot be followed statically
  | 'too_many_mx'; // an mx term whose MX set needs more than 10 address lookups: permerror (§4.6.4)

export interface SpfProblem {
  domain: string;
  code: SpfProblemCode;
  detail?: string;
}

/** One evaluated record: its own DNS-querying terms and the records it pulls in. */
export interface SpfNode {
  domain: string;
  via: 'top' | 'include' | 'redirect';
  record?: string;
  /** DNS-querying terms in this record itself (§4.6.4). */
  lookups: number;
  children: SpfNode[];
}

export interface SpfEvaluation {
  tree: SpfNode;
  /** Total DNS-querying terms over the whole tree. Over SPF_DNS_LOOKUP_LIMIT is a permerror. */
  lookups: number;
  /** Queries that returned NXDOMAIN or an empty answer (§4.6.4), each counted once where the query is made. */
  voidLookups: number;
  voidNames: string[];
  /** Each loop as the path that closes it, e.g. ['a.be', 'b.be', 'a.be']. */
  loops: string[][];
  problems: SpfProblem[];
  syntaxErrors: (SpfSyntaxError & { domain: string })[];
  /** Effective `all` of the top record, following redirect= when the record has no `all` (§6.1); undefined = none. */
  allQualifier?: SpfQualifier;
  /** Mechanisms after `all` are never evaluated (§5.1). */
  termsAfterAll: boolean;
  usesPtr: boolean;
}

/** Bound the walk: real evaluators stop at 10 lookups; we go on to show the total, but not forever. */
const MAX_WALK_LOOKUPS = 100;
const MAX_DEPTH = 20;

function isVoid<T>(answer: DnsAnswer<T> | undefined): boolean {
  return (
    answer !== undefined &&
    (answer.status === 'nxdomain' || answer.status === 'nodata' || (answer.status === 'ok' && answer.records.length === 0))
  );
}

/**
 * Walks the domain's SPF record through include:/redirect= over captured answers. `top` is the apex TXT answer.
 * Returns undefined when the apex has no single SPF record to start from (the check reports that itself).
 */
export function evaluateSpf(domain: string, top: DnsAnswer<TxtRecord>, lookups: SpfLookups): SpfEvaluation | undefined {
  if (top.status !== 'ok') return undefined;
  const topRecords = top.records.filter(isSpfRecord);
  if (topRecords.length !== 1) return undefined;

  const ev: SpfEvaluation = {
    tree: { domain, via: 'top', lookups: 0, children: [] },
    lookups: 0,
    voidLookups: 0,
    voidNames: [],
    loops: [],
    problems: [],
    syntaxErrors: [],
    termsAfterAll: false,
    usesPtr: false,
  };
  const countVoid = (name: string, answer: DnsAnswer<unknown> | undefined): void => {
    if (isVoid(answer)) {
      ev.voidLookups += 1;
      ev.voidNames.push(name);
    }
  };

  /**
   * An a, mx or exists target whose answer is missing or was a DNS error (timeout, SERVFAIL): a real evaluator would
   * return temperror there (§5, §4.4), so the result is incomplete and is reported so, never silently fine.
   */
  const answered = (name: string, answer: DnsAnswer<unknown> | undefined): boolean => {
    if (answer === undefined) ev.problems.push({ domain: name, code: 'not_captured' });
    else if (answer.status === 'error') ev.problems.push({ domain: name, code: 'lookup_error', detail: answer.reason });
    else return true;
    return false;
  };

  /** Evaluates one record; returns its effective `all` qualifier (own, else via redirect). */
  const walk = (node: SpfNode, record: string, path: string[]): SpfQualifier | undefined => {
    node.record = record;
    const parsed = parseSpf(record);
    ev.syntaxErrors.push(...parsed.errors.map((e) => ({ ...e, domain: node.domain })));
    const allIndex = parsed.terms.findIndex((t) => t.type === 'mechanism' && t.mechanism === 'all');
    const all = allIndex >= 0 ? (parsed.terms[allIndex] as { qualifier: SpfQualifier }).qualifier : undefined;
    if (path.length === 1 && allIndex >= 0 && parsed.terms.slice(allIndex + 1).some((t) => t.type === 'mechanism')) ev.termsAfterAll = true;

    let redirectAll: SpfQualifier | undefined;
    for (const term of parsed.terms) {
      const querying =
        (term.type === 'mechanism' && ['include', 'a', 'mx', 'ptr', 'exists'].includes(term.mechanism)) ||
        // §6.1: redirect is ignored when the record has an `all`; then it causes no query.
        (term.type === 'modifier' && term.name === 'redirect' && all === undefined);
      if (!querying) continue;
      node.lookups += 1;
      ev.lookups += 1;
      if (ev.lookups > MAX_WALK_LOOKUPS) continue;

      if (term.type === 'mechanism' && term.mechanism === 'ptr') {
        ev.usesPtr = true; // §5.5: "This mechanism SHOULD NOT be published."
        continue;
      }
      const target = term.target ?? node.domain; // a and mx default to the current domain (§5.3, §5.4)
      if (hasMacro(target)) {
        ev.problems.push({ domain: node.domain, code: 'macro', detail: term.raw });
        continue;
      }
      if (term.type === 'mechanism' && (term.mechanism === 'a' || term.mechanism === 'exists')) {
        if (answered(target, lookups.a[target])) countVoid(target, lookups.a[target]);
        continue;
      }
      if (term.type === 'mechanism' && term.mechanism === 'mx') {
        const mx = lookups.mx[target];
        if (!answered(target, mx)) continue;
        countVoid(target, mx);
        // Each MX host is then looked up for its addresses: more than 10 of them is a permerror (§4.6.4).
        const hosts = mx?.status === 'ok' ? mx.records.filter((r) => r.exchange !== '' && r.exchange !== '.').map((r) => r.exchange) : [];
        if (hosts.length > SPF_MX_ADDRESS_LOOKUP_LIMIT) ev.problems.push({ domain: target, code: 'too_many_mx', detail: String(hosts.length) });
        for (const host of hosts.slice(0, SPF_MX_ADDRESS_LOOKUP_LIMIT)) {
          const a = lookups.a[host];
          if (a?.status === 'error') ev.problems.push({ domain: host, code: 'lookup_error', detail: a.reason });
        }
        continue;
      }
      // include: or redirect=: fetch and walk the target's record.
      const via = term.type === 'modifier' ? 'redirect' : 'include';
      if (path.includes(target)) {
        ev.loops.push([...path, target]);
        continue;
      }
      const child: SpfNode = { domain: target, via, lookups: 0, children: [] };
      node.children.push(child);
      const answer = lookups.txt[target];
      if (answer === undefined) {
        ev.problems.push({ domain: target, code: 'not_captured' });
        continue;
      }
      if (answer.status === 'error') {
        ev.problems.push({ domain: target, code: 'lookup_error', detail: answer.reason });
        continue;
      }
      countVoid(target, answer);
      const records = answer.status === 'ok' ? answer.records.filter(isSpfRecord) : [];
      if (records.length === 0) {
        ev.problems.push({ domain: target, code: 'no_record' });
        continue;
      }
      if (records.length > 1) {
        ev.problems.push({ domain: target, code: 'multiple_records' });
        continue;
      }
      if (path.length >= MAX_DEPTH) continue;
      const childAll = walk(child, records[0] ?? '', [...path, target]);
      if (via === 'redirect') redirectAll = childAll;
    }
    return all ?? redirectAll;
  };

  const all = walk(ev.tree, topRecords[0] ?? '', [domain]);
  if (all) ev.allQualifier = all;
  return ev;
}
