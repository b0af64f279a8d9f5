/**
 * Scan findings that answer self-assessment controls. When a monitored domain's scan observes what a control asks
 * about, the control is marked "verified by scan"; an owner's answer that says otherwise is shown as a contradiction.
 */
import type { CheckOutcome } from './check.ts';

type Observed = 'yes' | 'partly' | 'no';

/** Control id → the checks that observe it. All pass → yes; any fail → no; otherwise partly. */
export const CONTROL_EVIDENCE: Readonly<Record<string, readonly string[]>> = {
  'pr-email-domain-auth': ['mail.spf', 'mail.dmarc', 'mail.dkim'],
  'pr-website-updates': ['web.https', 'web.redirect', 'web.cert', 'web.tls_version'],
};

export interface ScanEvidence {
  controlId: string;
  observed: Observed;
  checks: { id: string; status: CheckOutcome['status'] }[];
}

export function evidenceFromScan(outcomes: readonly CheckOutcome[]): ScanEvidence[] {
  const out: ScanEvidence[] = [];
  for (const [controlId, ids] of Object.entries(CONTROL_EVIDENCE)) {
    const checks = ids.map((id) => ({ id, status: outcomes.find((o) => o.id === id)?.status ?? 'error' }));
    // A check that could not run or does not apply says nothing: no evidence then.
    if (checks.some((c) => c.status === 'error' || c.status === 'skipped')) continue;
    const observed: Observed = checks.every((c) => c.status === 'pass' || c.status === 'info') ? 'yes' : checks.some((c) => c.status === 'fail') ? 'no' : 'partly';
    out.push({ controlId, observed, checks });
  }
  return out;
}

/** The owner answered differently from what the scan observed ("yes" while the scan saw a failure, or the reverse). */
export function contradicts(answer: string | undefined, observed: Observed): boolean {
  if (answer === undefined || answer === 'unknown' || answer === 'na') return false;
  if (observed === 'yes') return answer === 'no';
  if (observed === 'no') return answer === 'yes';
  return false;
}
