/**
 * Tells a person's request on a simulated phishing link apart from a machine's: mail-security scanners (Safe Links
 * and the like), link previewers and prefetchers open links before, or instead of, the person. GoPhish counts those as
 * clicks (gophish/gophish#973, #2357, #3317); Schild records them as `scanner` events with a reason and never lets
 * them set a person's opened/clicked time. Pure: the request is captured as values; the address is only compared here,
 * never stored (docs/phishing.md, "What is never kept").
 */
import ipaddr from 'ipaddr.js';

export type ScannerReason = 'head' | 'prefetch' | 'too_soon' | 'agent' | 'range' | 'no_assets';
export const SCANNER_REASONS: readonly ScannerReason[] = ['head', 'prefetch', 'too_soon', 'agent', 'range', 'no_assets'];

export interface ScannerList {
  review: { date: string; sources: string[] };
  agents: { pattern: string; what: string; documented: boolean }[];
  ranges: { cidr: string; what: string; documented: boolean }[];
}

/** The parsed list, ready to match: lower-case agent fragments and parsed address ranges. */
export interface ScannerMatcher {
  agents: string[];
  ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][];
}

export interface CapturedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The client's address as Fastify saw it; used in memory only. */
  ip: string;
  now: Date;
}

export type Verdict = { machine: false } | { machine: true; reason: ScannerReason };

/** Validates content/phishing/scanners.json at start-up; a broken file stops the start. */
export function validateScannerList(input: unknown): ScannerList {
  const fail = (why: string): never => {
    throw new Error(`content/phishing/scanners.json: ${why}`);
  };
  if (typeof input !== 'object' || input === null) fail('expected an object');
  const o = input as Record<string, unknown>;
  const review = o.review as { date?: unknown; sources?: unknown } | undefined;
  if (!review || typeof review.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(review.date)) fail('review.date must be YYYY-MM-DD');
  if (!Array.isArray(review!.sources) || review!.sources.length === 0) fail('review.sources must list where the data comes from');
  if (!Array.isArray(o.agents) || !Array.isArray(o.ranges)) fail('agents and ranges must be arrays');
  for (const a of o.agents as { pattern?: unknown }[]) if (typeof a.pattern !== 'string' || a.pattern.trim() === '') fail('every agent needs a pattern');
  for (const r of o.ranges as { cidr?: unknown }[]) {
    if (typeof r.cidr !== 'string' || !ipaddr.isValidCIDR(r.cidr)) fail(`not an address range: ${String(r.cidr)}`);
  }
  return input as ScannerList;
}

export function scannerMatcher(list: ScannerList): ScannerMatcher {
  return {
    agents: list.agents.map((a) => a.pattern.toLowerCase()),
    ranges: list.ranges.map((r) => ipaddr.parseCIDR(r.cidr)),
  };
}

function header(h: CapturedRequest['headers'], name: string): string {
  const v = h[name];
  return (Array.isArray(v) ? v.join(',') : (v ?? '')).toLowerCase();
}

function inRanges(ip: string, ranges: ScannerMatcher['ranges']): boolean {
  if (!ipaddr.isValid(ip)) return false;
  let addr = ipaddr.parse(ip);
  // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is matched as IPv4.
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  return ranges.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits));
}

/**
 * The order matters only for the reason shown: the cheapest, surest signals first.
 * - HEAD: a person's browser never sends HEAD for a link (RFC 9110 §9.3.2: HEAD is for metadata).
 * - Prefetch: `Sec-Purpose: prefetch` (Fetch standard / Prefetch spec) and the older `Purpose` and `X-Moz` headers.
 * - Too soon: no person opens a mail and clicks within seconds of its delivery; scanners do.
 * - Known agent or address range: content/phishing/scanners.json, each entry with its source.
 */
export function classifyRequest(req: CapturedRequest, deliveredAt: Date | null, minDelaySeconds: number, matcher: ScannerMatcher): Verdict {
  if (req.method.toUpperCase() === 'HEAD') return { machine: true, reason: 'head' };
  const purpose = `${header(req.headers, 'sec-purpose')} ${header(req.headers, 'purpose')} ${header(req.headers, 'x-purpose')} ${header(req.headers, 'x-moz')}`;
  if (/\bprefetch\b|\bpreview\b/.test(purpose)) return { machine: true, reason: 'prefetch' };
  if (!deliveredAt || req.now.getTime() - deliveredAt.getTime() < minDelaySeconds * 1000) return { machine: true, reason: 'too_soon' };
  const agent = header(req.headers, 'user-agent');
  if (agent === '' || matcher.agents.some((p) => agent.includes(p))) return { machine: true, reason: 'agent' };
  if (inRanges(req.ip, matcher.ranges)) return { machine: true, reason: 'range' };
  return { machine: false };
}
