import type { Selectable } from 'kysely';
import type { ScansTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export type ScanRow = Selectable<ScansTable>;

export async function insertScan(db: Conn, row: ScanRow): Promise<void> {
  await db.insertInto('scans').values(row).execute();
}

const scanHead = prepared(['id'], (db, p: { id: string }) => db.selectFrom('scans').select(['id', 'status', 'finished_at']).where('id', '=', p.id));

/** A scan's status and end, without its stored result: enough to know whether a presented copy is still right. */
export async function findScanHead(db: Conn, id: string): Promise<Pick<ScanRow, 'id' | 'status' | 'finished_at'> | undefined> {
  return scanHead.first(db, { id });
}

const scanById = prepared(['id'], (db, p: { id: string }) => db.selectFrom('scans').selectAll().where('id', '=', p.id));

export async function findScan(db: Conn, id: string): Promise<ScanRow | undefined> {
  return scanById.first(db, { id });
}

export async function updateScan(db: Conn, id: string, patch: Partial<Omit<ScanRow, 'id'>>): Promise<void> {
  await db.updateTable('scans').set(patch).where('id', '=', id).execute();
}

/** The latest finished scan of a domain since a time, to answer repeated requests without scanning again. */
export async function recentScan(db: Conn, domain: string, since: string): Promise<ScanRow | undefined> {
  return db
    .selectFrom('scans')
    .selectAll()
    .where('domain', '=', domain)
    .where('created_at', '>=', since)
    .where('status', 'in', ['queued', 'running', 'done'])
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A company domain's finished scans, oldest first (its history). */
export async function finishedScansOf(db: Conn, companyId: string, domain: string): Promise<Pick<ScanRow, 'id' | 'grade' | 'status' | 'finished_at' | 'created_at'>[]> {
  return db
    .selectFrom('scans')
    .select(['id', 'grade', 'status', 'finished_at', 'created_at'])
    .where('company_id', '=', companyId)
    .where('domain', '=', domain)
    .where('status', '=', 'done')
    .orderBy('created_at')
    .execute();
}
