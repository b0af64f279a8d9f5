/**
 * brand.lookalike: registered domains that look like the company's (../lookalike.ts, after dnstwist's fuzzers).
 * One with an MX record can receive replies to fake invoices sent from it, so it is flagged; others are listed.
 * A SERVFAIL or timeout is not "registered" (dnstwist#221).
 */
import { defineCheck, skipped } from '../check.ts';
import { isNullMxRecord } from '../mail-domain.ts';
import type { LookalikeCapture } from '../snapshot.ts';

function hasRecords(answer: LookalikeCapture['a'] | LookalikeCapture['mx']): boolean {
  return answer.status === 'ok' && answer.records.length > 0;
}

export const brandLookalike = defineCheck({ id: 'brand.lookalike', severity: 'medium', role: 'owner' }, (snap) => {
  if (!snap.brand) return { findings: [skipped('brand.lookalike.not_scanned')] };
  const registered = snap.brand.lookalikes.filter((l) => hasRecords(l.a) || hasRecords(l.mx));
  const withMx = registered.filter((l) => l.mx.status === 'ok' && l.mx.records.some((r) => !isNullMxRecord(r)));
  const details = {
    checked: snap.brand.lookalikes.length,
    registered: registered.map((l) => ({ domain: l.domain, kinds: l.kinds, mx: withMx.includes(l) })),
  };
  if (withMx.length > 0)
    return {
      findings: [
        {
          key: 'brand.lookalike.with_mx',
          status: 'warn',
          params: { count: withMx.length, domains: withMx.map((l) => l.domain).join(', ') },
        },
      ],
      details,
    };
  if (registered.length > 0)
    return {
      findings: [{ key: 'brand.lookalike.registered', status: 'info', severity: 'low', params: { count: registered.length } }],
      details,
    };
  return { findings: [], details };
});
