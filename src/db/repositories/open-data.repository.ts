import type { Conn } from './types.ts';

export interface StoredRelease {
  release: string;
  quarter: string;
  epsilon: string;
  method: string;
  sensitivity: number;
  rowCount: number;
  body: string;
  createdAt: string;
}

export type ReleaseSummary = Omit<StoredRelease, 'body'>;

/** Stores a release once. A release never changes: a second insert under the same name is refused ('exists'). */
export async function insertRelease(db: Conn, r: StoredRelease): Promise<'created' | 'exists'> {
  const result = await db
    .insertInto('open_data_releases')
    .values({ release: r.release, quarter: r.quarter, epsilon: r.epsilon, method: r.method, sensitivity: r.sensitivity, row_count: r.rowCount, body: r.body, created_at: r.createdAt })
    .onConflict((oc) => oc.column('release').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? 'created' : 'exists';
}

export async function releaseExists(db: Conn, release: string): Promise<boolean> {
  return (await db.selectFrom('open_data_releases').select('release').where('release', '=', release).executeTakeFirst()) !== undefined;
}

/** Every release, newest quarter first, without its body. */
export async function listReleases(db: Conn): Promise<ReleaseSummary[]> {
  const rows = await db
    .selectFrom('open_data_releases')
    .select(['release', 'quarter', 'epsilon', 'method', 'sensitivity', 'row_count', 'created_at'])
    .orderBy('quarter', 'desc')
    .orderBy('release', 'desc')
    .execute();
  return rows.map((r) => ({ release: r.release, quarter: r.quarter, epsilon: r.epsilon, method: r.method, sensitivity: Number(r.sensitivity), rowCount: Number(r.row_count), createdAt: r.created_at }));
}

/** The stored JSON document of one release, exactly as published. */
export async function findReleaseBody(db: Conn, release: string): Promise<string | undefined> {
  const row = await db.selectFrom('open_data_releases').select('body').where('release', '=', release).executeTakeFirst();
  return row?.body;
}
