/**
 * Plans shared with IT providers and the items they mark done (migration 025: provider_shares, provider_item_updates).
 * Every read made for a provider filters on the organisation, `revoked_at IS NULL` and `expires_at > now` in the same
 * query, so a revocation or an expiry holds from the very next request (docs/providers.md "Sharing a plan").
 */
import { isLocale, type Locale } from '../../core/locale.ts';
import { isUpdateStatus, parseScopes, type ShareScope, type UpdateStatus } from '../../core/providers/shares.ts';
import type { Conn } from './types.ts';

export interface ProviderShare {
  id: string;
  companyId: string;
  companyName: string;
  organisationId: string;
  organisationName: string;
  scopes: ShareScope[];
  grantedBy: string | null;
  grantedAt: string;
  expiresAt: string;
  revokedBy: string | null;
  revokedAt: string | null;
}

function shareQuery(db: Conn) {
  return db
    .selectFrom('provider_shares as s')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('users as g', 'g.id', 's.granted_by')
    .leftJoin('users as r', 'r.id', 's.revoked_by')
    .select([
      's.id',
      's.company_id',
      'c.name as company_name',
      's.organisation_id',
      'o.name as organisation_name',
      's.scopes',
      'g.display_name as granted_by_name',
      's.granted_at',
      's.expires_at',
      'r.display_name as revoked_by_name',
      's.revoked_at',
    ]);
}

type ShareRow = {
  id: string;
  company_id: string;
  company_name: string;
  organisation_id: string;
  organisation_name: string;
  scopes: string;
  granted_by_name: string | null;
  granted_at: string;
  expires_at: string;
  revoked_by_name: string | null;
  revoked_at: string | null;
};

function toShare(r: ShareRow): ProviderShare {
  return {
    id: r.id,
    companyId: r.company_id,
    companyName: r.company_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    scopes: parseScopes(r.scopes),
    grantedBy: r.granted_by_name,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    revokedBy: r.revoked_by_name,
    revokedAt: r.revoked_at,
  };
}

