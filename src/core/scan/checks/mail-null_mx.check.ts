/**
 * mail.null_mx: a domain that receives no mail should say so with `MX 0 .` (RFC 7505), so senders fail fast instead
 * of trying the A record (RFC 5321 §5.1) and the domain looks less useful to spoofers. Together with `v=spf1 -all`
 * and DMARC p=reject it hardens parked and non-sending domains (external-scan.md §6.6).
 */
import { couldNotTest, defineCheck } from '../check.ts';
import { declaresNoSenders, mailReception } from '../mail-domain.ts';

export const mailNullMx = defineCheck({ id: 'mail.null_mx', severity: 'low', role: 'dns' }, (snap) => {
  const reception = mailReception(snap);
  const details = { nonSending: declaresNoSenders(snap) };
  switch (reception.kind) {
    case 'error':
      return { findings: [couldNotTest(reception.reason)] };
    case 'null_mx':
      return { findings: [], details };
    // RFC 7505 §3: "A domain that advertises a null MX MUST NOT advertise any other MX RR."
    case 'null_mx_mixed':
      return { findings: [{ key: 'mail.null_mx.mixed', status: 'fail', severity: 'medium' }], details };
    case 'mx':
      return { findings: [{ key: 'mail.null_mx.not_applicable', status: 'info', severity: 'info' }], details };
    case 'none':
      return { findings: [{ key: 'mail.null_mx.recommended', status: 'warn' }], details };
  }
});
