import { randomUUID } from 'node:crypto';
import type { CompanyProfile } from '../core/company-profile.ts';
import { hashPassword } from '../adapters/crypto.ts';
import type { AppDeps } from '../app/deps.ts';
import { insertCompany, insertMembership } from '../db/repositories/company.repository.ts';
import { findUserRowByEmail, insertUser } from '../db/repositories/user.repository.ts';
import { audit } from '../app/audit.ts';
import { finishAssessment, currentAssessment, saveAnswers } from '../app/assessments.ts';
import type { AssessmentCatalog } from '../core/assessment/catalog.ts';
import type { Answer } from '../core/assessment/engine.ts';
import { findCompany } from '../db/repositories/company.repository.ts';
import { findUserById } from '../db/repositories/user.repository.ts';

export const DEMO_PROFILE: CompanyProfile = {
  name: 'Bakkerij Demo',
  enterpriseNumber: null,
  naceCode: '10.7',
  employees: 6,
  region: 'flanders',
  language: 'nl',
  website: true,
  webshop: true,
  emailProvider: 'microsoft365',
  cardPayments: true,
  personalData: 'basic',
  remoteWork: false,
  itProvider: true,
};

/**
 * A demo company with an owner and a member, both verified, so a visitor can log in and look around.
 * Running it again leaves the existing demo as it is.
 */
export async function seedDemo(deps: AppDeps, catalog: AssessmentCatalog): Promise<{ companyName: string; ownerEmail: string; memberEmail: string; password: string }> {
  const password = 'demo-schild-2026';
  const ownerEmail = 'eigenaar@demo.schild.localhost';
  const memberEmail = 'medewerker@demo.schild.localhost';
  if (await findUserRowByEmail(deps.db, ownerEmail)) return { companyName: DEMO_PROFILE.name, ownerEmail, memberEmail, password };
  const now = deps.clock.now().toISOString();
  const hash = await hashPassword(password);
  const companyId = randomUUID();
  let ownerId = '';
  await deps.db.transaction().execute(async (trx) => {
    const users = [
      { email: ownerEmail, name: 'An Peeters', role: 'owner' as const },
      { email: memberEmail, name: 'Luc Janssens', role: 'member' as const },
    ];
    await insertCompany(trx, companyId, DEMO_PROFILE, now);
    for (const u of users) {
      const id = randomUUID();
      if (u.role === 'owner') ownerId = id;
      await insertUser(trx, { id, email: u.email, password_hash: hash, display_name: u.name, locale: 'nl', email_verified_at: now, totp_secret: null, totp_enabled_at: null, is_admin: 0, created_at: now });
      await insertMembership(trx, companyId, id, u.role, now);
      await audit(deps, trx, { type: u.role === 'owner' ? 'company.created' : 'company.member_joined', companyId, userId: id, detail: { demo: true } });
    }
  });
  // A finished self-assessment with a realistic mix of answers, so the results and plan pages have something to show.
  const company = (await findCompany(deps.db, companyId))!;
  const owner = (await findUserById(deps.db, ownerId))!;
  const current = await currentAssessment(deps, catalog, company, owner);
  const cycle: Answer[] = ['yes', 'no', 'partly', 'yes', 'unknown', 'no', 'yes'];
  await saveAnswers(deps, catalog, company, owner, current.record.id, current.result.applicableControls.map((controlId, i) => ({ controlId, answer: cycle[i % cycle.length], note: undefined })));
  await finishAssessment(deps, catalog, company, owner);
  return { companyName: DEMO_PROFILE.name, ownerEmail, memberEmail, password };
}
