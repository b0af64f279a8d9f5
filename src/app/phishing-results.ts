/** Results of a company's phishing campaigns: one campaign in detail, and all campaigns over time. */
import { campaignResults, type CampaignResults, type Outcomes } from '../core/phishing/results.ts';
import { eventCounts, findCampaign, listCampaigns, listOutcomes, reportCounts, type CampaignRow } from '../db/repositories/phishing-tracking.repository.ts';
import type { AppDeps } from './deps.ts';

export interface CampaignSummary {
  id: string;
  name: string;
  templateId: string;
  startsAt: string;
  status: string;
  purgedAt: string | null;
}

const summary = (c: CampaignRow): CampaignSummary => ({ id: c.id, name: c.name, templateId: c.template_id, startsAt: c.starts_at, status: c.status, purgedAt: c.purged_at });

export async function resultsOfCampaign(deps: AppDeps, companyId: string, campaignId: string): Promise<{ campaign: CampaignSummary; results: CampaignResults } | undefined> {
  const c = await findCampaign(deps.db, companyId, campaignId);
  return c && resultsOf(deps, c);
}

async function resultsOf(deps: AppDeps, c: CampaignRow): Promise<{ campaign: CampaignSummary; results: CampaignResults }> {
  const [rows, counts] = await Promise.all([listOutcomes(deps.db, c.id), eventCounts(deps.db, c.id)]);
  return { campaign: summary(c), results: campaignResults(rows, counts.scanner, counts.lessons) };
}

/** Every campaign that started, oldest first, with its totals: the report rate over time. */
export async function resultsOverTime(deps: AppDeps, companyId: string): Promise<{ campaign: CampaignSummary; totals: Outcomes; scanner: number }[]> {
  const campaigns = (await listCampaigns(deps.db, companyId)).filter((c) => c.status !== 'scheduled');
  const out = [];
  for (const c of campaigns) {
    const [rows, counts] = await Promise.all([listOutcomes(deps.db, c.id), eventCounts(deps.db, c.id)]);
    const r = campaignResults(rows, counts.scanner, counts.lessons);
    out.push({ campaign: summary(c), totals: r.totals, scanner: r.scanner.total });
  }
  return out;
}

/** The latest campaign that started, with its delivered mails and reports only: the company home's "last exercise". */
export async function latestCampaignReports(deps: AppDeps, companyId: string): Promise<{ campaign: CampaignSummary; delivered: number; reported: number } | undefined> {
  const last = (await listCampaigns(deps.db, companyId)).filter((c) => c.status !== 'scheduled').at(-1);
  return last && { campaign: summary(last), ...(await reportCounts(deps.db, last.id)) };
}
