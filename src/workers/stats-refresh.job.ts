import { z } from 'zod';
import type { AppDeps } from '../app/deps.ts';
import { runPlannedRefresh, STATS_REFRESH_JOB } from '../app/statistics.ts';
import { loadContent } from '../adapters/content.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ dueAt: z.string().nullable().default(null) });

/** Rebuilds the pre-aggregated statistics, then plans the next refresh (docs/statistics.md). */
export const statsRefreshJob: JobType = {
  name: STATS_REFRESH_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    const p = Payload.parse(payload ?? {});
    await runPlannedRefresh(deps, loadContent().nace, p.dueAt);
  },
};
