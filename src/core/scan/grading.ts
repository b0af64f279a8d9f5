/**
 * Scoring is data, versioned (the Observatory's grader; our assessment's scoring-tables.ts). Every result records
 * SCAN_ALGORITHM_VERSION from registry.ts; change it when a number here changes.
 *
 * Method: start at 100 and subtract SEVERITY_PENALTY × STATUS_FACTOR for each outcome; 'error', 'info', 'skipped'
 * and 'pass' subtract nothing (a check we could not run neither helps nor hurts; the result says it is incomplete).
 * A critical failure caps the grade (as SSL Labs caps for untrusted certificates). Bands follow the Observatory.
 */
import { SEVERITY_RANK, type CheckContext, type CheckOutcome, type CheckStatus, type ScanCheck, type Severity } from './check.ts';
import { detectProviders, responsible } from './providers.ts';
import { ALL_CHECKS, SCAN_ALGORITHM_VERSION } from './registry.ts';
import type { Snapshot } from './snapshot.ts';

/** Points a finding of this severity costs at full weight. */
export const SEVERITY_PENALTY: Readonly<Record<Severity, number>> = { critical: 30, high: 15, medium: 8, low: 3, info: 0 };

/** How much of the penalty a status costs. */
export const STATUS_FACTOR: Readonly<Record<CheckStatus, number>> = { fail: 1, warn: 0.5, error: 0, info: 0, skipped: 0, pass: 0 };

export const GRADES = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** Lowest score for each grade, best first (Observatory src/grader/charts.js). */
export const GRADE_BANDS: readonly { min: number; grade: Grade }[] = [
  { min: 100, grade: 'A+' },
  { min: 90, grade: 'A' },
  { min: 85, grade: 'A-' },
  { min: 80, grade: 'B+' },
  { min: 70, grade: 'B' },
  { min: 65, grade: 'B-' },
  { min: 60, grade: 'C+' },
  { min: 50, grade: 'C' },
  { min: 45, grade: 'C-' },
  { min: 40, grade: 'D+' },
  { min: 30, grade: 'D' },
  { min: 25, grade: 'D-' },
  { min: 0, grade: 'F' },
];

/** With any critical failure (no DMARC, expired certificate, SPF +all) the grade is at best this. */
export const CRITICAL_FAIL_CAP: Grade = 'C';

export function scoreOf(outcomes: readonly CheckOutcome[]): number {
  const penalty = outcomes.reduce((sum, o) => sum + SEVERITY_PENALTY[o.severity] * STATUS_FACTOR[o.status], 0);
  return Math.max(0, Math.round(100 - penalty));
}

export function gradeOf(score: number, outcomes: readonly CheckOutcome[] = []): Grade {
  const band = GRADE_BANDS.find((b) => score >= b.min)?.grade ?? 'F';
  const capped = outcomes.some((o) => o.status === 'fail' && o.severity === 'critical');
  return capped && GRADES.indexOf(band) < GRADES.indexOf(CRITICAL_FAIL_CAP) ? CRITICAL_FAIL_CAP : band;
}

// ---------------------------------------------------------------------------------------------------------------
// Ranking

/**
 * Business-risk groups, most urgent first (external-scan.md §6.2): mail spoofing that enables invoice fraud, then an
 * expiring or broken certificate (the site goes dark), then session cookies (account takeover). Everything else
 * follows by severity. A group only lifts outcomes of at least GROUP_MIN_SEVERITY, so a cosmetic cookie warning does
 * not outrank a critical DNSSEC failure.
 */
export const BUSINESS_RISK_GROUPS: readonly (readonly string[])[] = [
  ['mail.dmarc', 'mail.spf', 'mail.dkim'],
  ['web.cert'],
  ['web.cookies'],
];
export const GROUP_MIN_SEVERITY: Severity = 'medium';

