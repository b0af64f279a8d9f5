/** Loads what the company home shows: the summary of each area, read-only (opening the home changes nothing). */
import { THEMES, type AssessmentCatalog } from '../core/assessment/catalog.ts';
import { assess } from '../core/assessment/engine.ts';
import { profileFromCompany } from '../core/assessment/profile.ts';
import { nextMandatoryDeadline, nextStep, teamSummary, weekActions, type HomeAssessment, type HomeDomain, type HomeIncident, type HomeTeam, type NextStep } from '../core/company-home.ts';
import type { Company } from '../core/company-profile.ts';
import { latestAssessmentHead, loadAnswers, previousCompletedScore } from '../db/repositories/assessment.repository.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import { listCompanyIncidents } from '../db/repositories/incident.repository.ts';
import { findScan } from '../db/repositories/scan.repository.ts';
import { awarenessCounts, type AwarenessCounts } from '../db/repositories/training.repository.ts';
import type { AppDeps } from './deps.ts';
import { isOpen } from './incidents.ts';
import { latestCampaignReports } from './phishing-results.ts';
import { awarenessFromCounts, awarenessSince, withAwareness } from './training.ts';

export interface CompanyHome {
  assessment: HomeAssessment;
  week: HomeAssessment['plan'];
  incidents: HomeIncident[];
  domains: HomeDomain[];
  team: HomeTeam;
  next: NextStep;
}

async function assessmentSummary(deps: AppDeps, catalog: AssessmentCatalog, company: Company, awareness: AwarenessCounts): Promise<HomeAssessment> {
  const profile = profileFromCompany(company);
  // Only its id and completion: the score is recomputed from the answers below, as the result page does.
  const record = await latestAssessmentHead(deps.db, company.id);
  const answers = record ? (await loadAnswers(deps.db, record.id)).answers : {};
  // Scored like the result page: a measured pr-awareness answers it when left open (docs/assessment.md).
  const result = assess(catalog, profile, withAwareness(answers, awarenessFromCounts(awareness)));
  const previousScore = await previousCompletedScore(deps.db, company.id, record?.id ?? null);
  return {
    started: Object.keys(answers).length > 0,
    finished: record?.completedAt != null,
    applicable: result.applicableControls.length,
    open: result.open.length,
    continueTheme: THEMES.find((theme) => catalog.controls.some((c) => c.theme === theme && result.open.includes(c.id))) ?? null,
    score: result.scores.overall,
    previousScore,
    plan: result.plan.map((p) => ({ controlId: p.controlId, horizon: p.horizon, effortHours: p.effortHours })),
  };
}

async function domainSummary(deps: AppDeps, companyId: string): Promise<HomeDomain[]> {
  const rows = await listCompanyDomains(deps.db, companyId);
  return Promise.all(
    rows.map(async (d) => {
      const scan = d.last_scan_id ? await findScan(deps.db, d.last_scan_id) : undefined;
      let failing = 0;
      if (scan?.result) {
        try {
          failing = (JSON.parse(scan.result) as { checks?: { status?: string }[] }).checks?.filter((c) => c.status === 'fail').length ?? 0;
        } catch {
          failing = 0;
        }
      }
      return { id: d.id, domain: d.domain, verified: d.verified_at !== null, grade: scan?.grade ?? null, failing, lastScanAt: scan?.finished_at ?? null };
    }),
  );
}

/** Staff, training in the last 12 months (as the awareness measure counts it, app/training.ts) and the last exercise. */
async function teamOf(deps: AppDeps, companyId: string, counts: AwarenessCounts): Promise<HomeTeam> {
  const last = await latestCampaignReports(deps, companyId);
  return teamSummary(
    counts,
    last ? { campaignId: last.campaign.id, name: last.campaign.name, reported: last.reported, total: last.delivered, reportedPercent: last.delivered === 0 ? null : Math.round((last.reported / last.delivered) * 100) } : null,
  );
}

export async function companyHome(deps: AppDeps, catalog: AssessmentCatalog, company: Company): Promise<CompanyHome> {
  // Read once for two uses: the measured pr-awareness answer in the score and the team summary.
  const awareness = await awarenessCounts(deps.db, company.id, awarenessSince(deps));
  const [assessment, incidentRows, domains, team] = await Promise.all([
    assessmentSummary(deps, catalog, company, awareness),
    listCompanyIncidents(deps.db, company.id),
    domainSummary(deps, company.id),
    teamOf(deps, company.id, awareness),
  ]);
  const incidents = incidentRows.filter(isOpen).map((r) => ({
    id: r.id,
    category: r.facts.category,
    nextDeadline: nextMandatoryDeadline(r.triage.obligations, new Set(r.ticks.filter((t) => t.kind === 'obligation').map((t) => t.itemId))),
  }));
  const next = nextStep({ assessment, incidents, domains, hasWebsiteOrMail: company.website || company.emailProvider !== 'none', now: deps.clock.now() });
  return { assessment, week: weekActions(assessment), incidents, domains, team, next };
}
