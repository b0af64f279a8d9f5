import type { Selectable } from 'kysely';
import { EMPTY_DETAILS, STATUSES, type IncidentDetails, type IncidentRecord, type Status } from '../../core/incidents/record.ts';
import { normalizeFacts, type FactsInput, type Triage } from '../../core/incidents/triage.ts';
import { isLocale } from '../../core/locale.ts';
import type { IncidentsTable } from '../schema.ts';
import type { Conn } from './types.ts';

function parse<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

async function hydrate(db: Conn, r: Selectable<IncidentsTable>): Promise<IncidentRecord> {
  const ticks = await db.selectFrom('incident_ticks').selectAll().where('incident_id', '=', r.id).execute();
  const events = await db.selectFrom('incident_events').selectAll().where('incident_id', '=', r.id).orderBy('id').execute();
  return {
    id: r.id,
    companyId: r.company_id,
    lang: isLocale(r.lang) ? r.lang : 'nl',
    facts: normalizeFacts(parse<FactsInput>(r.facts, {} as FactsInput)),
    triage: parse<Triage>(r.triage, {} as Triage),
    status: (STATUSES as readonly string[]).includes(r.status) ? (r.status as Status) : 'suspected',
    details: { ...EMPTY_DETAILS, ...parse<Partial<IncidentDetails>>(r.details, {}) },
    awareAt: r.aware_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    lessons: r.lessons,
    statsConsent: r.stats_consent === 1,
    storyConsent: r.story_consent === 1,
    story: r.story,
    ticks: ticks.map((t) => ({ kind: t.kind === 'first_aid' ? 'first_aid' : 'obligation', itemId: t.item_id, doneAt: t.done_at, reference: t.reference })),
    events: events.map((e) => ({ id: Number(e.id), kind: e.kind, ref: e.ref, text: e.text, createdAt: e.created_at })),
    followLinkExpiresAt: r.follow_token_hash ? r.follow_token_expires_at : null,
  };
}

export async function insertIncident(db: Conn, row: Selectable<IncidentsTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncidentById(db: Conn, id: string): Promise<IncidentRecord | undefined> {
  const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? hydrate(db, r) : undefined;
}

export async function findIncidentForCompany(db: Conn, companyId: string, id: string): Promise<IncidentRecord | undefined> {
  const r = await db.selectFrom('incidents').selectAll().where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
  return r ? hydrate(db, r) : undefined;
}

export async function findIncidentByToken(db: Conn, tokenHash: string): Promise<IncidentRecord | undefined> {
  const r = await db.selectFrom('incidents').selectAll().where('follow_token_hash', '=', tokenHash).executeTakeFirst();
  return r ? hydrate(db, r) : undefined;
}

export async function listCompanyIncidents(db: Conn, companyId: string): Promise<IncidentRecord[]> {
  const rows = await db.selectFrom('incidents').selectAll().where('company_id', '=', companyId).orderBy('aware_at', 'desc').execute();
  return Promise.all(rows.map((r) => hydrate(db, r)));
}

export async function updateIncident(
  db: Conn,
  id: string,
  patch: Partial<Pick<Selectable<IncidentsTable>, 'status' | 'details' | 'triage' | 'closed_at' | 'lessons' | 'stats_consent' | 'story_consent' | 'story' | 'updated_at' | 'follow_token_expires_at'>>,
): Promise<void> {
  await db.updateTable('incidents').set(patch).where('id', '=', id).execute();
}

export async function addIncidentEvent(db: Conn, e: { incidentId: string; kind: string; ref?: string | null; text?: string | null; userId?: string | null; now: string }): Promise<void> {
  await db.insertInto('incident_events').values({ incident_id: e.incidentId, kind: e.kind, ref: e.ref ?? null, text: e.text ?? null, created_by: e.userId ?? null, created_at: e.now }).execute();
}

export async function setTick(db: Conn, incidentId: string, kind: 'obligation' | 'first_aid', itemId: string, done: boolean, now: string, reference: string | null): Promise<void> {
  await db.deleteFrom('incident_ticks').where('incident_id', '=', incidentId).where('kind', '=', kind).where('item_id', '=', itemId).execute();
  if (done) await db.insertInto('incident_ticks').values({ incident_id: incidentId, kind, item_id: itemId, done_at: now, reference }).execute();
}
