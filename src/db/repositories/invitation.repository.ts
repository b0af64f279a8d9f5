import type { Selectable } from 'kysely';
import { ROLES, type Role } from '../../core/company-profile.ts';
import type { InvitationsTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

export interface Invitation {
  id: string;
  companyId: string;
  email: string;
  role: Role;
  invitedBy: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

function toInvitation(r: Selectable<InvitationsTable>): Invitation {
  return {
    id: r.id,
    companyId: r.company_id,
    email: r.email,
    role: (ROLES as readonly string[]).includes(r.role) ? (r.role as Role) : 'member',
    invitedBy: r.invited_by,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
  };
}

export async function insertInvitation(db: Conn, row: Selectable<InvitationsTable>): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export async function findInvitationByTokenHash(db: Conn, tokenHash: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toInvitation(row);
}

export async function listOpenInvitations(db: Conn, companyId: string, now: string): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toInvitation);
}

/** Marks an invitation accepted; true only for the request that wins (an invitation is used once). */
export async function markInvitationAccepted(db: Conn, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function revokeInvitation(db: Conn, companyId: string, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('company_id', '=', companyId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findInvitationById(db: Conn, id: string): Promise<Invitation | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toInvitation(row);
}

export interface PendingInvitation extends Invitation {
  companyName: string;
}

/** Open invitations addressed to one e-mail address (stored lower-case), with the name of the company. */
const openInvitationsForEmail = prepared(['email', 'now'], (db, p: { email: string; now: string }) =>
  db
    .selectFrom('invitations')
    .innerJoin('companies', 'companies.id', 'invitations.company_id')
    .selectAll('invitations')
    .select('companies.name as company_name')
    .where('invitations.email', '=', p.email)
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', p.now)
    .orderBy('invitations.created_at', 'desc'),
);

export async function listOpenInvitationsForEmail(db: Conn, email: string, now: string): Promise<PendingInvitation[]> {
  const rows = await openInvitationsForEmail.all(db, { email, now });
  return rows.map(({ company_name, ...r }) => ({ ...toInvitation(r), companyName: company_name }));
}
