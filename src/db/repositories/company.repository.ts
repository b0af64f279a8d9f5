import type { Selectable } from 'kysely';
import type { Membership } from '../../core/account.ts';
import {
  EMAIL_PROVIDERS,
  NIS2_STATUSES,
  PERSONAL_DATA_KINDS,
  REGIONS,
  ROLES,
  type Company,
  type CompanyProfile,
  type Role,
} from '../../core/company-profile.ts';
import { isLocale } from '../../core/locale.ts';
import type { CompaniesTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

const oneOf = <T extends string>(values: readonly T[], v: string | null, fallback: T): T =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback;

export function toCompany(row: Selectable<CompaniesTable>): Company {
  return {
    id: row.id,
    name: row.name,
    enterpriseNumber: row.enterprise_number,
    naceCode: row.nace_code,
    employees: row.employees,
    region: row.region === null ? null : oneOf(REGIONS, row.region, 'other'),
    language: isLocale(row.language) ? row.language : 'nl',
    website: row.website === 1,
    webshop: row.webshop === 1,
    emailProvider: oneOf(EMAIL_PROVIDERS, row.email_provider, 'other'),
    cardPayments: row.card_payments === 1,
    nis2Status: oneOf(NIS2_STATUSES, row.nis2_status, 'unknown'),
    personalData: oneOf(PERSONAL_DATA_KINDS, row.personal_data, 'basic'),
    remoteWork: row.remote_work === 1,
    itProvider: row.it_provider === 1,
    requireMfa: row.require_mfa === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function profileColumns(p: CompanyProfile) {
  return {
    name: p.name,
    enterprise_number: p.enterpriseNumber,
    nace_code: p.naceCode,
    employees: p.employees,
    region: p.region,
    language: p.language,
    website: p.website ? 1 : 0,
    webshop: p.webshop ? 1 : 0,
    email_provider: p.emailProvider,
    card_payments: p.cardPayments ? 1 : 0,
    personal_data: p.personalData,
    remote_work: p.remoteWork ? 1 : 0,
    it_provider: p.itProvider ? 1 : 0,
    // Only when given: an older client that does not send it keeps the stored status.
    ...(p.nis2Status ? { nis2_status: p.nis2Status } : {}),
  };
}

export async function insertCompany(db: Conn, id: string, profile: CompanyProfile, now: string): Promise<void> {
  await db
    .insertInto('companies')
    .values({ id, nis2_status: 'unknown', ...profileColumns(profile), require_mfa: 0, created_at: now, updated_at: now })
    .execute();
}

export async function updateCompanyProfile(db: Conn, id: string, profile: CompanyProfile, now: string): Promise<void> {
  await db.updateTable('companies').set({ ...profileColumns(profile), updated_at: now }).where('id', '=', id).execute();
}

export async function setRequireMfa(db: Conn, id: string, value: boolean, now: string): Promise<void> {
  await db.updateTable('companies').set({ require_mfa: value ? 1 : 0, updated_at: now }).where('id', '=', id).execute();
}

const companyById = prepared(['id'], (db, p: { id: string }) => db.selectFrom('companies').selectAll().where('id', '=', p.id));

export async function findCompany(db: Conn, id: string): Promise<Company | undefined> {
  const row = await companyById.first(db, { id });
  return row && toCompany(row);
}

export async function insertMembership(db: Conn, companyId: string, userId: string, role: Role, now: string): Promise<void> {
  await db.insertInto('memberships').values({ company_id: companyId, user_id: userId, role, created_at: now }).execute();
}

const roleOf = prepared(['companyId', 'userId'], (db, p: { companyId: string; userId: string }) =>
  db.selectFrom('memberships').select('role').where('company_id', '=', p.companyId).where('user_id', '=', p.userId),
);

export async function findRole(db: Conn, companyId: string, userId: string): Promise<Role | null> {
  const row = await roleOf.first(db, { companyId, userId });
  return row ? oneOf(ROLES, row.role, 'member') : null;
}

const membershipsOfUser = prepared(['userId'], (db, p: { userId: string }) =>
  db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select(['memberships.company_id', 'memberships.role', 'companies.name'])
    .where('memberships.user_id', '=', p.userId)
    .orderBy('companies.name'),
);

export async function listMembershipsOfUser(db: Conn, userId: string): Promise<Membership[]> {
  const rows = await membershipsOfUser.all(db, { userId });
  return rows.map((r) => ({ companyId: r.company_id, companyName: r.name, role: oneOf(ROLES, r.role, 'member') }));
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
  since: string;
}

export async function listMembers(db: Conn, companyId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'users.display_name', 'users.totp_enabled_at', 'memberships.role', 'memberships.created_at'])
    .where('memberships.company_id', '=', companyId)
    .orderBy('memberships.created_at')
    .execute();
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    role: oneOf(ROLES, r.role, 'member'),
    totpEnabled: r.totp_enabled_at !== null,
    since: r.created_at,
  }));
}

export async function setRole(db: Conn, companyId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('memberships').set({ role }).where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

export async function deleteMembership(db: Conn, companyId: string, userId: string): Promise<void> {
  await db.deleteFrom('memberships').where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

export async function countOwners(db: Conn, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** True when the user belongs to any company that requires two-factor authentication. */
export async function anyCompanyRequiresMfa(db: Conn, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('companies', 'companies.id', 'memberships.company_id')
    .select('companies.id')
    .where('memberships.user_id', '=', userId)
    .where('companies.require_mfa', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function isMemberByEmail(db: Conn, companyId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select('users.id')
    .where('memberships.company_id', '=', companyId)
    .where('users.email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}
