import type { Selectable } from 'kysely';
import type { Session } from '../../core/account.ts';
import type { SessionsTable } from '../schema.ts';
import type { Conn } from './types.ts';

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage === 'full' ? 'full' : 'mfa',
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  };
}

export async function insertSession(db: Conn, row: Selectable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session: not revoked and not expired at `now`. */
export async function findLiveSession(db: Conn, id: string, now: string): Promise<Session | undefined> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && toSession(row);
}

export async function touchSession(db: Conn, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}


export async function listLiveSessions(db: Conn, userId: string, now: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

export async function revokeSession(db: Conn, userId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revokes every session of a user, except optionally the one in use. Returns how many were revoked. */
export async function revokeAllSessions(db: Conn, userId: string, now: string, exceptId?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
