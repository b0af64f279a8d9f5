/**
 * dns.caa: CAA records (RFC 8659) say which certificate authorities may issue for the domain, so a CA that is tricked
 * into issuing refuses. Advisory, as at internet.nl. The retriever does the tree climb of RFC 8659 §3.
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';

/** Property tags defined by RFC 8659 §4.2-4.4 and RFC 8657 (issuemail is RFC 9495). */
const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'contactemail', 'contactphone']);

export const dnsCaa = defineCheck({ id: 'dns.caa', severity: 'low', role: 'dns' }, (snap) => {
  const caa = snap.dns.caa;
  if (caa.status === 'error') return { findings: [couldNotTest(caa.reason)] };
  if (caa.status !== 'ok' || caa.records.length === 0) return { findings: [{ key: 'dns.caa.missing', status: 'warn' }] };

  const findings: Finding[] = [];
  const issuers = caa.records.filter((r) => r.tag.toLowerCase() === 'issue').map((r) => r.value);
  for (const r of caa.records) {
    const tag = r.tag.toLowerCase();
    // §4.1: a CA MUST NOT issue when it meets an unknown tag with the critical flag (128) set.
    if (!KNOWN_TAGS.has(tag) && (r.flags & 128) !== 0)
      findings.push({ key: 'dns.caa.unknown_critical_tag', status: 'warn', params: { tag: r.tag } });
  }
  // Only issuewild/iodef records: any CA may still issue ordinary certificates.
  if (issuers.length === 0) findings.push({ key: 'dns.caa.no_issue', status: 'warn' });
  return { findings, details: { issuers, records: caa.records } };
});
