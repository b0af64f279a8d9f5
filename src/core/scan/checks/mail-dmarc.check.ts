/**
 * mail.dmarc (RFC 7489): one valid record at _dmarc.<domain> (§6.1, §6.6.3) with a policy that makes receivers
 * quarantine or reject mail that fails SPF/DKIM alignment (§6.3 p=), applied to all mail (pct), and aggregate reports
 * (rua) so the owner sees who sends in the domain's name. Without it anyone can send invoices "from" the company.
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';
import { isDmarcCandidate, parseDmarc } from '../dmarc.ts';

export const mailDmarc = defineCheck({ id: 'mail.dmarc', severity: 'critical', role: 'dns' }, (snap) => {
  const txt = snap.mail.dmarcTxt;
  if (txt.status === 'error') return { findings: [couldNotTest(txt.reason)] };
  const records = txt.status === 'ok' ? txt.records.filter(isDmarcCandidate) : [];
  if (records.length === 0) {
    // A DMARC record published at the apex instead of _dmarc is ignored by every receiver.
    const atApex = snap.mail.apexTxt.status === 'ok' && snap.mail.apexTxt.records.some(isDmarcCandidate);
    return { findings: [{ key: atApex ? 'mail.dmarc.wrong_location' : 'mail.dmarc.missing', status: 'fail' }] };
  }
  // §6.6.3 step 5: more than one record → no DMARC at all.
  if (records.length > 1)
    return { findings: [{ key: 'mail.dmarc.multiple_records', status: 'fail', params: { count: records.length } }], details: { records } };

  const { record, problems } = parseDmarc(records[0] ?? '');
  const findings: Finding[] = [];
  for (const p of problems) {
    if (p.code === 'missing_policy') findings.push({ key: 'mail.dmarc.no_policy', status: 'fail', severity: 'high' });
    else if (p.code === 'invalid_version') findings.push({ key: 'mail.dmarc.invalid_version', status: 'fail' });
    else if (p.fatal)
      findings.push({
        key: 'mail.dmarc.invalid_tag',
        status: 'fail',
        severity: 'high',
        params: { code: p.code, tag: p.tag ?? '', value: p.value ?? '' },
      });
    else findings.push({ key: 'mail.dmarc.unknown_tag', status: 'warn', severity: 'low', params: { tag: p.tag ?? '' } });
  }
  if (record.p === 'none') findings.push({ key: 'mail.dmarc.policy_none', status: 'warn', severity: 'high' });
  // sp= falls back to p= (§6.3); an explicit sp=none leaves subdomains open.
  if (record.p !== undefined && record.p !== 'none' && record.sp === 'none')
    findings.push({ key: 'mail.dmarc.subdomain_policy_none', status: 'warn', severity: 'medium' });
  if (record.p !== undefined && record.p !== 'none' && record.pct < 100)
    findings.push({ key: 'mail.dmarc.partial_pct', status: 'warn', severity: 'medium', params: { pct: record.pct } });
  if (record.rua.length === 0) findings.push({ key: 'mail.dmarc.no_rua', status: 'warn', severity: 'low' });
  return {
    findings,
    details: { record: records[0], policy: record.p ?? null, subdomainPolicy: record.sp ?? null, pct: record.pct, rua: record.rua },
  };
});
