/**
 * Monitoring: what to compare between two scans of a domain, and which differences are worth an e-mail
 * (a check got worse, a certificate expires within 21 days, SPF/DMARC/MX/NS records changed, a new lookalike).
 */
import type { CheckOutcome } from './check.ts';
import type { Snapshot } from './snapshot.ts';

export interface Fingerprint {
  spf: string[];
  dmarc: string[];
  mx: string[];
  ns: string[];
  certNotAfter: string | null;
  lookalikes: string[];
  statuses: Record<string, CheckOutcome['status']>;
}

const records = (a: { status: string; records?: unknown[] }): string[] => (a.status === 'ok' && a.records ? a.records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).sort() : []);

export function fingerprintOf(s: Snapshot, checks: readonly CheckOutcome[]): Fingerprint {
  return {
    spf: records(s.mail.apexTxt).filter((t) => /^v=spf1/i.test(t)),
    dmarc: records(s.mail.dmarcTxt),
    mx: records(s.mail.mx),
    ns: records(s.dns.ns),
    certNotAfter: s.web.tls.status === 'ok' ? s.web.tls.certificate.notAfter : null,
    lookalikes: (s.brand?.lookalikes ?? []).filter((l) => l.a.status === 'ok' || l.mx.status === 'ok').map((l) => l.domain).sort(),
    statuses: Object.fromEntries(checks.map((c) => [c.id, c.status])),
  };
}

export type Change =
  | { kind: 'worse'; checkId: string; from: string; to: string }
  | { kind: 'cert_expiring'; days: number }
  | { kind: 'records'; record: 'spf' | 'dmarc' | 'mx' | 'ns' }
  | { kind: 'lookalike'; domain: string };

const RANK: Record<string, number> = { pass: 0, skipped: 0, info: 1, error: 1, warn: 2, fail: 3 };

/** Differences between the previous and the new scan that an owner must hear about. */
export function changesBetween(previous: Fingerprint | null, next: Fingerprint, now: Date): Change[] {
  const out: Change[] = [];
  if (next.certNotAfter) {
    const days = Math.floor((new Date(next.certNotAfter).getTime() - now.getTime()) / 86_400_000);
    if (days < 21) out.push({ kind: 'cert_expiring', days });
  }
  if (!previous) return out;
  for (const [id, status] of Object.entries(next.statuses)) {
    const before = previous.statuses[id];
    // "could not test" is not a worsening: it says nothing about the domain.
    if (before !== undefined && status !== 'error' && (RANK[status] ?? 0) > (RANK[before] ?? 0)) out.push({ kind: 'worse', checkId: id, from: before, to: status });
  }
  for (const record of ['spf', 'dmarc', 'mx', 'ns'] as const) {
    if (JSON.stringify(previous[record]) !== JSON.stringify(next[record])) out.push({ kind: 'records', record });
  }
  for (const d of next.lookalikes) if (!previous.lookalikes.includes(d)) out.push({ kind: 'lookalike', domain: d });
  return out;
}
