/**
 * IT provider profiles, their certification claims and the directory (migration 025). Rows are mapped to the core's
 * types before they leave; JSON columns are parsed defensively (an unknown value is dropped, never trusted).
 */
import { LOCALES, type Locale } from '../../core/locale.ts';
import { CERTIFICATION_KINDS, type CertificationKind } from '../../core/providers/certifications.ts';
import type { ClaimRow, ListedProvider } from '../../core/providers/directory.ts';
import { PROVIDER_TRACK_PASS_PERCENT } from '../../core/providers/track.ts';
import { NACE_SECTIONS, PROVIDER_REGIONS, PROVIDER_SERVICES, type Descriptions, type ProviderProfile } from '../../core/providers/profile.ts';
import type { Conn } from './types.ts';
import { parseJson } from './json-column.ts';

function known<const V extends readonly string[]>(values: V, text: string): V[number][] {
  const v = parseJson<unknown>(text, null);
  return Array.isArray(v) ? (v.filter((x) => typeof x === 'string' && (values as readonly string[]).includes(x)) as V[number][]) : [];
}

function descriptions(text: string): Descriptions {
  const v = parseJson<unknown>(text, null);
  const out: Descriptions = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const l of LOCALES) if (typeof (v as Record<string, unknown>)[l] === 'string') out[l] = (v as Record<Locale, string>)[l];
  return out;
}

interface ProfileRow {
  description: string;
  services: string;
  sectors: string;
  regions: string;
  languages: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  listed_at: string | null;
}

function toProfile(r: ProfileRow): ProviderProfile {
  return {
    description: descriptions(r.description),
    services: known(PROVIDER_SERVICES, r.services),
    sectors: known(NACE_SECTIONS, r.sectors),
    regions: known(PROVIDER_REGIONS, r.regions),
    languages: known(LOCALES, r.languages),
    website: r.website,
    email: r.email,
    phone: r.phone,
    listed: r.listed_at !== null,
  };
}

export async function findProfile(db: Conn, organisationId: string): Promise<(ProviderProfile & { listedAt: string | null; updatedAt: string }) | undefined> {
  const r = await db.selectFrom('provider_profiles').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst();
  return r && { ...toProfile(r), listedAt: r.listed_at, updatedAt: r.updated_at };
}

/** Creates or replaces the profile. listed_at keeps its first date while the provider stays listed. */
export async function saveProfile(db: Conn, organisationId: string, p: ProviderProfile, by: string, now: string): Promise<void> {
  const existing = await db.selectFrom('provider_profiles').select('listed_at').where('organisation_id', '=', organisationId).executeTakeFirst();
  const values = {
    description: JSON.stringify(p.description),
    services: JSON.stringify(p.services),
    sectors: JSON.stringify(p.sectors),
    regions: JSON.stringify(p.regions),
    languages: JSON.stringify(p.languages),
    website: p.website,
    email: p.email,
    phone: p.phone,
    listed_at: p.listed ? (existing?.listed_at ?? now) : null,
    updated_by: by,
    updated_at: now,
  };
  if (existing) await db.updateTable('provider_profiles').set(values).where('organisation_id', '=', organisationId).execute();
  else await db.insertInto('provider_profiles').values({ organisation_id: organisationId, ...values }).execute();
}

// --- certification claims -----------------------------------------------------------------------------------------

export interface Claim extends ClaimRow {
  declaredAt: string;
  reviewedAt: string | null;
  reviewNote: string | null;
}

type ClaimDbRow = {
  id: string;
  organisation_id: string;
  kind: string;
  label: string | null;
  reference: string;
  issuer: string;
  evidence_url: string;
  valid_until: string;
  status: string;
  declared_at: string;
  reviewed_at: string | null;
  review_note: string | null;
};

function toClaim(r: ClaimDbRow): Claim {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: (CERTIFICATION_KINDS as readonly string[]).includes(r.kind) ? (r.kind as CertificationKind) : 'other',
    label: r.label,
    reference: r.reference,
    issuer: r.issuer,
    evidenceUrl: r.evidence_url,
    validUntil: r.valid_until,
    status: r.status,
    declaredAt: r.declared_at,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
  };
}

export async function insertClaim(
  db: Conn,
  c: { id: string; organisationId: string; kind: CertificationKind; label: string | null; reference: string; issuer: string; evidenceUrl: string; validUntil: string; declaredBy: string; now: string },
): Promise<void> {
  await db
    .insertInto('provider_certifications')
    .values({
      id: c.id,
      organisation_id: c.organisationId,
      kind: c.kind,
      label: c.label,
      reference: c.reference,
      issuer: c.issuer,
      evidence_url: c.evidenceUrl,
      valid_until: c.validUntil,
      status: 'pending',
      declared_by: c.declaredBy,
      declared_at: c.now,
      reviewed_by: null,
      reviewed_at: null,
      review_note: null,
    })
    .execute();
}

