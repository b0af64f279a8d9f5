/**
 * What the background work achieved, counted by the process that did it since it started (issue 13: "metrics for
 * scans, mail and campaigns"). A job's own outcome (src/workers/runner.ts) cannot tell these apart: a scan that failed
 * is stored as failed and its job ends `done`, a mail the server may or may not have taken ends `done` too. The work
 * itself counts here, in whichever process runs it (the web process with its in-process worker, or `schild worker`),
 * and src/workers/metrics.ts exports the counts on each scrape, as it does transact()'s rollbacks.
 *
 * Labels are few fixed words, never a domain, an address or a company, so the number of series stays small.
 */

/** A scan's end: its result stored (`done`) or the scan marked failed (`failed`, the capture or the storing failed). */
export type ScanOutcome = 'done' | 'failed';
/**
 * A send-email job's end, as the outbox records it: `sent` (the SMTP server accepted it), `logged` (no SMTP_URL: written
 * to the log), `unknown` (the connection broke mid-transaction or a worker died while sending: not sent again),
 * `retry` (refused or no connection: back in the queue, tried again), `failed` (refused at the last attempt).
 */
export type MailOutcome = 'sent' | 'logged' | 'unknown' | 'retry' | 'failed';
/**
 * A simulated phishing mail's end: `sent` (accepted), `failed` (refused for good, or the person has no address),
 * `retry` (a temporary refusal: back with its batch, sent by a later run), `unknown` (its run died during the SMTP
 * transaction: settled as sent, not sent again).
 */
export type PhishingOutcome = 'sent' | 'failed' | 'retry' | 'unknown';

export const MAIL_OUTCOMES: readonly MailOutcome[] = ['sent', 'logged', 'unknown', 'retry', 'failed'];
export const PHISHING_OUTCOMES: readonly PhishingOutcome[] = ['sent', 'failed', 'retry', 'unknown'];
/** A finished scan's grade by its letter ("A+" and "A-" count as "A"); a failed scan has none. */
export const SCAN_GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type ScanGradeLabel = (typeof SCAN_GRADES)[number] | 'none';

/** Counts per set of label values. */
export class Tally<L extends Record<string, string>> {
  private readonly counts = new Map<string, { labels: L; n: number }>();
  add(labels: L, n = 1): void {
    const key = JSON.stringify(labels);
    const entry = this.counts.get(key);
    if (entry) entry.n += n;
    else this.counts.set(key, { labels, n });
  }
  entries(): { labels: L; n: number }[] {
    return [...this.counts.values()];
  }
}

export const workCounts = {
  scans: new Tally<{ outcome: ScanOutcome; grade: ScanGradeLabel }>(),
  mail: new Tally<{ outcome: MailOutcome }>(),
  phishing: new Tally<{ outcome: PhishingOutcome }>(),
};

export function gradeLabel(grade: string | null | undefined): ScanGradeLabel {
  const letter = grade?.charAt(0);
  return (SCAN_GRADES as readonly string[]).includes(letter ?? '') ? (letter as ScanGradeLabel) : 'none';
}

export function countScan(outcome: ScanOutcome, grade?: string | null): void {
  workCounts.scans.add({ outcome, grade: outcome === 'done' ? gradeLabel(grade) : 'none' });
}

export function countMail(outcome: MailOutcome): void {
  workCounts.mail.add({ outcome });
}

export function countPhishing(outcome: PhishingOutcome, n = 1): void {
  if (n > 0) workCounts.phishing.add({ outcome }, n);
}
