import type { Selectable } from 'kysely';
import { EMPTY_DETAILS, STATUSES, type IncidentDetails, type IncidentRecord, type Status } from '../../core/incidents/record.ts';
import { normalizeFacts, type FactsInput, type Triage } from '../../core/incidents/triage.ts';
import { isLocale } from '../../core/locale.ts';
import type { IncidentEventsTable, IncidentsTable, IncidentTicksTable } from '../schema.ts';
import type { Conn } from './types.ts';
import { prepared } from '../prepared.ts';

function parse<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type TickRow = Selectable<IncidentTicksTable>;
type EventRow = Selectable<IncidentEventsTable>;

async function hydrate(db: Conn, r: Selectable<IncidentsTable>): Promise<IncidentRecord> {
  return (await hydrateAll(db, [r]))[0]!;
}

/** At most this many incident ids in one IN list (PostgreSQL and SQLite both take far more; this keeps statements short). */
const IDS_PER_STATEMENT = 500;

/**
 * Several incidents with their ticks and events in three statements whatever their number (the company home and the
 * incidents page list every incident of a company), instead of two more statements per incident.
 */
async function hydrateAll(db: Conn, rows: Selectable<IncidentsTable>[]): Promise<IncidentRecord[]> {
  const ticksOf = new Map<string, TickRow[]>();
  const eventsOf = new Map<string, EventRow[]>();
  for (let i = 0; i < rows.length; i += IDS_PER_STATEMENT) {
    const ids = rows.slice(i, i + IDS_PER_STATEMENT).map((r) => r.id);
    const ticks = await db.selectFrom('incident_ticks').selectAll().where('incident_id', 'in', ids).execute();
    const events = await db.selectFrom('incident_events').selectAll().where('incident_id', 'in', ids).orderBy('id').execute();
    for (const t of ticks) groupInto(ticksOf, t.incident_id, t);
    for (const e of events) groupInto(eventsOf, e.incident_id, e);
  }
  return rows.map((r) => toRecord(r, ticksOf.get(r.id) ?? [], eventsOf.get(r.id) ?? []));
}

function groupInto<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toRecord(r: Selectable<IncidentsTable>, ticks: TickRow[], events: EventRow[]): IncidentRecord {
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

const incidentsOfCompany = prepared(['companyId'], (db, p: { companyId: string }) => db.selectFrom('incidents').selectAll().where('company_id', '=', p.companyId).orderBy('aware_at', 'desc'));

export async function listCompanyIncidents(db: Conn, companyId: string): Promise<IncidentRecord[]> {
  const rows = await incidentsOfCompany.all(db, { companyId });
  return hydrateAll(db, rows);
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
