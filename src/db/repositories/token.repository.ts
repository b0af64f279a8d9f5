import type { ApiScope } from '../../core/account.ts';
import { API_SCOPES } from '../../core/account.ts';
import type { Conn } from './types.ts';

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export async function insertEmailToken(
  db: Conn,
  row: { tokenHash: string; userId: string; purpose: EmailTokenPurpose; expiresAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('email_tokens')
    .values({ token_hash: row.tokenHash, user_id: row.userId, purpose: row.purpose, expires_at: row.expiresAt, used_at: null, created_at: row.now })
    .execute();
}

/** Finds a usable token (right purpose, unused, unexpired) without using it. */
export async function peekEmailToken(db: Conn, tokenHash: string, purpose: EmailTokenPurpose, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('email_tokens')
    .select('user_id')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id;
}

/** Uses a token once: returns the user id for the single request that wins, undefined otherwise. */
export async function consumeEmailToken(db: Conn, tokenHash: string, purpose: EmailTokenPurpose, now: string): Promise<string | undefined> {
  const userId = await peekEmailToken(db, tokenHash, purpose, now);
  if (!userId) return undefined;
  const r = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1 ? userId : undefined;
}

/** After a password change every outstanding reset link dies. */
export async function invalidateEmailTokens(db: Conn, userId: string, purpose: EmailTokenPurpose, now: string): Promise<void> {
  await db.updateTable('email_tokens').set({ used_at: now }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scopes: ApiScope[];
  createdAt: string;
  lastUsedAt: string | null;
}

function parseScopes(text: string): ApiScope[] {
  return text.split(' ').filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
}

export async function insertApiToken(
  db: Conn,
  row: { id: string; userId: string; name: string; tokenHash: string; scopes: ApiScope[]; now: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({ id: row.id, user_id: row.userId, name: row.name, token_hash: row.tokenHash, scopes: row.scopes.join(' '), created_at: row.now, last_used_at: null, revoked_at: null })
    .execute();
}

export async function findApiTokenByHash(db: Conn, tokenHash: string): Promise<ApiToken | undefined> {
  const r = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  return r && { id: r.id, userId: r.user_id, name: r.name, scopes: parseScopes(r.scopes), createdAt: r.created_at, lastUsedAt: r.last_used_at };
}

export async function touchApiToken(db: Conn, id: string, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Conn, userId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, scopes: parseScopes(r.scopes), createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

export async function revokeApiToken(db: Conn, userId: string, id: string, now: string): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Ends every API token of a user (after a password reset or change, or "sign out everywhere"). Returns how many. */
export async function revokeAllApiTokens(db: Conn, userId: string, now: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
