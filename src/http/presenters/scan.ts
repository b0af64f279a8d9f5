/** A scan as the API and the pages show it: outcomes with their title, explanation and fix in one language. */
import type { CheckOutcome } from '../../core/scan/check.ts';
import type { ScanAnalysis } from '../../core/scan/grading.ts';
import { describeOutcome, type ScanMessages } from '../../core/scan/messages.ts';
import type { Locale } from '../../core/locale.ts';
import type { ScanRow } from '../../db/repositories/scan.repository.ts';
import { loadScanProviderSteps } from '../../adapters/scan-content.ts';
import { providerStep } from '../../core/scan/provider-steps.ts';

export interface PresentedCheck {
  id: string;
  status: CheckOutcome['status'];
  severity: CheckOutcome['severity'];
  title: string;
  explanation: string;
  fix: string;
  who: CheckOutcome['who'];
  details: Record<string, unknown>;
}

export interface PresentedScan {
  id: string;
  domain: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  step: string | null;
  result: { domain: string; algorithmVersion: string; startedAt: string; durationMs: number; grade: string; score: number; incomplete: boolean; checks: PresentedCheck[] } | null;
  /** Results of the parts already scanned while the scan is still running. */
  partial: PresentedCheck[];
}

export function presentChecks(messages: ScanMessages, checks: readonly CheckOutcome[], lang: Locale, domain: string): PresentedCheck[] {
  const steps = loadScanProviderSteps();
  return checks.map((o) => {
    const text = describeOutcome(messages, o, lang, domain);
    // The recognised provider's own steps, where we have them (Microsoft 365, Google, Cloudflare, Combell).
    const own = o.status === 'fail' || o.status === 'warn' ? providerStep(steps, o.id, o.details.providerHint, lang) : undefined;
    return { id: o.id, status: o.status, severity: o.severity, title: text.title, explanation: text.explanation, fix: own ? `${text.fix} ${own}` : text.fix, who: o.who, details: o.details };
  });
}

export function presentScan(messages: ScanMessages, row: ScanRow, lang: Locale): PresentedScan {
  let result: PresentedScan['result'] = null;
  let partial: PresentedCheck[] = [];
  if (row.status === 'running' && row.result) {
    try {
      partial = presentChecks(messages, (JSON.parse(row.result) as ScanAnalysis).checks, lang, row.domain);
    } catch {
      partial = [];
    }
  }
  if (row.status === 'done' && row.result) {
    const a = JSON.parse(row.result) as ScanAnalysis & { startedAt: string; durationMs: number };
    result = { domain: row.domain, algorithmVersion: a.algorithmVersion, startedAt: a.startedAt, durationMs: a.durationMs, grade: a.grade, score: a.score, incomplete: a.incomplete, checks: presentChecks(messages, a.checks, lang, row.domain) };
  }
  const status = (['queued', 'running', 'done', 'failed'] as const).find((s) => s === row.status) ?? 'failed';
  return { id: row.id, domain: row.domain, status, progress: row.progress, step: row.step, result, partial };
}
