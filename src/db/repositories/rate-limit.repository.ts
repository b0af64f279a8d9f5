import { sql } from 'kysely';
import type { Conn } from './types.ts';

/**
 * Fixed-window counter in the database, so limits hold across processes and restarts. One statement per hit
 * (INSERT … ON CONFLICT DO UPDATE, valid on SQLite ≥ 3.24 and PostgreSQL), returning the count after the hit.
 */
export async function hitCounter(db: Conn, key: string, now: Date, windowMs: number): Promise<{ count: number; windowStart: string }> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.window_start <= ${cutoff} then 1 else rate_limits.count + 1 end`,
        window_start: sql<string>`case when rate_limits.window_start <= ${cutoff} then ${nowIso} else rate_limits.window_start end`,
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), windowStart: row.window_start };
}

/** Gives back one reserved attempt (a log-in whose password was right is not a guess). One statement, never below 0. */
export async function releaseCounter(db: Conn, key: string): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ count: sql<number>`count - 1` })
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

export async function resetCounter(db: Conn, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}
