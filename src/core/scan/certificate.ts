/** Certificate judgements shared by web.cert and mail.starttls. */
import type { Finding, Severity } from './check.ts';
import type { CertificateInfo } from './snapshot.ts';

const DAY_MS = 86_400_000;

/** Whole days until notAfter; negative once expired. */
export function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/**
 * RFC 6125 §6.4: match the host against the dNSName SANs; a wildcard only as the whole left-most label and never
 * matching more than one label (§6.4.3). The subject CN is only consulted when there are no DNS SANs (§6.4.4).
 */
export function hostnameMatches(host: string, cert: CertificateInfo): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const candidates = cert.subjectAltNames.length > 0 ? cert.subjectAltNames : cert.subjectCommonName ? [cert.subjectCommonName] : [];
  return candidates.some((raw) => {
    const pattern = raw.toLowerCase().replace(/\.$/, '');
    if (pattern === name) return true;
    if (!pattern.startsWith('*.')) return false;
    const suffix = pattern.slice(1); // ".example.be"
    return name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.') && name.length > suffix.length;
  });
}

/** Days left under which an expiring certificate is reported (monitoring alerts at the same threshold). */
export const CERT_EXPIRY_WARN_DAYS = 21;

/**
 * The problems of one certificate for one host name, with keys under `prefix` (e.g. 'web.cert').
 * `severity` maps the kinds of problem to a severity so web and mail can weigh them differently.
 */
export function certificateFindings(
  cert: CertificateInfo,
  host: string,
  now: Date,
  prefix: string,
  severity: { broken: Severity; expiring: Severity },
): Finding[] {
  const findings: Finding[] = [];
  const days = daysLeft(cert.notAfter, now);
  const params = { host, daysLeft: days, notAfter: cert.notAfter, issuer: cert.issuer };
  if (days < 0) findings.push({ key: `${prefix}.expired`, status: 'fail', severity: severity.broken, params });
  else if (days < CERT_EXPIRY_WARN_DAYS)
    findings.push({ key: `${prefix}.expiring_soon`, status: 'warn', severity: severity.expiring, params });
  if (Date.parse(cert.notBefore) > now.getTime())
    findings.push({ key: `${prefix}.not_yet_valid`, status: 'fail', severity: severity.broken, params });
  // An expired leaf also fails chain validation; report the expiry, not a second "untrusted".
  if (!cert.chainTrusted && !(days < 0 && cert.chainError === 'CERT_HAS_EXPIRED')) {
    findings.push({
      key: `${prefix}.untrusted`,
      status: 'fail',
      severity: severity.broken,
      params: { ...params, reason: cert.chainError ?? 'untrusted' },
    });
  }
  if (!hostnameMatches(host, cert)) {
    findings.push({
      key: `${prefix}.name_mismatch`,
      status: 'fail',
      severity: severity.broken,
      params: { ...params, names: cert.subjectAltNames.join(', ') },
    });
  }
  return findings;
}
