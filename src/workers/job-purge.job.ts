import { JOB_PURGE_JOB, runJobPurge } from '../app/job-retention.ts';
import type { JobType } from './job-types.ts';

/** Daily: deletes finished jobs older than JOB_RETENTION_DAYS (docs/operations.md, "Job retention"). */
export const jobPurgeJob: JobType = {
  name: JOB_PURGE_JOB,
  async perform(deps) {
    await runJobPurge(deps);
  },
};
