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
import { markActionDone, startNewAssessment } from '../app/assessments.ts';
import { addUpdate, changeStatus, createIncident, tick } from '../app/incidents.ts';
import { storeScanResult } from '../app/scan-results.ts';
import type { Company } from '../core/company-profile.ts';
import type { User } from '../core/account.ts';
import type { z } from 'zod';
import { FactsSchema } from '../core/incidents/triage.ts';
import type { IncidentContent } from '../core/incidents/content.ts';
import { goodSnapshot, NOW as FIXTURE_NOW } from '../core/scan/snapshot.fixture.ts';
import type { Snapshot } from '../core/scan/snapshot.ts';
import { insertCompanyDomain } from '../db/repositories/domain.repository.ts';
import { findIncidentForCompany } from '../db/repositories/incident.repository.ts';
import { insertScan } from '../db/repositories/scan.repository.ts';
import { listMembershipsOfUser } from '../db/repositories/company.repository.ts';
import { demoLandingLink, seedDemoPhishing } from './demo-phishing.ts';
import { transact } from '../db/transaction.ts';

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
 * A demo company with an owner and a member, both verified, and every kind of data the product holds: two finished
 * self-assessment rounds with a done action, incidents in three states, a watched domain with scan history and an
 * alert. A visitor can log in and see every page with content. Running it again leaves the existing demo as it is.
 */
