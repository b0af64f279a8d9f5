/**
 * mail.tlsrpt (RFC 8460): a `v=TLSRPTv1; rua=…` record at _smtp._tls so sending servers report TLS failures
 * (§3). Advisory: reports help the owner notice a broken MTA-STS or STARTTLS setup.
 */
import { couldNotTest, defineCheck, skipped } from '../check.ts';
import { mailReception } from '../mail-domain.ts';
import { parseTagList, tagValue } from '../tag-list.ts';

/** tlsrpt-uri: mailto: or https: (§3). */
function isTlsRptUri(uri: string): boolean {
  return /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(uri) || /^https:\/\/[^\s]+$/i.test(uri);
}

export const mailTlsrpt = defineCheck({ id: 'mail.tlsrpt', severity: 'low', role: 'dns' }, (snap) => {
  const reception = mailReception(snap);
  if (reception.kind === 'error') return { findings: [couldNotTest(reception.reason)] };
  if (reception.kind !== 'mx') return { findings: [skipped('mail.no_mail')] };
  const txt = snap.mail.tlsRptTxt;
  if (txt.status === 'error') return { findings: [couldNotTest(txt.reason)] };
  // §3: records not starting with "v=TLSRPTv1" are discarded; the rest must be exactly one.
  const records = txt.status === 'ok' ? txt.records.filter((r) => /^v=TLSRPTv1\s*(;|$)/.test(r)) : [];
  if (records.length === 0) return { findings: [{ key: 'mail.tlsrpt.missing', status: 'info' }] };
  if (records.length > 1) return { findings: [{ key: 'mail.tlsrpt.multiple_records', status: 'fail' }] };
  const list = parseTagList(records[0] ?? '');
  const rua = (tagValue(list, 'rua') ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  if (rua.length === 0 || !rua.every(isTlsRptUri) || list.malformed.length > 0) {
    return { findings: [{ key: 'mail.tlsrpt.invalid', status: 'fail' }], details: { record: records[0] } };
  }
  return { findings: [], details: { rua } };
});
