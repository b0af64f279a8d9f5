/**
 * mail.mx: where the domain receives mail (RFC 5321 §5.1). MX targets must be host names with an address, never IP
 * literals (RFC 5321 §5.1, RFC 2181 §10.3); a null MX must stand alone (RFC 7505 §3).
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';
import { isIp4, isIp6 } from '../spf.ts';
import { mailReception } from '../mail-domain.ts';

export const mailMx = defineCheck({ id: 'mail.mx', severity: 'medium', role: 'dns' }, (snap) => {
  const reception = mailReception(snap);
  switch (reception.kind) {
    case 'error':
      return { findings: [couldNotTest(reception.reason)] };
    case 'none':
      return { findings: [{ key: 'mail.mx.none', status: 'info', severity: 'low' }] };
    case 'null_mx':
      return { findings: [{ key: 'mail.mx.null', status: 'pass' }] };
    case 'null_mx_mixed':
      return { findings: [{ key: 'mail.mx.null_mixed', status: 'fail' }], details: { hosts: reception.hosts } };
    case 'mx': {
      const findings: Finding[] = [];
      for (const host of reception.hosts) {
        if (isIp4(host) || isIp6(host)) findings.push({ key: 'mail.mx.ip_literal', status: 'fail', params: { host } });
      }
      const unresolvable = snap.mail.smtp.filter((p) => p.status === 'no_address').map((p) => p.host);
      if (unresolvable.length === reception.hosts.length)
        findings.push({ key: 'mail.mx.unresolvable', status: 'fail', severity: 'high', params: { hosts: unresolvable.join(', ') } });
      else if (unresolvable.length > 0)
        findings.push({ key: 'mail.mx.some_unresolvable', status: 'warn', params: { hosts: unresolvable.join(', ') } });
      return { findings, details: { hosts: reception.hosts } };
    }
  }
});
