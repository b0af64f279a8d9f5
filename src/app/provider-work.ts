/**
 * The IT provider's side of a shared plan (docs/providers.md "Sharing a plan"): its list of active shares, one shared
 * plan with only the scopes the company ticked, and marking a plan item done with a note. Also the readers both sides
 * use: the company's current plan (read only, never created for a provider) and what the latest scans observed.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import { assess, type Answer, type AssessmentResult } from '../core/assessment/engine.ts';
import { profileFromCompany, type AssessmentProfile } from '../core/assessment/profile.ts';
import type { Company } from '../core/company-profile.ts';
import { ITEM_NOTE_MAX, failingChecks, markableControls, markRefusal, parseNote } from '../core/providers/shares.ts';
import { CONTROL_EVIDENCE, evidenceFromScan } from '../core/scan/assessment-link.ts';
import type { CheckOutcome } from '../core/scan/check.ts';
import { latestAssessment, loadAnswers } from '../db/repositories/assessment.repository.ts';
import { findCompany, listMembers } from '../db/repositories/company.repository.ts';
import { listCompanyDomains } from '../db/repositories/domain.repository.ts';
import type { Organisation } from '../db/repositories/organisation.repository.ts';
import {
  findActiveShareForOrg,
  insertItemUpdate,
  listActiveSharesOfOrg,
  listUpdatesOfShare,
  type ItemUpdate,
  type ProviderShare,
} from '../db/repositories/provider-share.repository.ts';
import { findScan } from '../db/repositories/scan.repository.ts';
import type { RequestMeta } from './accounts.ts';
import { audit } from './audit.ts';
import type { AppDeps, Result } from './deps.ts';
import { requestMonitorScan } from './domains.ts';
import { queueMail } from './mail.ts';
import { answersForScoring } from './training.ts';
import { transact } from '../db/transaction.ts';

export interface CompanyPlan {
  assessmentId: string;
  profile: AssessmentProfile;
  answers: Record<string, Answer>;
  notes: Record<string, string>;
  result: AssessmentResult;
}

/** The company's current assessment and its result, as the company sees it; undefined before its first answer. */
export async function readCurrentPlan(deps: AppDeps, catalog: AssessmentCatalog, company: Company): Promise<CompanyPlan | undefined> {
  const record = await latestAssessment(deps.db, company.id);
  if (!record) return undefined;
  const stored = await loadAnswers(deps.db, record.id);
  const profile = profileFromCompany(company);
  return { assessmentId: record.id, profile, answers: stored.answers, notes: stored.notes, result: assess(catalog, profile, await answersForScoring(deps, company.id, stored.answers)) };
}

export interface ScanReport {
  scanId: string;
  domain: string;
  grade: string | null;
  finishedAt: string;
  checks: CheckOutcome[];
}

/** The latest finished scan of each verified domain of the company. */
export async function latestScanReports(deps: AppDeps, companyId: string): Promise<ScanReport[]> {
  const out: ScanReport[] = [];
  for (const d of await listCompanyDomains(deps.db, companyId)) {
    if (!d.verified_at || !d.last_scan_id) continue;
    const scan = await findScan(deps.db, d.last_scan_id);
    if (scan?.status !== 'done' || !scan.result) continue;
    try {
      const checks = (JSON.parse(scan.result) as { checks?: CheckOutcome[] }).checks;
      if (Array.isArray(checks)) out.push({ scanId: scan.id, domain: d.domain, grade: scan.grade, finishedAt: scan.finished_at ?? scan.created_at, checks });
    } catch {
      // a stored result that cannot be read is no report
    }
  }
  return out;
}

export interface ScanObservation {
  observed: 'yes' | 'partly' | 'no';
  domain: string;
  at: string;
  /** Check ids that did not pass, for "the scan still sees: …". */
  failing: string[];
}

/** What the latest scans observed per control; with several domains the weakest observation counts. */
export function observationsFrom(reports: readonly ScanReport[]): Map<string, ScanObservation> {
  const rank = { yes: 0, partly: 1, no: 2 } as const;
  const out = new Map<string, ScanObservation>();
  for (const r of reports) {
    for (const e of evidenceFromScan(r.checks)) {
      const prev = out.get(e.controlId);
      if (!prev || rank[e.observed] > rank[prev.observed]) out.set(e.controlId, { observed: e.observed, domain: r.domain, at: r.finishedAt, failing: failingChecks(e.checks) });
    }
  }
  return out;
}

export async function sharedPlansOf(deps: AppDeps, organisationId: string): Promise<ProviderShare[]> {
  return listActiveSharesOfOrg(deps.db, organisationId, deps.clock.now().toISOString());
}