export async function insertShare(
  db: Conn,
  s: { id: string; companyId: string; organisationId: string; scopes: ShareScope[]; grantedBy: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('provider_shares')
    .values({
      id: s.id,
      company_id: s.companyId,
      organisation_id: s.organisationId,
      scopes: JSON.stringify(s.scopes),
      granted_by: s.grantedBy,
      granted_at: s.now,
      expires_at: s.expiresAt,
      revoked_by: null,
      revoked_at: null,
    })
    .execute();
}

/** Every share the company ever made, newest first (the page splits current from past). */
export async function listSharesOfCompany(db: Conn, companyId: string): Promise<ProviderShare[]> {
  const rows = await shareQuery(db).where('s.company_id', '=', companyId).orderBy('s.granted_at', 'desc').orderBy('s.id').limit(200).execute();
  return rows.map(toShare);
}

export async function findShareOfCompany(db: Conn, companyId: string, shareId: string): Promise<ProviderShare | undefined> {
  const r = await shareQuery(db).where('s.company_id', '=', companyId).where('s.id', '=', shareId).executeTakeFirst();
  return r && toShare(r);
}

/** Ends a share at once; false when it was not the company's or was already revoked. */
export async function revokeShare(db: Conn, companyId: string, shareId: string, by: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('provider_shares')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', shareId)
    .where('company_id', '=', companyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The one door for a provider: the share, only if it is this organisation's, not revoked and not expired. */
export async function findActiveShareForOrg(db: Conn, organisationId: string, shareId: string, now: string): Promise<ProviderShare | undefined> {
  const r = await shareQuery(db)
    .where('s.id', '=', shareId)
    .where('s.organisation_id', '=', organisationId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return r && toShare(r);
}

export async function listActiveSharesOfOrg(db: Conn, organisationId: string, now: string): Promise<ProviderShare[]> {
  const rows = await shareQuery(db)
    .where('s.organisation_id', '=', organisationId)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .orderBy('c.name')
    .orderBy('s.id')
    .limit(500)
    .execute();
  return rows.map(toShare);
}

/** IT provider organisations a platform administrator verified: the only ones a company can share with. */
export async function listVerifiedProviders(db: Conn): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('kind', '=', 'it_provider')
    .where('verified_at', 'is not', null)
    .orderBy('name')
    .orderBy('id')
    .limit(1000)
    .execute();
}

/** Owners and admins of the provider organisation, with the language they use Schild in (for the mail). */
export async function providerMailRecipients(db: Conn, organisationId: string): Promise<{ email: string; locale: Locale }[]> {
  const rows = await db
    .selectFrom('organisation_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.email', 'u.locale'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.role', 'in', ['org_owner', 'org_admin'])
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ email: r.email, locale: isLocale(r.locale) ? r.locale : 'en' }));
}

// --- items marked done by the provider ------------------------------------------------------------------------

export interface ItemUpdate {
  id: string;
  shareId: string;
  companyId: string;
  organisationId: string;
  organisationName: string;
  assessmentId: string;
  controlId: string;
  note: string;
  markedBy: string | null;
  markedAt: string;
  status: UpdateStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

function updateQuery(db: Conn) {
  return db
    .selectFrom('provider_item_updates as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('users as m', 'm.id', 'u.marked_by')
    .leftJoin('users as d', 'd.id', 'u.decided_by')
    .select([
      'u.id',
      'u.share_id',
      'u.company_id',
      'u.organisation_id',
      'o.name as organisation_name',
      'u.assessment_id',
      'u.control_id',
      'u.note',
      'm.display_name as marked_by_name',
      'u.marked_at',
      'u.status',
      'd.display_name as decided_by_name',
      'u.decided_at',
      'u.decision_note',
    ]);
}

function toUpdate(r: {
  id: string;
  share_id: string;
  company_id: string;
  organisation_id: string;
  organisation_name: string;
  assessment_id: string;
  control_id: string;
  note: string;
  marked_by_name: string | null;
  marked_at: string;
  status: string;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}): ItemUpdate {
  return {
    id: r.id,
    shareId: r.share_id,
    companyId: r.company_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    assessmentId: r.assessment_id,
    controlId: r.control_id,
    note: r.note,
    markedBy: r.marked_by_name,
    markedAt: r.marked_at,
    status: isUpdateStatus(r.status) ? r.status : 'withdrawn',
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}

export async function insertItemUpdate(
  db: Conn,
  u: { id: string; shareId: string; companyId: string; organisationId: string; assessmentId: string; controlId: string; note: string; markedBy: string; now: string },
): Promise<void> {
  await db
    .insertInto('provider_item_updates')
    .values({
      id: u.id,
      share_id: u.shareId,
      company_id: u.companyId,
      organisation_id: u.organisationId,
      assessment_id: u.assessmentId,
      control_id: u.controlId,
      note: u.note,
      marked_by: u.markedBy,
      marked_at: u.now,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
    })
    .execute();
}

export async function listUpdatesOfCompany(db: Conn, companyId: string): Promise<ItemUpdate[]> {
  const rows = await updateQuery(db).where('u.company_id', '=', companyId).orderBy('u.marked_at', 'desc').orderBy('u.id').limit(500).execute();
  return rows.map(toUpdate);
}

export async function listUpdatesOfShare(db: Conn, shareId: string): Promise<ItemUpdate[]> {
  const rows = await updateQuery(db).where('u.share_id', '=', shareId).orderBy('u.marked_at', 'desc').orderBy('u.id').limit(500).execute();
  return rows.map(toUpdate);
}

export async function findUpdateOfCompany(db: Conn, companyId: string, updateId: string): Promise<ItemUpdate | undefined> {
  const r = await updateQuery(db).where('u.company_id', '=', companyId).where('u.id', '=', updateId).executeTakeFirst();
  return r && toUpdate(r);
}

/** The owner's decision, once: false when the update was already decided (a double click, a second tab). */
export async function decideUpdate(
  db: Conn,
  d: { companyId: string; updateId: string; status: 'confirmed' | 'declined'; by: string; now: string; note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('provider_item_updates')
    .set({ status: d.status, decided_by: d.by, decided_at: d.now, decision_note: d.note })
    .where('id', '=', d.updateId)
    .where('company_id', '=', d.companyId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