/** The organisation's claims, newest first (withdrawn ones too: the provider sees its own history). */
export async function listClaims(db: Conn, organisationId: string): Promise<Claim[]> {
  const rows = await db.selectFrom('provider_certifications').selectAll().where('organisation_id', '=', organisationId).orderBy('declared_at', 'desc').orderBy('id').execute();
  return rows.map(toClaim);
}

export async function findClaim(db: Conn, id: string): Promise<Claim | undefined> {
  const r = await db.selectFrom('provider_certifications').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toClaim(r);
}

export async function countOpenClaims(db: Conn, organisationId: string): Promise<number> {
  const r = await db
    .selectFrom('provider_certifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['pending', 'verified'])
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Withdraws a pending or verified claim of this organisation; false when there is none (already withdrawn, another's). */
export async function withdrawClaim(db: Conn, organisationId: string, id: string, by: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('provider_certifications')
    .set({ status: 'withdrawn', reviewed_by: by, reviewed_at: now })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', ['pending', 'verified'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Decides a pending claim; false when it is no longer pending (decided or withdrawn meanwhile). */
export async function decideClaim(db: Conn, id: string, status: 'verified' | 'rejected', by: string, note: string | null, now: string): Promise<boolean> {
  const r = await db
    .updateTable('provider_certifications')
    .set({ status, reviewed_by: by, reviewed_at: now, review_note: note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface PendingClaim extends Claim {
  organisationName: string;
  organisationVerified: boolean;
}

export async function listPendingClaims(db: Conn): Promise<PendingClaim[]> {
  const rows = await db
    .selectFrom('provider_certifications as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .selectAll('c')
    .select(['o.name as organisation_name', 'o.verified_at as organisation_verified_at'])
    .where('c.status', '=', 'pending')
    .orderBy('c.declared_at')
    .orderBy('c.id')
    .limit(500)
    .execute();
  return rows.map((r) => ({ ...toClaim(r), organisationName: r.organisation_name, organisationVerified: r.organisation_verified_at !== null }));
}

// --- directory ----------------------------------------------------------------------------------------------------

/**
 * Listed IT providers. Filtering happens in core (matchesFilter) over this list: JSON arrays in text columns read
 * the same on both dialects that way, and the number of listed providers in Belgium stays in the thousands.
 */
export async function listListedProviders(db: Conn, organisationId?: string): Promise<ListedProvider[]> {
  let q = db
    .selectFrom('provider_profiles as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name', 'o.verified_at', 'p.description', 'p.services', 'p.sectors', 'p.regions', 'p.languages', 'p.website', 'p.email', 'p.phone', 'p.listed_at'])
    .where('o.kind', '=', 'it_provider')
    .where('p.listed_at', 'is not', null);
  if (organisationId) q = q.where('o.id', '=', organisationId);
  const rows = await q.orderBy('o.name').execute();
  return rows.map((r) => ({ organisationId: r.id, name: r.name, verifiedAt: r.verified_at, profile: toProfile(r) }));
}

/** Pending and verified claims of these organisations (the only ones the directory may show). */
export async function listDirectoryClaims(db: Conn, organisationIds: readonly string[]): Promise<Claim[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db.selectFrom('provider_certifications').selectAll().where('organisation_id', 'in', organisationIds).where('status', 'in', ['pending', 'verified']).execute();
  return rows.map(toClaim);
}

/**
 * Lessons passed per organisation and per person, counting only people still on the organisation's staff: a trained
 * person who left does not make the provider trained.
 */
export async function listTrackPasses(db: Conn, organisationIds: readonly string[]): Promise<Map<string, Map<string, string[]>>> {
  const out = new Map<string, Map<string, string[]>>();
  if (organisationIds.length === 0) return out;
  const rows = await db
    .selectFrom('provider_track_progress as t')
    .innerJoin('organisation_staff as s', (j) => j.onRef('s.organisation_id', '=', 't.organisation_id').onRef('s.user_id', '=', 't.user_id'))
    .select(['t.organisation_id', 't.user_id', 't.lesson_id'])
    .where('t.organisation_id', 'in', organisationIds)
    // Rows are written for passes only; the pass mark is checked again so a stray row cannot count.
    .where('t.score', '>=', PROVIDER_TRACK_PASS_PERCENT)
    .execute();
  for (const r of rows) {
    const byUser = out.get(r.organisation_id) ?? new Map<string, string[]>();
    byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.lesson_id]);
    out.set(r.organisation_id, byUser);
  }
  return out;
}

/** Addresses and languages of the organisation's owners, for mails about its claims. */
export async function listOwnerContacts(db: Conn, organisationId: string): Promise<{ email: string; locale: string }[]> {
  return db
    .selectFrom('organisation_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.email as email', 'u.locale as locale'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.role', '=', 'org_owner')
    .execute();
}
