/**
 * Effectiveness of measures (issue 11): the figures of the public page and of GET /api/v1/statistics/measures, read
 * from the pre-aggregated table only (rebuilt by the statistics refresh), never from the live tables per request.
 */
import { effectivenessTable, FOLLOW_UP_DAYS, type ControlEffectiveness } from '../core/stats/effectiveness.ts';
import { listEffectivenessCounts } from '../db/repositories/stats-effectiveness.repository.ts';
import { refreshState } from '../db/repositories/stats.repository.ts';
import type { AppDeps } from './deps.ts';

export interface MeasuresFigures {
  refreshedAt: string | null;
  followUpDays: number;
  /** Shown controls first, sorted by the difference; hidden ones (fewer than 10 in a group) after, all null. */
  controls: ControlEffectiveness[];
}

export async function measuresFigures(deps: AppDeps): Promise<MeasuresFigures> {
  const [state, counts] = await Promise.all([refreshState(deps.db), listEffectivenessCounts(deps.db)]);
  return { refreshedAt: state.refreshedAt, followUpDays: FOLLOW_UP_DAYS, controls: effectivenessTable(counts) };
}
