/** Use cases of incident reporting: create (company or anonymous), follow up, reminders, consents, close. */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import { canMoveTo, EMPTY_DETAILS, type IncidentDetails, type IncidentRecord, type Status } from '../core/incidents/record.ts';
import { triage, type Facts } from '../core/incidents/triage.ts';
import type { Locale } from '../core/locale.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import { addIncidentEvent, insertIncident, setTick, updateIncident } from '../db/repositories/incident.repository.ts';
import type { AppDeps, Result } from './deps.ts';

export const INCIDENT_REMINDER_JOB = 'incident-reminder';
/** Reminders before each deadline (issue: for example 12 hours and 2 hours before). */
export const REMINDER_HOURS = [12, 2] as const;

export async function createIncident(
  deps: AppDeps,
  input: { facts: Facts; lang: Locale; companyId: string | null; user: User | null },
): Promise<{ id: string; followToken: string | null }> {
  const now = deps.clock.now();
  const id = randomUUID();
  const t = triage(input.facts);
  // Anonymous reports get a private follow-up link instead of an account.
  const followToken = input.companyId ? null : randomToken();
  await deps.db.transaction().execute(async (trx) => {
    await insertIncident(trx, {
      id,
      company_id: input.companyId,
      created_by: input.user?.id ?? null,
      follow_token_hash: followToken ? sha256(followToken) : null,
      lang: input.lang,
      category: input.facts.category,
      facts: JSON.stringify(input.facts),
      triage: JSON.stringify(t),
      severity: t.severity,
      status: 'suspected',
      details: JSON.stringify(EMPTY_DETAILS),
      aware_at: new Date(input.facts.awareAt).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      closed_at: null,
      lessons: null,
      stats_consent: 0,
      story_consent: 0,
      story: null,
    });
    await addIncidentEvent(trx, { incidentId: id, kind: 'created', userId: input.user?.id ?? null, now: now.toISOString() });
    // Reminder e-mails go to the company's owners and admins; anonymous reports have no address to write to.
    if (input.companyId) {
      for (const o of t.obligations) {
        if (!o.dueAt) continue;
        for (const hours of REMINDER_HOURS) {
          const runAt = new Date(new Date(o.dueAt).getTime() - hours * 3_600_000);
          if (runAt.getTime() <= now.getTime()) continue;
          await enqueueJob(trx, { type: INCIDENT_REMINDER_JOB, payload: { incidentId: id, obligationId: o.id, hoursBefore: hours }, runAt, maxAttempts: 5 }, now);
        }
      }
    }
  });
  deps.kickWorker();
  return { id, followToken };
}

function isOpen(r: IncidentRecord): boolean {
  return r.status !== 'closed' && r.status !== 'false_positive';
}

export async function addUpdate(deps: AppDeps, r: IncidentRecord, user: User | null, kind: 'update' | 'evidence', text: string): Promise<void> {
  await addIncidentEvent(deps.db, { incidentId: r.id, kind, text: text.trim().slice(0, 4000), userId: user?.id ?? null, now: deps.clock.now().toISOString() });
  await updateIncident(deps.db, r.id, { updated_at: deps.clock.now().toISOString() });
}

export async function tick(deps: AppDeps, r: IncidentRecord, user: User | null, kind: 'obligation' | 'first_aid', itemId: string, done: boolean, reference: string | null): Promise<boolean> {
  const valid = kind === 'obligation' ? r.triage.obligations.some((o) => o.id === itemId) : true;
  if (!valid || itemId.length > 60) return false;
  const now = deps.clock.now().toISOString();
  await setTick(deps.db, r.id, kind, itemId, done, now, reference?.slice(0, 200) ?? null);
  await addIncidentEvent(deps.db, { incidentId: r.id, kind: `${kind}_${done ? 'done' : 'undone'}`, ref: itemId, text: reference, userId: user?.id ?? null, now });
  return true;
}

export async function saveDetails(deps: AppDeps, r: IncidentRecord, user: User | null, details: IncidentDetails): Promise<void> {
  const now = deps.clock.now().toISOString();
  await updateIncident(deps.db, r.id, { details: JSON.stringify(details), updated_at: now });
  await addIncidentEvent(deps.db, { incidentId: r.id, kind: 'details', userId: user?.id ?? null, now });
}

export async function changeStatus(deps: AppDeps, r: IncidentRecord, user: User | null, to: Status, lessons: string | null): Promise<Result<object, 'not_allowed'>> {
  if (!canMoveTo(r.status, to)) return { ok: false, error: 'not_allowed' };
  const now = deps.clock.now().toISOString();
  const closing = to === 'closed' || to === 'false_positive';
  await updateIncident(deps.db, r.id, { status: to, updated_at: now, ...(closing ? { closed_at: now, lessons: lessons?.trim().slice(0, 4000) || null } : {}) });
  await addIncidentEvent(deps.db, { incidentId: r.id, kind: 'status', ref: to, text: closing ? lessons : null, userId: user?.id ?? null, now });
  return { ok: true };
}

/** Two separate consents: counting the coded incident in statistics, and using a short anonymised story. */
export async function setConsents(deps: AppDeps, r: IncidentRecord, user: User | null, stats: boolean, story: string | null): Promise<void> {
  const now = deps.clock.now().toISOString();
  await updateIncident(deps.db, r.id, { stats_consent: stats ? 1 : 0, story_consent: story ? 1 : 0, story: story ? story.trim().slice(0, 1500) : null, updated_at: now });
  await addIncidentEvent(deps.db, { incidentId: r.id, kind: 'consent', ref: `stats=${stats ? 1 : 0};story=${story ? 1 : 0}`, userId: user?.id ?? null, now });
}


export { isOpen };
