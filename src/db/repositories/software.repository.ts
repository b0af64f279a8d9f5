/** The software a company lists (company_software, migration 026). Settings are stored as JSON text on both dialects. */
import type { Selectable } from 'kysely';
import type { CompanySoftwareTable } from '../schema.ts';
import type { Conn } from './types.ts';

export type CompanySoftwareRow = Selectable<CompanySoftwareTable>;

/** In the order the company added them (then by id, so equal times sort the same on both dialects). */
export async function listCompanySoftware(db: Conn, companyId: string): Promise<CompanySoftwareRow[]> {
  return db.selectFrom('company_software').selectAll().where('company_id', '=', companyId).orderBy('added_at').orderBy('product_id').execute();
}

export async function findCompanySoftware(db: Conn, companyId: string, productId: string): Promise<CompanySoftwareRow | undefined> {
  return db.selectFrom('company_software').selectAll().where('company_id', '=', companyId).where('product_id', '=', productId).executeTakeFirst();
}

export async function insertCompanySoftware(db: Conn, row: CompanySoftwareRow): Promise<void> {
  await db.insertInto('company_software').values(row).execute();
}

export async function deleteCompanySoftware(db: Conn, companyId: string, productId: string): Promise<number> {
  const r = await db.deleteFrom('company_software').where('company_id', '=', companyId).where('product_id', '=', productId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function updateCompanySoftwareSettings(db: Conn, companyId: string, productId: string, settings: string, updatedAt: string): Promise<void> {
  await db.updateTable('company_software').set({ settings, updated_at: updatedAt }).where('company_id', '=', companyId).where('product_id', '=', productId).execute();
}
