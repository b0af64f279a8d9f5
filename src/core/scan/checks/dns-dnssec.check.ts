/**
 * dns.dnssec: the zone is signed (DNSKEY), the parent holds a DS for it (RFC 4033 §2, RFC 4035 §5), and a validating
 * resolver accepts the chain. A broken chain (bogus) is worse than none: validating resolvers then refuse the whole
 * domain, mail and web included (internet.nl, checkdmarc).
 */
import { couldNotTest, defineCheck, type Finding } from '../check.ts';

export const dnsDnssec = defineCheck({ id: 'dns.dnssec', severity: 'medium', role: 'dns' }, (snap) => {
  const { ds, dnskey, validated, bogus } = snap.dns.dnssec;
  const details = { ds: ds.status, dnskey: dnskey.status, validated: validated ?? null };
  if (bogus) return { findings: [{ key: 'dns.dnssec.bogus', status: 'fail', severity: 'critical' }], details };
  const failed = [ds, dnskey].find((a) => a.status === 'error');
  if (failed?.status === 'error') return { findings: [couldNotTest(failed.reason)], details };

  const hasDs = ds.status === 'ok' && ds.records.length > 0;
  const hasKey = dnskey.status === 'ok' && dnskey.records.length > 0;
  const findings: Finding[] = [];
  if (!hasDs && !hasKey) findings.push({ key: 'dns.dnssec.unsigned', status: 'fail' });
  // Signed but no DS at the parent: an "island of security" nobody can validate (RFC 4033 §3.1).
  else if (!hasDs) findings.push({ key: 'dns.dnssec.no_ds', status: 'warn' });
  // DS without DNSKEY: the parent points to keys that do not exist, validators treat the zone as bogus.
  else if (!hasKey) findings.push({ key: 'dns.dnssec.no_dnskey', status: 'fail', severity: 'critical' });
  else if (validated === false) findings.push({ key: 'dns.dnssec.not_validated', status: 'warn' });
  return { findings, details };
});