export interface SharedPlanView {
  share: ProviderShare;
  company: Company;
  /** Present when 'plan' or 'provider_checklist' is shared and the company has started its self-assessment. */
  plan: CompanyPlan | undefined;
  markable: string[];
  /** Present only when 'scan_report' is shared. */
  reports: ScanReport[] | undefined;
  observations: Map<string, ScanObservation>;
  updates: ItemUpdate[];
}

/** One shared plan for the provider, or undefined when the share is not this organisation's, revoked or expired. */
export async function openSharedPlan(deps: AppDeps, catalog: AssessmentCatalog, organisationId: string, shareId: string): Promise<SharedPlanView | undefined> {
  const share = await findActiveShareForOrg(deps.db, organisationId, shareId, deps.clock.now().toISOString());
  if (!share) return undefined;
  const company = await findCompany(deps.db, share.companyId);
  if (!company) return undefined;
  const needsPlan = share.scopes.includes('plan') || share.scopes.includes('provider_checklist');
  const plan = needsPlan ? await readCurrentPlan(deps, catalog, company) : undefined;
  const reports = await latestScanReports(deps, company.id);
  return {
    share,
    company,
    plan,
    markable: plan ? markableControls(plan.result, share.scopes) : [],
    reports: share.scopes.includes('scan_report') ? reports : undefined,
    // Contradictions of a "done" are shown with any scope: they are about the provider's own claim.
    observations: observationsFrom(reports),
    updates: await listUpdatesOfShare(deps.db, share.id),
  };
}

export type MarkError = 'not_found' | 'note_required' | 'note_too_long' | 'not_in_plan' | 'duplicate';

/**
 * The provider says a plan item is done: a pending update the owner confirms or declines. When the scan can observe
 * the control (CONTROL_EVIDENCE), the company's verified domains are scanned again, within the usual "scan now"
 * limits (domains.ts); when a limit is reached the daily monitoring scan re-checks it instead.
 */
export async function markItemDone(
  deps: AppDeps,
  catalog: AssessmentCatalog,
  org: Organisation,
  user: User,
  shareId: string,
  input: { controlId: unknown; note: unknown },
  meta: RequestMeta,
): Promise<Result<{ updateId: string; rescans: number }, MarkError>> {
  const view = await openSharedPlan(deps, catalog, org.id, shareId);
  if (!view) return { ok: false, error: 'not_found' };
  const note = parseNote(input.note, ITEM_NOTE_MAX, true);
  if (!note.ok) return { ok: false, error: note.problem === 'too_long' ? 'note_too_long' : 'note_required' };
  const controlId = typeof input.controlId === 'string' ? input.controlId : '';
  if (!view.plan) return { ok: false, error: 'not_in_plan' };
  const refusal = markRefusal(controlId, view.markable, view.updates, view.plan.assessmentId);
  if (refusal) return { ok: false, error: refusal };
  const id = randomUUID();
  const now = deps.clock.now().toISOString();
  const company = view.company;
  const title = catalog.controls.find((c) => c.id === controlId)?.text[company.language].title ?? controlId;
  const recipients = (await listMembers(deps.db, company.id)).filter((m) => m.role !== 'member');
  const stored = await transact(deps.db, async (trx) => {
    // The share is read again inside the transaction: a revocation that landed a moment ago still wins.
    if (!(await findActiveShareForOrg(trx, org.id, shareId, now))) return false;
    await insertItemUpdate(trx, { id, shareId, companyId: company.id, organisationId: org.id, assessmentId: view.plan!.assessmentId, controlId, note: note.note!, markedBy: user.id, now });
    await audit(deps, trx, { type: 'company.provider_item_marked', companyId: company.id, organisationId: org.id, userId: user.id, ip: meta.ip, detail: { control: controlId, organisation: org.name } });
    for (const m of recipients) {
      await queueMail(deps, trx, m.email, company.language, {
        subject: 'mail.provider_item.subject',
        intro: 'mail.provider_item.intro',
        action: { label: 'mail.provider_item.action', url: `${deps.config.baseUrl}/${company.language}/companies/${company.id}/providers#update-${id}` },
        params: { organisation: org.name, person: user.displayName, item: title, company: company.name },
      });
    }
    return true;
  });
  if (!stored) return { ok: false, error: 'not_found' };
  deps.kickWorker();
  let rescans = 0;
  if (CONTROL_EVIDENCE[controlId]) {
    for (const d of await listCompanyDomains(deps.db, company.id)) {
      if (!d.verified_at) continue;
      const scan = await requestMonitorScan(deps, company, user, d.id);
      if (scan.ok) rescans++;
    }
  }
  return { ok: true, updateId: id, rescans };
}
