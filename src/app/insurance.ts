/**
 * Insurance readiness of one company (docs/insurance.md): the latest self-assessment's answers, what the scans of its
 * verified domains observed and its training counts, mapped by the pure core (src/core/insurance/readiness.ts).
 * Reads only: viewing the summary creates no assessment and changes nothing.
 */
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { applicableControls } from '../core/assessment/engine.ts';
import { profileFromCompany } from '../core/assessment/profile.ts';
import type { Company } from '../core/company-profile.ts';
import { insuranceReadiness, type AreaReadiness, type ScanObservation } from '../core/insurance/readiness.ts';
import { latestAssessment, loadAnswers } from '../db/repositories/assessment.repository.ts';
import { awarenessCounts } from '../db/repositories/training.repository.ts';
import type { AppDeps } from './deps.ts';
import { scanEvidence } from './domains.ts';
import { awarenessSince } from './training.ts';

export interface InsuranceSummary {
  areas: AreaReadiness[];
  /** When the latest self-assessment was last changed; null when there is none. */
  assessedAt: string | null;
  answeredCount: number;
}

export async function insuranceSummary(deps: AppDeps, catalog: AssessmentCatalog, company: Company): Promise<InsuranceSummary> {
  const record = await latestAssessment(deps.db, company.id);
  const answers = record ? (await loadAnswers(deps.db, record.id)).answers : {};
  const scan: Record<string, ScanObservation> = Object.fromEntries(await scanEvidence(deps, company.id));
  // The same twelve-month window as the training evidence of the self-assessment (src/app/training.ts).
  const c = await awarenessCounts(deps.db, company.id, awarenessSince(deps));
  const areas = insuranceReadiness({
    applicable: applicableControls(catalog, profileFromCompany(company)).map((x) => x.id),
    answers,
    scan,
    training: { people: c.people, trained: c.trained, phishingSent: c.sent, phishingReported: c.reported },
  });
  return { areas, assessedAt: record ? record.updatedAt : null, answeredCount: Object.keys(answers).length };
}
