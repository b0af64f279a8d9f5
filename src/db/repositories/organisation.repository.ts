/** Organisations, their staff, join links, member companies and grants (migration 017); announcements are in organisation-announcement.repository.ts. */

import type { AssessmentResult } from '../../core/assessment/engine.ts';
import { isOrgKind, isOrgRole, type GrantScope, type OrgKind, type OrgRole } from '../../core/organisations/organisation.ts';
import type { Conn } from './types.ts';
import { parseJson } from './json-column.ts';
import { prepared } from '../prepared.ts';

export interface Organisation {
  id: string;
  name: string;
  kind: OrgKind;
  sectors: string[];
  verifiedAt: string | null;
  createdAt: string;
}

function toOrganisation(r: { id: string; name: string; kind: string; sectors: string; verified_at: string | null; created_at: string }): Organisation {
  return { id: r.id, name: r.name, kind: isOrgKind(r.kind) ? r.kind : 'federation', sectors: parseJson<string[]>(r.sectors, []), verifiedAt: r.verified_at, createdAt: r.created_at };
}

export async function insertOrganisation(db: Conn, o: { id: string; name: string; kind: OrgKind; sectors: string[]; createdBy: string; now: string }): Promise<void> {
  await db
    .insertInto('organisations')
    .values({ id: o.id, name: o.name, kind: o.kind, sectors: JSON.stringify(o.sectors), verified_at: null, verified_by: null, created_by: o.createdBy, created_at: o.now })
    .execute();
}

export async function findOrganisation(db: Conn, id: string): Promise<Organisation | undefined> {
  const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toOrganisation(r);
}

export async function listOrganisations(db: Conn): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisations').selectAll().orderBy('verified_at', 'desc').orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(toOrganisation);
}

export async function setVerified(db: Conn, id: string, by: string, now: string): Promise<boolean> {
  const r = await db.updateTable('organisations').set({ verified_at: now, verified_by: by }).where('id', '=', id).where('verified_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- staff -------------------------------------------------------------------------------------------------------

export async function findStaffRole(db: Conn, organisationId: string, userId: string): Promise<OrgRole | null> {
  const r = await db.selectFrom('organisation_staff').select('role').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return r && isOrgRole(r.role) ? r.role : null;
}

export async function insertStaff(db: Conn, organisationId: string, userId: string, role: OrgRole, now: string): Promise<void> {
  await db.insertInto('organisation_staff').values({ organisation_id: organisationId, user_id: userId, role, created_at: now }).execute();
}

export interface StaffMember {
  userId: string;
  email: string;
  displayName: string;
  role: OrgRole;
}

export async function listStaff(db: Conn, organisationId: string): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('organisation_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 'u.email', 'u.display_name', 's.role'])
    .where('s.organisation_id', '=', organisationId)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ userId: r.user_id, email: r.email, displayName: r.display_name, role: isOrgRole(r.role) ? r.role : 'org_viewer' }));
}

