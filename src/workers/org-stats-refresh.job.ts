import { z } from 'zod';
import type { AppDeps } from '../app/deps.ts';
import { ORG_STATS_REFRESH_JOB, refreshOrganisationFigures } from '../app/org-figures.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ organisationId: z.string().min(1) });

/** Rebuilds one organisation's pre-aggregated figures after a change (docs/statistics.md, "Organisation figures"). */
export const orgStatsRefreshJob: JobType = {
  name: ORG_STATS_REFRESH_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    await refreshOrganisationFigures(deps, Payload.parse(payload).organisationId);
  },
};
