/**
 * web.hsts: Strict-Transport-Security on the HTTPS response (RFC 6797 §6.1) with max-age of at least six months
 * (15768000 s, the Observatory's threshold), so browsers never try plain HTTP again and cannot be downgraded. Sent
 * over a certificate that is not trusted it is ignored by browsers (§8.1), so that is no pass.
 */
import { hostnameMatches } from '../certificate.ts';
import { defineCheck, type Finding } from '../check.ts';
import type { HttpHop, Snapshot } from '../snapshot.ts';
import { finalHttpsResponse, header, hostOf, schemeOf } from '../web-response.ts';

export const HSTS_MIN_MAX_AGE = 15_768_000;

export interface Hsts {
  maxAge?: number;
  includeSubDomains: boolean;
  preload: boolean;
  valid: boolean;
}

/** RFC 6797 §6.1: directives separated by ';', each at most once, max-age REQUIRED, value optionally quoted. */
export function parseHsts(value: string): Hsts {
  // §8.1: with several STS header fields only the first is processed (joined headers are separated by ',').
  const first = value.split(',')[0] ?? '';
  const result: Hsts = { includeSubDomains: false, preload: false, valid: true };
  const seen = new Set<string>();
  for (const part of first.split(';')) {
    const [rawName, ...rest] = part.split('=');
    const name = (rawName ?? '').trim().toLowerCase();
    if (name === '') continue;
    if (seen.has(name)) result.valid = false;
    seen.add(name);
    const v = rest
      .join('=')
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'max-age') {
      if (/^\d+$/.test(v)) result.maxAge = Number(v);
      else result.valid = false;
    } else if (name === 'includesubdomains') result.includeSubDomains = true;
    else if (name === 'preload') result.preload = true;
  }
  if (result.maxAge === undefined) result.valid = false;
  return result;
}

/**
 * Whether the connection that delivered the response had a certificate a browser accepts. Snapshots record it per
 * hop; older ones only have the TLS probe of the scanned host, used when the response came from that host.
 */
function certificateTrusted(snap: Snapshot, hop: HttpHop): boolean {
  if (hop.certificateTrusted !== undefined) return hop.certificateTrusted;
  const tls = snap.web.tls;
  if (tls.status !== 'ok' || hostOf(hop.url) !== tls.host) return true;
  return tls.certificate.chainTrusted && hostnameMatches(tls.host, tls.certificate);
}

export const webHsts = defineCheck({ id: 'web.hsts', severity: 'medium', role: 'web' }, (snap) => {
  const response = finalHttpsResponse(snap);
  if (response.kind === 'none') return { findings: [response.finding] };
  // §8.1: a UA ignores STS received over plain HTTP, so a chain ending on http has none.
  const value = schemeOf(response.hop.url) === 'https' ? header(response.hop, 'strict-transport-security') : undefined;
  if (value === undefined) return { findings: [{ key: 'web.hsts.missing', status: 'fail' }] };
  // §8.1: a header received over a connection with certificate errors MUST be ignored, so it protects nobody.
  if (!certificateTrusted(snap, response.hop)) return { findings: [{ key: 'web.hsts.untrusted_certificate', status: 'fail' }], details: { header: value } };
  const hsts = parseHsts(value);
  const details = { header: value, maxAge: hsts.maxAge ?? null, includeSubDomains: hsts.includeSubDomains, preload: hsts.preload };
  const findings: Finding[] = [];
  if (!hsts.valid) findings.push({ key: 'web.hsts.invalid', status: 'fail', params: { header: value } });
  else if (hsts.maxAge === 0)
    findings.push({ key: 'web.hsts.disabled', status: 'fail' }); // §6.1.1: 0 deletes the policy
  else if ((hsts.maxAge ?? 0) < HSTS_MIN_MAX_AGE)
    findings.push({
      key: 'web.hsts.short_max_age',
      status: 'warn',
      severity: 'low',
      params: { maxAge: hsts.maxAge ?? 0, minimum: HSTS_MIN_MAX_AGE },
    });
  return { findings, details };
});
