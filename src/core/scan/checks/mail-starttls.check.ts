/**
 * mail.starttls: every MX host offers STARTTLS (RFC 3207) and completes a TLS 1.2+ handshake (RFC 8996 deprecates
 * TLS 1.0/1.1) with a certificate that is trusted, valid and names the host (needed for MTA-STS, RFC 8461 §4.2).
 * Port 25 is often filtered on the scanner's side or by the receiver: that is "could not test", never a failure
 * (external-scan.md §6.7).
 */
import { certificateFindings } from '../certificate.ts';
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import { mailReception } from '../mail-domain.ts';
import type { TlsVersion } from '../snapshot.ts';

const MODERN: ReadonlySet<TlsVersion> = new Set(['TLSv1.2', 'TLSv1.3']);

export const mailStarttls = defineCheck({ id: 'mail.starttls', severity: 'high', role: 'mail' }, (snap, ctx) => {
  const reception = mailReception(snap);
  if (reception.kind === 'error') return { findings: [couldNotTest(reception.reason)] };
  if (reception.kind !== 'mx' && reception.kind !== 'null_mx_mixed') return { findings: [skipped('mail.no_mail')] };

  const findings: Finding[] = [];
  const hosts: Record<string, unknown>[] = [];
  let untested = 0;
  for (const host of reception.hosts) {
    const probe = snap.mail.smtp.find((p) => p.host === host);
    if (!probe || probe.status !== 'ok') {
      // no_address is mail.mx's finding; the rest means we were stopped (blocked, timeout, refused).
      untested += 1;
      hosts.push({ host, status: probe?.status ?? 'not_probed' });
      continue;
    }
    if (!probe.starttls) {
      findings.push({ key: 'mail.starttls.not_offered', status: 'fail', params: { host } });
      hosts.push({ host, starttls: false });
      continue;
    }
    const tls = probe.tls;
    if (!tls || tls.status !== 'ok') {
      findings.push({ key: 'mail.starttls.handshake_failed', status: 'fail', params: { host } });
      hosts.push({ host, starttls: true, handshake: 'failed' });
      continue;
    }
    hosts.push({ host, starttls: true, version: tls.version, notAfter: tls.certificate.notAfter });
    if (!MODERN.has(tls.version))
      findings.push({ key: 'mail.starttls.old_tls', status: 'fail', severity: 'medium', params: { host, version: tls.version } });
    findings.push(...certificateFindings(tls.certificate, host, ctx.now, 'mail.starttls.cert', { broken: 'medium', expiring: 'medium' }));
  }
  if (untested > 0) findings.push(couldNotTest('blocked'));
  return { findings, details: { hosts } };
});
