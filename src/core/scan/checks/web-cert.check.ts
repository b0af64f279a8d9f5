/**
 * web.cert: the certificate on port 443 chains to a trusted root, names the host (RFC 6125 §6.4) and is in its
 * validity period; it warns 21 days before expiry (SSL Labs grades T and M; internet.nl cert_trust/hostmatch). An
 * RSA key under 2048 bits is flagged (internet.nl cert_pubkey, NCSC TLS guidelines).
 */
import { certificateFindings, daysLeft } from '../certificate.ts';
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import { UNTESTABLE, hasWebsite } from '../web-response.ts';

export const webCert = defineCheck({ id: 'web.cert', severity: 'critical', role: 'web' }, (snap, ctx) => {
  const tls = snap.web.tls;
  if (tls.status !== 'ok') {
    if (UNTESTABLE.has(tls.status)) return { findings: [couldNotTest(tls.status)] };
    return { findings: [skipped(hasWebsite(snap) ? 'web.no_https' : 'web.no_website')] };
  }
  const cert = tls.certificate;
  const findings: Finding[] = certificateFindings(cert, tls.host, ctx.now, 'web.cert', { broken: 'critical', expiring: 'high' });
  if (cert.keyType === 'rsa' && cert.keyBits < 2048)
    findings.push({ key: 'web.cert.weak_key', status: 'warn', severity: 'medium', params: { bits: cert.keyBits } });
  return {
    findings,
    details: {
      host: tls.host,
      issuer: cert.issuer,
      notAfter: cert.notAfter,
      daysLeft: daysLeft(cert.notAfter, ctx.now),
      names: cert.subjectAltNames,
    },
  };
});