export async function seedDemo(deps: AppDeps, catalog: AssessmentCatalog, incidents: IncidentContent): Promise<{ companyName: string; ownerEmail: string; memberEmail: string; password: string; phishingLink: string | null }> {
  const password = 'demo-schild-2026';
  const ownerEmail = 'eigenaar@demo.schild.localhost';
  const memberEmail = 'medewerker@demo.schild.localhost';
  const existing = await findUserRowByEmail(deps.db, ownerEmail);
  if (existing) {
    const companyId = (await listMembershipsOfUser(deps.db, existing.id))[0]?.companyId;
    return { companyName: DEMO_PROFILE.name, ownerEmail, memberEmail, password, phishingLink: companyId ? await demoLandingLink(deps, companyId, DEMO_DOMAIN) : null };
  }
  const now = deps.clock.now().toISOString();
  const hash = await hashPassword(password);
  const companyId = randomUUID();
  let ownerId = '';
  await transact(deps.db, async (trx) => {
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
  const company = (await findCompany(deps.db, companyId))!;
  const owner = (await findUserById(deps.db, ownerId))!;
  await seedAssessments(deps, catalog, company, owner);
  await seedIncidents(deps, incidents, company, owner);
  await seedDomain(deps, company, owner);
  const phishingLink = await seedDemoPhishing(deps, company, owner.id, DEMO_DOMAIN);
  return { companyName: DEMO_PROFILE.name, ownerEmail, memberEmail, password, phishingLink };
}

const DAY = 86_400_000;

/** The same dependencies with the clock moved back, so the demo's history has real dates in the past. */
function daysAgo(deps: AppDeps, days: number): AppDeps {
  const at = deps.clock.now().getTime() - days * DAY;
  return { ...deps, clock: { now: () => new Date(at) } };
}

/**
 * Two finished rounds of the self-assessment (three months apart, the second better), then one action marked done,
 * so the results page has a history chart, a plan and a done action.
 */
async function seedAssessments(deps: AppDeps, catalog: AssessmentCatalog, company: Company, owner: User): Promise<void> {
  const first = daysAgo(deps, 90);
  const current = await currentAssessment(first, catalog, company, owner);
  const cycle: Answer[] = ['yes', 'no', 'partly', 'yes', 'unknown', 'no', 'no'];
  await saveAnswers(first, catalog, company, owner, current.record.id, current.result.applicableControls.map((controlId, i) => ({ controlId, answer: cycle[i % cycle.length], note: undefined })));
  await finishAssessment(first, catalog, company, owner);

  const second = daysAgo(deps, 7);
  await startNewAssessment(second, catalog, company, owner);
  const round = await currentAssessment(second, catalog, company, owner);
  const better: Answer[] = ['yes', 'no', 'partly', 'yes', 'unknown', 'yes', 'no'];
  await saveAnswers(second, catalog, company, owner, round.record.id, round.result.applicableControls.map((controlId, i) => ({ controlId, answer: better[i % better.length], note: undefined })));
  const result = await finishAssessment(second, catalog, company, owner);
  const firstAction = result.plan[0];
  if (firstAction) await markActionDone(deps, catalog, company, owner, firstAction.controlId);
}

const BASE_FACTS = {
  ongoing: false,
  personalData: 'no',
  specialCategoryData: false,
  dataEncrypted: false,
  gdprRole: 'controller',
  nis2: 'out_of_scope',
  moneyLost: false,
  cardDataExposed: false,
  extortion: false,
  insured: true,
} as const;

/** Three incidents in three states: one closed with lessons, one confirmed and being handled, one just reported. */
async function seedIncidents(deps: AppDeps, content: IncidentContent, company: Company, owner: User): Promise<void> {
  const at = (days: number) => new Date(deps.clock.now().getTime() - days * DAY).toISOString();
  const report = async (input: z.input<typeof FactsSchema>, d: AppDeps) => {
    const facts = FactsSchema.parse(input);
    const { id } = await createIncident(d, { facts, lang: company.language, companyId: company.id, user: owner });
    return (await findIncidentForCompany(d.db, company.id, id))!;
  };

  // Closed: a fake invoice paid two months ago; the bank was called, the lessons written down.
  const fraudDeps = daysAgo(deps, 60);
  const fraud = await report({ ...BASE_FACTS, category: 'invoice_fraud', awareAt: at(60), moneyLost: true }, fraudDeps);
  for (const o of fraud.triage.obligations.filter((x) => x.mandatory)) await tick(fraudDeps, fraud, owner, 'obligation', o.id, true, null);
  await addUpdate(fraudDeps, fraud, owner, 'update', 'De bank kon 2.400 euro terughalen; de rest is verloren.');
  await changeStatus(fraudDeps, fraud, owner, 'confirmed', null);
  await changeStatus(fraudDeps, (await findIncidentForCompany(deps.db, company.id, fraud.id))!, owner, 'closed', 'Een nieuw rekeningnummer van een leverancier bellen we altijd na op een gekend nummer.');

  // Confirmed: a colleague gave her password on a fake login page yesterday; customer addresses were in the mailbox.
  const phishDeps = daysAgo(deps, 1);
  const phish = await report({ ...BASE_FACTS, category: 'credential_theft', awareAt: at(1), personalData: 'yes' }, phishDeps);
  const steps = content.firstAid[phish.facts.category] ?? [];
  for (const step of steps.slice(0, 2)) await tick(phishDeps, phish, owner, 'first_aid', step.id, true, null);
  await changeStatus(phishDeps, phish, owner, 'confirmed', null);

  // Suspected: a strange mail this morning, not opened.
  await report({ ...BASE_FACTS, category: 'suspicious_email', awareAt: at(0) }, deps);
}

const DEMO_DOMAIN = 'bakkerij-demo.example';

/** The test fixture's snapshot of a well-kept domain, renamed to the demo's reserved domain and moved to `at`. */
function demoSnapshot(at: Date, change?: (s: Snapshot) => void): Snapshot {
  const shift = at.getTime() - FIXTURE_NOW.getTime();
  const moved = JSON.parse(JSON.stringify(goodSnapshot()).replaceAll('example.be', DEMO_DOMAIN), (_key, value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? new Date(new Date(value).getTime() + shift).toISOString() : value,
  ) as Snapshot;
  change?.(moved);
  return moved;
}

/** What a careless website update does: DMARC back to "none" and the security headers of the site gone. */
function weakened(s: Snapshot): void {
  s.mail.dmarcTxt = { status: 'ok', records: [`v=DMARC1; p=none; rua=mailto:dmarc@${DEMO_DOMAIN}`] };
  const page = s.web.https.status === 'ok' ? s.web.https.hops.at(-1) : undefined;
  if (page) for (const h of ['content-security-policy', 'x-frame-options', 'strict-transport-security']) delete page.headers[h];
}

/**
 * A verified domain with two daily scans: the second finds DMARC weakened to p=none, so the domain history shows a
 * worse grade and the owner has the alert e-mail. The demo domain is reserved (RFC 2606) and is never scanned live.
 */
async function seedDomain(deps: AppDeps, company: Company, owner: User): Promise<void> {
  const domainId = randomUUID();
  const added = daysAgo(deps, 3).clock.now().toISOString();
  await insertCompanyDomain(deps.db, { id: domainId, company_id: company.id, domain: DEMO_DOMAIN, verify_token: randomUUID(), verified_at: added, verify_method: 'dns', created_at: added, last_scan_id: null, fingerprint: null });
  await audit(deps, deps.db, { type: 'company.profile_updated', companyId: company.id, userId: owner.id, detail: { domainAdded: DEMO_DOMAIN, demo: true } });
  for (const [days, weaken] of [
    [2, false],
    [1, true],
  ] as const) {
    const d = daysAgo(deps, days);
    const id = randomUUID();
    const started = d.clock.now();
    await insertScan(d.db, { id, domain: DEMO_DOMAIN, company_id: company.id, requested_by: null, status: 'running', progress: 5, step: null, algorithm_version: null, grade: null, result: null, error: null, created_at: started.toISOString(), started_at: started.toISOString(), finished_at: null, fingerprint: null });
    const snapshot = demoSnapshot(started, weaken ? weakened : undefined);
    await storeScanResult(d, { id, domain: DEMO_DOMAIN, company_id: company.id }, snapshot, started);
  }
}
