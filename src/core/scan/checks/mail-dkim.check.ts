/**
 * mail.dkim: DKIM public keys published under the probed selectors (RFC 6376 §3.6.2.1), usable, and strong: RSA keys
 * under 1024 bits are invalid and under 2048 bits are below what signers SHOULD use (RFC 8301 §3.2). A selector that
 * is not found is not proof of absence (selectors cannot be listed), so that is a warning, not a failure.
 */
import { couldNotTest, defineCheck, skipped, type Finding } from '../check.ts';
import { DKIM_RSA_MIN_BITS, DKIM_RSA_RECOMMENDED_BITS, parseDkimRecord, rsaModulusBits } from '../dkim.ts';
import { declaresNoSenders } from '../mail-domain.ts';

interface FoundKey {
  selector: string;
  keyType: string;
  bits: number | null;
  revoked: boolean;
  testing: boolean;
}

export const mailDkim = defineCheck({ id: 'mail.dkim', severity: 'high', role: 'mail' }, (snap) => {
  const findings: Finding[] = [];
  const keys: FoundKey[] = [];
  const probes = Object.entries(snap.mail.dkim.selectors);
  for (const [selector, answer] of probes) {
    if (answer.status !== 'ok') continue;
    for (const txt of answer.records) {
      const { record, problem } = parseDkimRecord(txt);
      if (problem || !record) {
        findings.push({
          key: 'mail.dkim.invalid_record',
          status: 'fail',
          severity: 'medium',
          params: { selector, problem: problem ?? 'malformed' },
        });
        continue;
      }
      const revoked = record.publicKey === '';
      const bits = record.keyType === 'rsa' && !revoked ? (rsaModulusBits(record.publicKey) ?? null) : null;
      keys.push({ selector, keyType: record.keyType, bits, revoked, testing: record.testing });
      if (revoked) continue; // an empty p= is how a key is retired (§3.6.1); fine as long as another key is active
      if (record.keyType === 'rsa') {
        if (bits === null) findings.push({ key: 'mail.dkim.invalid_key', status: 'fail', severity: 'medium', params: { selector } });
        else if (bits < DKIM_RSA_MIN_BITS)
          findings.push({ key: 'mail.dkim.key_too_weak', status: 'fail', severity: 'high', params: { selector, bits } });
        else if (bits < DKIM_RSA_RECOMMENDED_BITS)
          findings.push({ key: 'mail.dkim.key_short', status: 'warn', severity: 'medium', params: { selector, bits } });
      } else if (record.keyType !== 'ed25519') {
        // RFC 8463 adds ed25519; other k= values are unknown to verifiers and the key is ignored.
        findings.push({
          key: 'mail.dkim.unknown_key_type',
          status: 'warn',
          severity: 'medium',
          params: { selector, keyType: record.keyType },
        });
      }
      if (record.testing) findings.push({ key: 'mail.dkim.testing', status: 'warn', severity: 'low', params: { selector } });
    }
  }

  const details = { selectorsProbed: probes.map(([s]) => s), keys };
  if (keys.some((k) => !k.revoked) || findings.length > 0) return { findings, details };

  // No usable key found.
  if (declaresNoSenders(snap)) return { findings: [skipped('mail.dkim.not_sending')], details };
  const errors = probes.filter(([, a]) => a.status === 'error');
  if (probes.length > 0 && errors.length === probes.length) {
    const first = errors[0]?.[1];
    return { findings: [couldNotTest(first?.status === 'error' ? first.reason : 'other')], details };
  }
  // _domainkey exists (NOERROR, no data) → some selector exists that we did not guess (internet.nl#839).
  if (snap.mail.dkim.domainkey?.status === 'nodata')
    return { findings: [{ key: 'mail.dkim.selector_unknown', status: 'info', severity: 'medium' }], details };
  return { findings: [{ key: 'mail.dkim.not_found', status: 'warn', severity: 'medium' }], details };
});