/** Outcomes to act on first; then could-not-test, information, passes, and skipped ones. */
const STATUS_ORDER: Readonly<Record<CheckStatus, number>> = { fail: 0, warn: 0, error: 1, info: 2, pass: 3, skipped: 4 };

function riskGroup(o: CheckOutcome): number {
  if (SEVERITY_RANK[o.severity] < SEVERITY_RANK[GROUP_MIN_SEVERITY]) return BUSINESS_RISK_GROUPS.length;
  if (o.id === 'web.cookies' && o.details.sessionIssue !== true) return BUSINESS_RISK_GROUPS.length;
  const i = BUSINESS_RISK_GROUPS.findIndex((g) => g.includes(o.id));
  return i < 0 ? BUSINESS_RISK_GROUPS.length : i;
}

function groupPosition(o: CheckOutcome): number {
  return BUSINESS_RISK_GROUPS.find((g) => g.includes(o.id))?.indexOf(o.id) ?? 0;
}

/** Sorted copy: actionable outcomes by business-risk group, then severity, fail before warn; stable otherwise. */
export function rankByBusinessRisk(outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const actionable = (o: CheckOutcome) => o.status === 'fail' || o.status === 'warn';
  return outcomes
    .map((o, index) => ({ o, index }))
    .sort(
      (a, b) =>
        STATUS_ORDER[a.o.status] - STATUS_ORDER[b.o.status] ||
        (actionable(a.o) ? riskGroup(a.o) - riskGroup(b.o) : 0) ||
        (actionable(a.o) && riskGroup(a.o) < BUSINESS_RISK_GROUPS.length ? groupPosition(a.o) - groupPosition(b.o) : 0) ||
        SEVERITY_RANK[b.o.severity] - SEVERITY_RANK[a.o.severity] ||
        (a.o.status === 'fail' ? 0 : 1) - (b.o.status === 'fail' ? 0 : 1) ||
        a.index - b.index,
    )
    .map(({ o }) => o);
}

// ---------------------------------------------------------------------------------------------------------------
// Analysis

export interface ScanAnalysis {
  algorithmVersion: string;
  grade: Grade;
  score: number;
  /** Some check could not be run (status 'error'); the grade only covers what was tested. */
  incomplete: boolean;
  /** Ranked by business risk. */
  checks: CheckOutcome[];
}

function errorOutcome(check: ScanCheck, snap: Snapshot, messageKey: string, reason: string, message?: string): CheckOutcome {
  let who: CheckOutcome['who'] = 'it_provider';
  try {
    who = responsible(check.role, detectProviders(snap)).who;
  } catch {
    // a snapshot broken enough to make detection throw still gets an outcome
  }
  return {
    id: check.id,
    status: 'error',
    severity: check.severity,
    messageKey,
    params: { reason },
    who,
    details: message ? { message } : {},
  };
}

/**
 * Runs every check over the snapshot. A check the retriever gave up on (snap.checkErrors) and a check that throws
 * each yield status 'error'; the rest of the scan completes (internet.nl#1425: users want partial results).
 */
export function analyze(snap: Snapshot, now: Date, checks: readonly ScanCheck[] = ALL_CHECKS): ScanAnalysis {
  const ctx: CheckContext = { now };
  const outcomes = checks.map((check): CheckOutcome => {
    const captureError = snap.checkErrors[check.id];
    if (captureError) return errorOutcome(check, snap, 'scan.could_not_test', captureError.reason, captureError.message);
    try {
      return check(snap, ctx);
    } catch (err) {
      return errorOutcome(check, snap, 'scan.check_failed', 'internal', err instanceof Error ? err.message : String(err));
    }
  });
  const score = scoreOf(outcomes);
  return {
    algorithmVersion: SCAN_ALGORITHM_VERSION,
    grade: gradeOf(score, outcomes),
    score,
    incomplete: outcomes.some((o) => o.status === 'error'),
    checks: rankByBusinessRisk(outcomes),
  };
}
