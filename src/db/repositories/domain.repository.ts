import type { Selectable } from 'kysely';
import type { CompanyDomainsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export type CompanyDomainRow = Selectable<CompanyDomainsTable>;

const domainsOfCompany = prepared(['companyId'], (db, p: { companyId: string }) => db.selectFrom('company_domains').selectAll().where('company_id', '=', p.companyId).orderBy('domain'));

export async function listCompanyDomains(db: Conn, companyId: string): Promise<CompanyDomainRow[]> {
  return domainsOfCompany.all(db, { companyId });
}

export async function findCompanyDomain(db: Conn, companyId: string, id: string): Promise<CompanyDomainRow | undefined> {
  return db.selectFrom('company_domains').selectAll().where('company_id', '=', companyId).where('id', '=', id).executeTakeFirst();
}

export async function findCompanyDomainByName(db: Conn, companyId: string, domain: string): Promise<CompanyDomainRow | undefined> {
  return db.selectFrom('company_domains').selectAll().where('company_id', '=', companyId).where('domain', '=', domain).executeTakeFirst();
}

export async function insertCompanyDomain(db: Conn, row: CompanyDomainRow): Promise<void> {
  await db.insertInto('company_domains').values(row).execute();
}

export async function deleteCompanyDomain(db: Conn, companyId: string, id: string): Promise<void> {
  await db.deleteFrom('company_domains').where('company_id', '=', companyId).where('id', '=', id).execute();
}

export async function updateCompanyDomain(db: Conn, id: string, patch: Partial<Pick<CompanyDomainRow, 'verified_at' | 'verify_method' | 'last_scan_id' | 'fingerprint'>>): Promise<void> {
  await db.updateTable('company_domains').set(patch).where('id', '=', id).execute();
}

/** Verified domains in id order after `afterId`, a page at a time (the daily check that every one is watched). */
export async function verifiedDomainsAfter(db: Conn, afterId: string | null, limit: number): Promise<Pick<CompanyDomainRow, 'id' | 'company_id' | 'domain'>[]> {
  let q = db.selectFrom('company_domains').select(['id', 'company_id', 'domain']).where('verified_at', 'is not', null);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}
