import { z } from 'zod';
import type { AppDeps } from '../app/deps.ts';
import { PHISHING_CAMPAIGN_JOB } from '../app/phishing-campaigns.ts';
import { runCampaignBatch } from '../app/phishing-sending.ts';
import type { JobType } from './job-types.ts';

const Payload = z.object({ campaignId: z.string() });

/** One run of a phishing campaign: sends the next batch and plans the next run (app/phishing-sending.ts). */
export const phishingCampaignJob: JobType = {
  name: PHISHING_CAMPAIGN_JOB,
  async perform(deps: AppDeps, payload: unknown) {
    await runCampaignBatch(deps, Payload.parse(payload).campaignId);
  },
};
