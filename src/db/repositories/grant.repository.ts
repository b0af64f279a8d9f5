/** Scoped, revocable grants a company gives an outside Schild user (table `company_grants`, migration 010). */
import type { Conn } from './types.ts';

export type GrantScope = 'phishing';

export interface CompanyGrant {
  id: string;
  companyId: string;
  granteeUserId: string;
  granteeEmail: string;
  granteeName: string;
  scope: GrantScope;
  createdAt: string;
}

export async function hasActiveGrant(db: Conn, companyId: string, userId: string, scope: GrantScope): Promise<boolean> {
  const r = await db
    .selectFrom('company_grants')
    .select('id')
    .where('company_id', '=', companyId)
    .where('grantee_user_id', '=', userId)
    .where('scope', '=', scope)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r !== undefined;
}

export async function listActiveGrants(db: Conn, companyId: string, scope: GrantScope): Promise<CompanyGrant[]> {
  const rows = await db
    .selectFrom('company_grants as g')
    .innerJoin('users as u', 'u.id', 'g.grantee_user_id')
    .select(['g.id', 'g.company_id', 'g.grantee_user_id', 'g.scope', 'g.created_at', 'u.email', 'u.display_name'])
    .where('g.company_id', '=', companyId)
    .where('g.scope', '=', scope)
    .where('g.revoked_at', 'is', null)
    .orderBy('g.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, companyId: r.company_id, granteeUserId: r.grantee_user_id, granteeEmail: r.email, granteeName: r.display_name, scope: r.scope as GrantScope, createdAt: r.created_at }));
}

/** Companies that granted this user the scope (for the grantee's own list of companies). */
export async function listGrantedCompanies(db: Conn, userId: string, scope: GrantScope): Promise<{ companyId: string; name: string }[]> {
  const rows = await db
    .selectFrom('company_grants as g')
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .select(['c.id', 'c.name'])
    .where('g.grantee_user_id', '=', userId)
    .where('g.scope', '=', scope)
    .where('g.revoked_at', 'is', null)
    .orderBy('c.name')
    .execute();
  return rows.map((r) => ({ companyId: r.id, name: r.name }));
}

export async function insertGrant(db: Conn, g: { id: string; companyId: string; granteeUserId: string; scope: GrantScope; grantedBy: string; now: string }): Promise<void> {
  await db.insertInto('company_grants').values({ id: g.id, company_id: g.companyId, grantee_user_id: g.granteeUserId, scope: g.scope, granted_by: g.grantedBy, created_at: g.now, revoked_at: null }).execute();
}

/** Revokes a grant; returns the grantee's id when an active grant was revoked. */
export async function revokeGrant(db: Conn, companyId: string, grantId: string, now: string): Promise<string | undefined> {
  const r = await db
    .updateTable('company_grants')
    .set({ revoked_at: now })
    .where('company_id', '=', companyId)
    .where('id', '=', grantId)
    .where('revoked_at', 'is', null)
    .returning('grantee_user_id')
    .executeTakeFirst();
  return r?.grantee_user_id;
}
