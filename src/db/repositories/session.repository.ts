import type { Selectable } from 'kysely';
import type { Session, User } from '../../core/account.ts';
import type { SessionsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { toUser } from './user.repository.ts';
import { prepared } from '../prepared.ts';

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

/**
 * A live session and its user in one query: every signed-in request needs both, and one round trip instead of two
 * takes a query off each page (issue 13). The inner join also drops a session whose user no longer exists.
 */
const liveSessionWithUser = prepared(['id', 'now'], (db, p: { id: string; now: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('user_versions as v', 'v.user_id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.stage',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.ip',
      's.user_agent',
      's.revoked_at',
      'u.email as u_email',
      'u.display_name as u_display_name',
      'u.locale as u_locale',
      'u.email_verified_at as u_email_verified_at',
      'u.totp_enabled_at as u_totp_enabled_at',
      'u.is_admin as u_is_admin',
      'u.created_at as u_created_at',
      'v.version as u_view_version',
    ])
    .where('s.id', '=', p.id)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', p.now),
);

/**
 * `viewVersion` is the user's view version (migration 029, decision 0012): it changes whenever anything their account
 * page shows changes.
 */
export async function findLiveSessionWithUser(db: Conn, id: string, now: string): Promise<{ session: Session; user: User; viewVersion: number } | undefined> {
  const row = await liveSessionWithUser.first(db, { id, now });
  if (!row) return undefined;
  const user = toUser({
    id: row.user_id,
    email: row.u_email,
    password_hash: '',
    display_name: row.u_display_name,
    locale: row.u_locale,
    email_verified_at: row.u_email_verified_at,
    totp_secret: null,
    totp_enabled_at: row.u_totp_enabled_at,
    totp_last_step: null,
    is_admin: row.u_is_admin,
    created_at: row.u_created_at,
  });
  return { session: toSession(row), user, viewVersion: Number(row.u_view_version ?? 0) };
}

/**
 * What the front path needs to send a stored signed-in page again (decision 0012): the live session, its stage, its
 * last-seen time and the user's view version; no user columns. Sessions go with their user (ON DELETE CASCADE), and
 * every change to a user moves its view version, so the users table adds nothing to this check.
 */
const liveSessionVersion = prepared(['id', 'now'], (db, p: { id: string; now: string }) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('user_versions as v', 'v.user_id', 's.user_id')
    .select(['s.id', 's.user_id', 's.stage', 's.last_seen_at', 'v.version'])
    .where('s.id', '=', p.id)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', p.now),
);

export async function findLiveSessionVersion(db: Conn, id: string, now: string): Promise<{ id: string; userId: string; stage: string; lastSeenAt: string; viewVersion: number } | undefined> {
  const row = await liveSessionVersion.first(db, { id, now });
  return row && { id: row.id, userId: row.user_id, stage: row.stage, lastSeenAt: row.last_seen_at, viewVersion: Number(row.version ?? 0) };
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
