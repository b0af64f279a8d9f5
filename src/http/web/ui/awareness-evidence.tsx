/** The training measurement as shown beside the `pr-awareness` question of the self-assessment. */
import type { AwarenessEvidence } from '../../../core/training/coverage.ts';
import { contradicts } from '../../../core/scan/assessment-link.ts';
import type { MessageKey } from '../../../i18n/index.ts';
import type { PageCtx } from '../ui/page-context.ts';

export function awarenessView(ctx: PageCtx, e: AwarenessEvidence, answer: string | undefined) {
  const { t } = ctx;
  const report = e.reportRatePercent === null ? '' : t('training.evidence_report', { rate: e.reportRatePercent });
  return {
    observed: e.observed,
    domain: '',
    at: '',
    contradicts: contradicts(answer, e.observed),
    text: t('training.evidence', { coverage: e.coveragePercent, report, answer: t(`answer.${e.observed}` as MessageKey) }),
  };
}