export async function updateStaffRole(db: Conn, organisationId: string, userId: string, role: OrgRole): Promise<boolean> {
  const r = await db.updateTable('organisation_staff').set({ role }).where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteStaff(db: Conn, organisationId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('organisation_staff').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function countOwners(db: Conn, organisationId: string): Promise<number> {
  const r = await db.selectFrom('organisation_staff').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).where('role', '=', 'org_owner').executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface UserOrganisation extends Organisation {
  role: OrgRole;
}

const organisationsOfUser = prepared(['userId'], (db, p: { userId: string }) =>
  db.selectFrom('organisation_staff as s').innerJoin('organisations as o', 'o.id', 's.organisation_id').selectAll('o').select('s.role').where('s.user_id', '=', p.userId).orderBy('o.name'),
);

export async function listOrganisationsOfUser(db: Conn, userId: string): Promise<UserOrganisation[]> {
  const rows = await organisationsOfUser.all(db, { userId });
  return rows.map((r) => ({ ...toOrganisation(r), role: isOrgRole(r.role) ? r.role : 'org_viewer' }));
}

export interface StaffInvitation {
  id: string;
  organisationId: string;
  email: string;
  role: OrgRole;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export async function insertStaffInvitation(db: Conn, r: { id: string; organisationId: string; email: string; role: OrgRole; tokenHash: string; invitedBy: string; expiresAt: string; now: string }): Promise<void> {
  await db
    .insertInto('organisation_staff_invitations')
    .values({ id: r.id, organisation_id: r.organisationId, email: r.email, role: r.role, token_hash: r.tokenHash, invited_by: r.invitedBy, expires_at: r.expiresAt, accepted_at: null, revoked_at: null, created_at: r.now })
    .execute();
}

export async function findStaffInvitationByTokenHash(db: Conn, tokenHash: string): Promise<StaffInvitation | undefined> {
  const r = await db.selectFrom('organisation_staff_invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && { id: r.id, organisationId: r.organisation_id, email: r.email, role: isOrgRole(r.role) ? r.role : 'org_viewer', expiresAt: r.expires_at, acceptedAt: r.accepted_at, revokedAt: r.revoked_at };
}

/** True only for the request that wins: an invitation is used once. */
export async function markStaffInvitationAccepted(db: Conn, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('organisation_staff_invitations').set({ accepted_at: now }).where('id', '=', id).where('accepted_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listOpenStaffInvitations(db: Conn, organisationId: string, now: string): Promise<StaffInvitation[]> {
  const rows = await db
    .selectFrom('organisation_staff_invitations')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, organisationId: r.organisation_id, email: r.email, role: isOrgRole(r.role) ? r.role : 'org_viewer', expiresAt: r.expires_at, acceptedAt: r.accepted_at, revokedAt: r.revoked_at }));
}

// --- join links --------------------------------------------------------------------------------------------------

export interface JoinLink {
  id: string;
  organisationId: string;
  email: string | null;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
}

function toJoinLink(r: { id: string; organisation_id: string; email: string | null; expires_at: string; revoked_at: string | null; created_at: string }): JoinLink {
  return { id: r.id, organisationId: r.organisation_id, email: r.email, expiresAt: r.expires_at, revokedAt: r.revoked_at, createdAt: r.created_at };
}

export async function insertJoinLink(db: Conn, r: { id: string; organisationId: string; tokenHash: string; email: string | null; createdBy: string; expiresAt: string; now: string }): Promise<void> {
  await db
    .insertInto('organisation_join_links')
    .values({ id: r.id, organisation_id: r.organisationId, token_hash: r.tokenHash, email: r.email, created_by: r.createdBy, expires_at: r.expiresAt, revoked_at: null, created_at: r.now })
    .execute();
}

export async function findJoinLinkByTokenHash(db: Conn, tokenHash: string): Promise<JoinLink | undefined> {
  const r = await db.selectFrom('organisation_join_links').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return r && toJoinLink(r);
}

/** The shareable links still open (e-mailed invitations are counted, not listed one by one). */
export async function listOpenJoinLinks(db: Conn, organisationId: string, now: string): Promise<JoinLink[]> {
  const rows = await db
    .selectFrom('organisation_join_links')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('email', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toJoinLink);
}

export async function countOpenMailedInvitations(db: Conn, organisationId: string, now: string): Promise<number> {
  const r = await db
    .selectFrom('organisation_join_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('email', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function revokeJoinLink(db: Conn, organisationId: string, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('organisation_join_links').set({ revoked_at: now }).where('id', '=', id).where('organisation_id', '=', organisationId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- members -----------------------------------------------------------------------------------------------------

export interface Membership {
  organisation: Organisation;
  countsInFigures: boolean;
  announcementMail: boolean;
  answersShared: boolean;
  joinedAt: string;
}

/** Adds a company; false when it was a member already (a second click changes nothing). */
export async function insertMember(db: Conn, r: { organisationId: string; companyId: string; countsInFigures: boolean; joinedBy: string; now: string }): Promise<boolean> {
  const existing = await db.selectFrom('organisation_members').select('company_id').where('organisation_id', '=', r.organisationId).where('company_id', '=', r.companyId).executeTakeFirst();
  if (existing) return false;
  await db
    .insertInto('organisation_members')
    .values({ organisation_id: r.organisationId, company_id: r.companyId, counts_in_figures: r.countsInFigures ? 1 : 0, announcement_mail: 1, joined_by: r.joinedBy, joined_at: r.now })
    .execute();
  return true;
}

export async function isMember(db: Conn, organisationId: string, companyId: string): Promise<boolean> {
  return (await db.selectFrom('organisation_members').select('company_id').where('organisation_id', '=', organisationId).where('company_id', '=', companyId).executeTakeFirst()) !== undefined;
}

export async function listMembershipsOfCompany(db: Conn, companyId: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('organisation_members as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('organisation_grants as g', (j) => j.onRef('g.organisation_id', '=', 'm.organisation_id').onRef('g.company_id', '=', 'm.company_id').on('g.scope', '=', 'assessment_answers'))
    .selectAll('o')
    .select(['m.counts_in_figures', 'm.announcement_mail', 'm.joined_at', 'g.granted_at'])
    .where('m.company_id', '=', companyId)
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ organisation: toOrganisation(r), countsInFigures: r.counts_in_figures === 1, announcementMail: r.announcement_mail === 1, answersShared: r.granted_at !== null, joinedAt: r.joined_at }));
}

export async function updateMember(db: Conn, organisationId: string, companyId: string, patch: { countsInFigures?: boolean; announcementMail?: boolean }): Promise<boolean> {
  const set: { counts_in_figures?: number; announcement_mail?: number } = {};
  if (patch.countsInFigures !== undefined) set.counts_in_figures = patch.countsInFigures ? 1 : 0;
  if (patch.announcementMail !== undefined) set.announcement_mail = patch.announcementMail ? 1 : 0;
  const r = await db.updateTable('organisation_members').set(set).where('organisation_id', '=', organisationId).where('company_id', '=', companyId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteMember(db: Conn, organisationId: string, companyId: string): Promise<boolean> {
  await db.deleteFrom('organisation_grants').where('organisation_id', '=', organisationId).where('company_id', '=', companyId).execute();
  const r = await db.deleteFrom('organisation_members').where('organisation_id', '=', organisationId).where('company_id', '=', companyId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// --- grants ------------------------------------------------------------------------------------------------------

export async function insertGrant(db: Conn, r: { organisationId: string; companyId: string; scope: GrantScope; grantedBy: string; now: string }): Promise<boolean> {
  const existing = await db.selectFrom('organisation_grants').select('scope').where('organisation_id', '=', r.organisationId).where('company_id', '=', r.companyId).where('scope', '=', r.scope).executeTakeFirst();
  if (existing) return false;
  await db.insertInto('organisation_grants').values({ organisation_id: r.organisationId, company_id: r.companyId, scope: r.scope, granted_by: r.grantedBy, granted_at: r.now }).execute();
  return true;
}

export async function deleteGrant(db: Conn, organisationId: string, companyId: string, scope: GrantScope): Promise<boolean> {
  const r = await db.deleteFrom('organisation_grants').where('organisation_id', '=', organisationId).where('company_id', '=', companyId).where('scope', '=', scope).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// --- figures -----------------------------------------------------------------------------------------------------

export interface MemberFigures {
  companyId: string;
  countsInFigures: boolean;
  answersShared: boolean;
  latest: AssessmentResult | null;
}

/**
 * Every member with its choice and the result of its latest completed assessment, read live. The dashboard no
 * longer uses it (it reads the pre-aggregated figures, org-stats.repository.ts); it is the live reference the
 * figures are checked against (test/integration/org-figures.test.ts). Its rows must never reach a page.
 */
export async function listMemberFigures(db: Conn, organisationId: string): Promise<MemberFigures[]> {
  const members = await db
    .selectFrom('organisation_members as m')
    .leftJoin('organisation_grants as g', (j) => j.onRef('g.organisation_id', '=', 'm.organisation_id').onRef('g.company_id', '=', 'm.company_id').on('g.scope', '=', 'assessment_answers'))
    .select(['m.company_id', 'm.counts_in_figures', 'g.granted_at'])
    .where('m.organisation_id', '=', organisationId)
    .execute();
  if (members.length === 0) return [];
  const latest = await db
    .selectFrom('assessments as a')
    .select(['a.company_id', 'a.result'])
    .where('a.company_id', 'in', db.selectFrom('organisation_members').select('company_id').where('organisation_id', '=', organisationId))
    .where('a.completed_at', 'is not', null)
    .where('a.result', 'is not', null)
    .where(({ eb, selectFrom }) =>
      eb(
        'a.completed_at',
        '=',
        selectFrom('assessments as b').select((e) => e.fn.max('b.completed_at').as('m')).whereRef('b.company_id', '=', 'a.company_id').where('b.completed_at', 'is not', null),
      ),
    )
    .execute();
  const byCompany = new Map<string, AssessmentResult>();
  for (const r of latest) {
    const result = r.result ? parseJson<AssessmentResult | null>(r.result, null) : null;
    if (result) byCompany.set(r.company_id, result);
  }
  return members.map((m) => ({ companyId: m.company_id, countsInFigures: m.counts_in_figures === 1, answersShared: m.granted_at !== null, latest: byCompany.get(m.company_id) ?? null }));
}

/** The result of each given company's latest completed assessment (for the companies that granted access). */
export async function latestResultsOf(db: Conn, companyIds: readonly string[]): Promise<Map<string, AssessmentResult>> {
  const out = new Map<string, AssessmentResult>();
  if (companyIds.length === 0) return out;
  const rows = await db
    .selectFrom('assessments as a')
    .select(['a.company_id', 'a.result', 'a.completed_at'])
    .where('a.company_id', 'in', [...companyIds])
    .where('a.completed_at', 'is not', null)
    .where('a.result', 'is not', null)
    .orderBy('a.completed_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute();
  for (const r of rows) {
    if (out.has(r.company_id)) continue;
    const result = r.result ? parseJson<AssessmentResult | null>(r.result, null) : null;
    if (result) out.set(r.company_id, result);
  }
  return out;
}

/** Names of the companies that granted this organisation access to their answers (and only those). */
export async function namesOfGrantingCompanies(db: Conn, organisationId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('organisation_grants as g')
    .innerJoin('organisation_members as m', (j) => j.onRef('m.organisation_id', '=', 'g.organisation_id').onRef('m.company_id', '=', 'g.company_id'))
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .select(['c.id', 'c.name'])
    .where('g.organisation_id', '=', organisationId)
    .where('g.scope', '=', 'assessment_answers')
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
