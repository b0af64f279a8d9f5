/**
 * The contract every scan check follows: a pure function (snapshot, context) → CheckOutcome.
 *
 * Outcomes carry a stable `messageKey` and `params`; titles, explanations and fixes come later from i18n by that
 * key (the Observatory keeps outcome codes apart from wording and points the same way). A check reports its worst
 * finding as the outcome and lists every finding in `details.findings`, so a report can show secondary problems.
 */
import { detectProviders, responsible, type ResponsibleRole } from './providers.ts';
import type { Snapshot } from './snapshot.ts';

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'info', 'error', 'skipped'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Who = 'owner' | 'it_provider' | 'web_host' | 'mail_provider' | 'dns_provider';

export type Params = Record<string, string | number>;

export interface CheckOutcome {
  id: string;
  status: CheckStatus;
  /**
   * For warn/fail: how bad the finding is. For pass/info/error/skipped: the weight class of the check itself, so a
   * report can say "an important check could not be run".
   */
  severity: Severity;
  messageKey: string;
  params: Params;
  who: Who;
  details: Record<string, unknown>;
}

export interface CheckContext {
  now: Date;
}

/** One thing a check noticed. A check without findings passes with messageKey `<id>.ok`. */
export interface Finding {
  key: string;
  status: CheckStatus;
  /** Defaults to the check's own severity. */
  severity?: Severity;
  params?: Params;
}

export interface Verdict {
  findings: Finding[];
  details?: Record<string, unknown>;
}

export type ScanCheck<Id extends string = string> = ((snap: Snapshot, ctx: CheckContext) => CheckOutcome) & {
  readonly id: Id;
  readonly severity: Severity;
  readonly role: ResponsibleRole;
};

/** Worst first: a failure outranks a warning, which outranks "could not test". */
const STATUS_RANK: Record<CheckStatus, number> = { fail: 5, warn: 4, error: 3, info: 2, pass: 1, skipped: 0 };
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function compareFindings(
  a: Required<Pick<Finding, 'status' | 'severity'>>,
  b: Required<Pick<Finding, 'status' | 'severity'>>,
): number {
  return STATUS_RANK[b.status] - STATUS_RANK[a.status] || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity];
}

/**
 * Wraps a check body into a ScanCheck. The body returns findings; the wrapper picks the worst, fills in who must fix
 * it (from the detected providers and the check's role) and attaches all findings to details.
 */
export function defineCheck<const Id extends string>(
  spec: { id: Id; severity: Severity; role: ResponsibleRole },
  body: (snap: Snapshot, ctx: CheckContext) => Verdict,
): ScanCheck<Id> {
  const run = (snap: Snapshot, ctx: CheckContext): CheckOutcome => {
    const verdict = body(snap, ctx);
    const findings = verdict.findings.map((f) => ({ ...f, severity: f.severity ?? spec.severity, params: f.params ?? {} }));
    const worst = [...findings].sort(compareFindings)[0] ?? {
      key: `${spec.id}.ok`,
      status: 'pass' as const,
      severity: spec.severity,
      params: {},
    };
    const providers = detectProviders(snap);
    const { who, providerHint } = responsible(spec.role, providers);
    return {
      id: spec.id,
      status: worst.status,
      severity: worst.severity,
      messageKey: worst.key,
      params: worst.params,
      who,
      details: {
        ...verdict.details,
        ...(providerHint ? { providerHint } : {}),
        providers,
        findings: findings.map((f) => ({ key: f.key, status: f.status, severity: f.severity, params: f.params })),
      },
    };
  };
  return Object.assign(run, { id: spec.id, severity: spec.severity, role: spec.role });
}

// ---------------------------------------------------------------------------------------------------------------
// Shared findings

/** The scanner could not get the data (timeout, blocked by a firewall or WAF, SERVFAIL): never a failure. */
export function couldNotTest(reason: string): Finding {
  return { key: 'scan.could_not_test', status: 'error', params: { reason } };
}

/** Nothing to test here (no website, no mail); reported, not graded. */
export function skipped(key: string, params?: Params): Finding {
  return { key, status: 'skipped', severity: 'info', ...(params ? { params } : {}) };
}
