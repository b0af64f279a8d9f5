import { PHISHING_RETENTION_JOB, runPhishingRetention } from '../app/phishing-retention.ts';
import type { JobType } from './job-types.ts';

/** Daily: deletes the link between phishing results and people after the retention period (docs/phishing.md). */
export const phishingRetentionJob: JobType = {
  name: PHISHING_RETENTION_JOB,
  async perform(deps) {
    await runPhishingRetention(deps);
  },
};
