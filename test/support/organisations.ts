/**
 * Seeds member companies of an organisation quickly (direct repository calls, the real engine for results), so a
 * test can reach the 10-company threshold without clicking through ten sign-ups. Like the real use cases, a seeded
 * join or finished assessment queues the organisation's figures refresh; the worker (or `drainJobs`) runs it.
 */
import { randomUUID } from 'node:crypto';
import { assess, type Answers } from '../../src/core/assessment/engine.ts';
import { profileFromCompany } from '../../src/core/assessment/profile.ts';
import type { CompanyProfile } from '../../src/core/company-profile.ts';
import { insertAssessment, storeResult, upsertAnswers } from '../../src/db/repositories/assessment.repository.ts';
import { findCompany, insertCompany } from '../../src/db/repositories/company.repository.ts';
import { insertMember } from '../../src/db/repositories/organisation.repository.ts';
import type { Runtime } from '../../src/entrypoints/bootstrap.ts';
import { queueOrgFiguresRefresh, queueRefreshForCompany } from '../../src/app/org-figures.ts';

export const SEED_PROFILE: CompanyProfile = {
  name: 'Seed',
  enterpriseNumber: null,
  naceCode: '47.1',
  employees: 3,
  region: 'flanders',
  language: 'nl',
  website: true,
  webshop: false,
  emailProvider: 'microsoft365',
  cardPayments: true,
  personalData: 'basic',
  remoteWork: false,
  itProvider: false,
};

/** Stores a completed assessment of a company, answering every question the same way (real engine). */
export async function completeAssessment(rt: Runtime, companyId: string, answer: 'yes' | 'no' | 'partly' = 'partly'): Promise<void> {
  const deps = rt.deps;
  const catalog = rt.content.assessment;
  const company = (await findCompany(deps.db, companyId))!;
  const profile = profileFromCompany(company);
  const answers: Answers = Object.fromEntries(catalog.controls.map((c) => [c.id, answer]));
  const result = assess(catalog, profile, answers);
  const assessmentId = randomUUID();
  const now = new Date().toISOString();
  const userId = (await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
  await insertAssessment(deps.db, { id: assessmentId, companyId, userId, now });
  await upsertAnswers(deps.db, assessmentId, Object.entries(answers).map(([controlId, a]) => ({ controlId, answer: a, note: null })), userId, now);
  await storeResult(deps.db, assessmentId, result, JSON.stringify(profile), now, true);
  await queueRefreshForCompany(deps, companyId); // as finishAssessment does
}

/** Creates `n` companies that joined the organisation, each with a completed assessment answering `answer` throughout. */
export async function seedMembers(rt: Runtime, organisationId: string, n: number, opts: { countsInFigures?: boolean; answer?: 'yes' | 'no' | 'partly'; prefix?: string } = {}): Promise<string[]> {
  const deps = rt.deps;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    const now = new Date().toISOString();
    await insertCompany(deps.db, id, { ...SEED_PROFILE, name: `${opts.prefix ?? 'Seeded'} ${i + 1}` }, now);
    await completeAssessment(rt, id, opts.answer ?? 'partly');
    const userId = (await deps.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
    await insertMember(deps.db, { organisationId, companyId: id, countsInFigures: opts.countsInFigures ?? true, joinedBy: userId, now });
    ids.push(id);
  }
  await queueOrgFiguresRefresh(deps, deps.db, organisationId); // as joinOrganisation does
  deps.kickWorker();
  return ids;
}
