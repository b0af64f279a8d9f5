/**
 * mail.spf (RFC 7208): exactly one v=spf1 record (§4.5), valid syntax (§4.6, §12), an `all` that refuses strangers
 * (-all; ~all is a soft fail, ?all and +all or no all let anyone send, §4.7, §5.1), at most 10 DNS-querying terms
 * counted through include/redirect (§4.6.4), at most 2 void lookups (§4.6.4), and no include loops. Each of these
 * turns the result into permerror, which DMARC treats as "no SPF": the door for invoice fraud by spoofed mail.
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';
import { SPF_DNS_LOOKUP_LIMIT, SPF_MX_ADDRESS_LOOKUP_LIMIT, SPF_VOID_LOOKUP_LIMIT, evaluateSpf, isSpfRecord } from '../spf.ts';

export const mailSpf = defineCheck({ id: 'mail.spf', severity: 'high', role: 'dns' }, (snap) => {
  const txt = snap.mail.apexTxt;
  if (txt.status === 'error') return { findings: [couldNotTest(txt.reason)] };
  const records = txt.status === 'ok' ? txt.records.filter(isSpfRecord) : [];
  if (records.length === 0) return { findings: [{ key: 'mail.spf.missing', status: 'fail' }] };
  if (records.length > 1)
    return { findings: [{ key: 'mail.spf.multiple_records', status: 'fail', params: { count: records.length } }], details: { records } };

  const ev = evaluateSpf(snap.domain, txt, snap.mail.spfLookups);
  if (!ev) return { findings: [couldNotTest('other')] };
  const findings: Finding[] = [];

  for (const e of ev.syntaxErrors)
    findings.push({ key: 'mail.spf.syntax_error', status: 'fail', params: { domain: e.domain, term: e.term, code: e.code } });
  if (ev.lookups > SPF_DNS_LOOKUP_LIMIT)
    findings.push({ key: 'mail.spf.too_many_lookups', status: 'fail', params: { count: ev.lookups, limit: SPF_DNS_LOOKUP_LIMIT } });
  if (ev.voidLookups > SPF_VOID_LOOKUP_LIMIT) {
    findings.push({
      key: 'mail.spf.too_many_void_lookups',
      status: 'fail',
      params: { count: ev.voidLookups, limit: SPF_VOID_LOOKUP_LIMIT, names: ev.voidNames.join(', ') },
    });
  }
  for (const loop of ev.loops) findings.push({ key: 'mail.spf.include_loop', status: 'fail', params: { path: loop.join(' → ') } });
  for (const p of ev.problems) {
    if (p.code === 'no_record') findings.push({ key: 'mail.spf.include_without_spf', status: 'fail', params: { domain: p.domain } });
    if (p.code === 'multiple_records')
      findings.push({ key: 'mail.spf.include_multiple_records', status: 'fail', params: { domain: p.domain } });
    if (p.code === 'too_many_mx')
      findings.push({ key: 'mail.spf.too_many_mx', status: 'fail', params: { domain: p.domain, count: Number(p.detail), limit: SPF_MX_ADDRESS_LOOKUP_LIMIT } });
    // A lookup we could not make (a timeout on an a, mx, include or exists target): an evaluator would answer
    // temperror (RFC 7208 §4.4), so the result is incomplete ("could not test"), never silently fine.
    if ((p.code === 'lookup_error' || p.code === 'not_captured') && !findings.some((f) => f.key === 'mail.spf.lookup_incomplete' && f.params?.domain === p.domain))
      findings.push({ key: 'mail.spf.lookup_incomplete', status: 'error', params: { domain: p.domain } });
  }

  switch (ev.allQualifier) {
    case '-':
      break;
    case '~':
      findings.push({ key: 'mail.spf.softfail_all', status: 'warn', severity: 'low' });
      break;
    case '?':
      findings.push({ key: 'mail.spf.neutral_all', status: 'fail' });
      break;
    case '+':
      findings.push({ key: 'mail.spf.pass_all', status: 'fail', severity: 'critical' });
      break;
    case undefined:
      // §4.7: no match and no redirect gives "neutral": like ?all.
      findings.push({ key: 'mail.spf.no_all', status: 'fail' });
  }
  if (ev.termsAfterAll) findings.push({ key: 'mail.spf.terms_after_all', status: 'warn', severity: 'low' });
  if (ev.usesPtr) findings.push({ key: 'mail.spf.ptr_used', status: 'warn', severity: 'low' });

  return {
    findings,
    details: { record: records[0], lookups: ev.lookups, voidLookups: ev.voidLookups, allQualifier: ev.allQualifier ?? null, tree: ev.tree },
  };
});
