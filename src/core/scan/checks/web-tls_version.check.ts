/**
 * web.tls_version: no SSLv3, TLS 1.0 or TLS 1.1 (RFC 7568, RFC 8996), and TLS 1.2 or 1.3 available (internet.nl
 * tls_version per NCSC TLS guidelines; SSL Labs caps such servers at B).
 */
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import type { TlsVersion } from '../snapshot.ts';
import { UNTESTABLE, hasWebsite } from '../web-response.ts';

const LEGACY: readonly TlsVersion[] = ['SSLv3', 'TLSv1', 'TLSv1.1'];

export const webTlsVersion = defineCheck({ id: 'web.tls_version', severity: 'high', role: 'web' }, (snap) => {
  const tls = snap.web.tls;
  if (tls.status !== 'ok') {
    if (UNTESTABLE.has(tls.status)) return { findings: [couldNotTest(tls.status)] };
    return { findings: [skipped(hasWebsite(snap) ? 'web.no_https' : 'web.no_website')] };
  }
  const findings: Finding[] = [];
  const legacy = LEGACY.filter((v) => tls.versions[v] === true);
  const modern =
    tls.versions['TLSv1.2'] === true || tls.versions['TLSv1.3'] === true || tls.negotiated === 'TLSv1.2' || tls.negotiated === 'TLSv1.3';
  // Only outdated versions: said first, as it is what visitors notice (browsers refuse the site).
  if (!modern) findings.push({ key: 'web.tls_version.no_modern', status: 'fail' });
  if (legacy.length > 0) findings.push({ key: 'web.tls_version.legacy_enabled', status: 'fail', params: { versions: legacy.join(', ') } });
  return { findings, details: { versions: tls.versions, negotiated: tls.negotiated } };
});
