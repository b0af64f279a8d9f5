import type { JobType } from './job-types.ts';
import { sendEmailJob } from './send-email.job.ts';
import { incidentReminderJob } from './incident-reminder.job.ts';
import { scanJob } from './scan.job.ts';
import { mailReportAnswerJob, mailReportForwardJob } from './mail-report.job.ts';
import { trainingNudgesJob } from './training-nudges.job.ts';
import { phishingCampaignJob } from './phishing-campaign.job.ts';
import { phishingRetentionJob } from './phishing-retention.job.ts';
import { statsRefreshJob } from './stats-refresh.job.ts';
import { orgStatsRefreshJob } from './org-stats-refresh.job.ts';
import { jobPurgeJob } from './job-purge.job.ts';
import { monitorRepairJob } from './monitor-repair.job.ts';

/** Every job type the workers know. A job whose type is not here fails with a clear error. */
export const JOB_TYPES: ReadonlyMap<string, JobType> = new Map(
  [sendEmailJob, incidentReminderJob, scanJob, mailReportAnswerJob, mailReportForwardJob, trainingNudgesJob, phishingCampaignJob, phishingRetentionJob, statsRefreshJob, orgStatsRefreshJob, jobPurgeJob, monitorRepairJob].map(
    (j) => [j.name, j],
  ),
);
