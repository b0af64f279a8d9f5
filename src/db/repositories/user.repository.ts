import type { Insertable, Selectable } from 'kysely';
import type { User } from '../../core/account.ts';
import { isLocale } from '../../core/locale.ts';
import type { UsersTable } from '../schema.ts';
import type { Conn } from './types.ts';

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: isLocale(row.locale) ? row.locale : 'nl',
    emailVerified: row.email_verified_at !== null,
    totpEnabled: row.totp_enabled_at !== null,
    isAdmin: row.is_admin === 1,
    createdAt: row.created_at,
  };
}

export async function insertUser(db: Conn, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserRowByEmail(db: Conn, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUserRowById(db: Conn, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserById(db: Conn, id: string): Promise<User | undefined> {
  const row = await findUserRowById(db, id);
  return row && toUser(row);
}

export async function updateUser(
  db: Conn,
  id: string,
  patch: Partial<Pick<UserRow, 'password_hash' | 'email_verified_at' | 'totp_secret' | 'totp_enabled_at' | 'totp_last_step' | 'locale' | 'display_name' | 'is_admin'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function replaceRecoveryCodes(db: Conn, userId: string, codes: { id: string; hash: string }[], now: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codes.length === 0) return;
  await db
    .insertInto('recovery_codes')
    .values(codes.map((c) => ({ id: c.id, user_id: userId, code_hash: c.hash, used_at: null, created_at: now })))
    .execute();
}

/**
 * Records that a TOTP code of time step `step` was accepted; true only if no code of this step or a later one was
 * accepted before. One conditional UPDATE, so two requests replaying the same code cannot both win (RFC 6238 §5.2).
 */
export async function claimTotpStep(db: Conn, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a recovery code used; true only for the one request that wins the race. */
export async function useRecoveryCode(db: Conn, userId: string, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Conn, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Conn): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
