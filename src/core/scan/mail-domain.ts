/** Facts about a domain's mail that several checks share: its MX hosts, null MX, and whether it sends at all. */
import { isSpfRecord, parseSpf } from './spf.ts';
import type { MxRecord, Snapshot } from './snapshot.ts';

/** RFC 7505 §3: a null MX is a single MX RR with preference 0 and exchange "." (the root, '' here). */
export function isNullMxRecord(r: MxRecord): boolean {
  return r.exchange === '' || r.exchange === '.';
}

export type MailReception =
  | { kind: 'mx'; hosts: string[] } // real MX hosts, by preference
  | { kind: 'null_mx' } // declares it accepts no mail
  | { kind: 'null_mx_mixed'; hosts: string[] } // null MX next to real MX: invalid (RFC 7505 §3)
  | { kind: 'none' } // no MX at all: senders fall back to the A record (RFC 5321 §5.1)
  | { kind: 'error'; reason: string };

export function mailReception(snap: Snapshot): MailReception {
  const mx = snap.mail.mx;
  if (mx.status === 'error') return { kind: 'error', reason: mx.reason };
  if (mx.status !== 'ok' || mx.records.length === 0) return { kind: 'none' };
  const real = [...mx.records].filter((r) => !isNullMxRecord(r)).sort((a, b) => a.preference - b.preference);
  const hosts = [...new Set(real.map((r) => r.exchange.toLowerCase().replace(/\.$/, '')))];
  if (real.length === mx.records.length) return { kind: 'mx', hosts };
  return real.length === 0 ? { kind: 'null_mx' } : { kind: 'null_mx_mixed', hosts };
}

/** The domain's single SPF record, if it has exactly one. */
export function spfRecord(snap: Snapshot): string | undefined {
  if (snap.mail.apexTxt.status !== 'ok') return undefined;
  const records = snap.mail.apexTxt.records.filter(isSpfRecord);
  return records.length === 1 ? records[0] : undefined;
}

/** `v=spf1 -all` and nothing else: the owner declared that no server sends mail for this domain. */
export function declaresNoSenders(snap: Snapshot): boolean {
  const record = spfRecord(snap);
  if (!record) return false;
  const { terms, errors } = parseSpf(record);
  return (
    errors.length === 0 &&
    terms.length === 1 &&
    terms[0]?.type === 'mechanism' &&
    terms[0].mechanism === 'all' &&
    terms[0].qualifier === '-'
  );
}
