/**
 * mail.dmarc (RFC 9989, DMARCbis, which obsoletes RFC 7489): one valid record at _dmarc.<domain> (§4.10.1) with a
 * policy that makes receivers quarantine or reject mail that fails SPF/DKIM alignment (§4.7 p=), for subdomains
 * and non-existent subdomains too (sp=, np=), not in testing mode (t=y), and aggregate reports (rua) so the owner
 * sees who sends in the domain's name. Without it anyone can send invoices "from" the company. pct, rf and ri were
 * removed by RFC 9989: reported as information, never as a failure.
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';
import { isDmarcCandidate, isDmarcRecord, parseDmarc } from '../dmarc.ts';
import { isPublicSuffix } from '../public-suffix.ts';

export const mailDmarc = defineCheck({ id: 'mail.dmarc', severity: 'critical', role: 'dns' }, (snap) => {
  const txt = snap.mail.dmarcTxt;
  if (txt.status === 'error') return { findings: [couldNotTest(txt.reason)] };
  const records = txt.status === 'ok' ? txt.records.filter(isDmarcRecord) : [];
  // Something that looks like DMARC but does not start with exactly v=DMARC1 (a leading space, "v=dmarc1"): receivers
  // discard it (RFC 9989 §4.8), so the domain has no DMARC; say why rather than "missing".
  if (records.length === 0 && txt.status === 'ok' && txt.records.some(isDmarcCandidate))
    return { findings: [{ key: 'mail.dmarc.invalid_version', status: 'fail' }], details: { records: txt.records.filter(isDmarcCandidate) } };
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
    else if (p.code === 'obsolete_tag') findings.push({ key: 'mail.dmarc.obsolete_tag', status: 'info', severity: 'info', params: { tag: p.tag ?? '' } });
    else findings.push({ key: 'mail.dmarc.unknown_tag', status: 'warn', severity: 'low', params: { tag: p.tag ?? '' } });
  }
  if (record.p === 'none') findings.push({ key: 'mail.dmarc.policy_none', status: 'warn', severity: 'high' });
  // sp= falls back to p= (§6.3); an explicit sp=none leaves subdomains open.
  if (record.p !== undefined && record.p !== 'none' && record.sp === 'none')
    findings.push({ key: 'mail.dmarc.subdomain_policy_none', status: 'warn', severity: 'medium' });
  // np= falls back to sp=, then p= (RFC 9989 §4.7); an explicit np=none leaves made-up subdomains open.
  if (record.p !== undefined && record.p !== 'none' && record.np === 'none')
    findings.push({ key: 'mail.dmarc.nonexistent_subdomain_policy_none', status: 'warn', severity: 'low' });
  // t=y: receivers apply the policy one level less strictly (reject as quarantine, quarantine as none; §4.7 t).
  if (record.p !== undefined && record.p !== 'none' && record.testing)
    findings.push({ key: 'mail.dmarc.testing_mode', status: 'warn', severity: 'medium' });
  // psd=y declares a public suffix domain (a registry such as .be); on an ordinary domain it changes how receivers
  // find the organisational domain (§4.7 psd, §4.10.2). The Public Suffix List tells the two apart.
  if (record.psd === 'y' && !isPublicSuffix(snap.domain)) findings.push({ key: 'mail.dmarc.psd_not_suffix', status: 'warn', severity: 'low' });
  if (record.p !== undefined && record.p !== 'none' && record.pct < 100)
    findings.push({ key: 'mail.dmarc.partial_pct', status: 'warn', severity: 'medium', params: { pct: record.pct } });
  if (record.rua.length === 0) findings.push({ key: 'mail.dmarc.no_rua', status: 'warn', severity: 'low' });
  return {
    findings,
    details: {
      record: records[0],
      policy: record.p ?? null,
      subdomainPolicy: record.sp ?? null,
      nonexistentSubdomainPolicy: record.np ?? null,
      testing: record.testing,
      pct: record.pct,
      rua: record.rua,
    },
  };
});
