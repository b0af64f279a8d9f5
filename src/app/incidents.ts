/** Use cases of incident reporting: create (company or anonymous), follow up, reminders, consents, close. */
import { randomUUID } from 'node:crypto';
import type { User } from '../core/account.ts';
import { canMoveTo, EMPTY_DETAILS, type IncidentDetails, type IncidentRecord, type Status } from '../core/incidents/record.ts';
import { addMonthsBrussels } from '../core/incidents/time.ts';
import { normalizeFacts, triage, withNotificationSent, type FactsInput, type Obligation, type Triage } from '../core/incidents/triage.ts';
import type { Conn } from '../db/repositories/types.ts';
import type { Locale } from '../core/locale.ts';
import { randomToken, sha256 } from '../adapters/crypto.ts';
import { enqueueJob } from '../db/repositories/job.repository.ts';
import { addIncidentEvent, insertIncident, setTick, updateIncident } from '../db/repositories/incident.repository.ts';
import type { AppDeps, Result } from './deps.ts';
import { transact } from '../db/transaction.ts';
import { HOUR, refusedByLimits, type RateLimited } from './rate-limit.ts';

export const INCIDENT_REMINDER_JOB = 'incident-reminder';
/** Reminders before each deadline (issue: for example 12 hours and 2 hours before). */
export const REMINDER_HOURS = [12, 2] as const;

/**
 * Anti-automation (OWASP ASVS 4.0.3 §11.1.4; docs/operations.md, "Security rules and limits"). Every change to a saved
 * incident (tick, update, details, status, consents, link renewal) adds a timeline event of up to 4 kB, also through
 * an anonymous follow-up link, so changes are counted per incident. A real report under NIS2 or GDPR deadlines takes a
 * few dozen changes in its busiest hour; these limits are far above that and bound what one link can store.
 */
export const INCIDENT_CHANGES_PER_HOUR = { max: 60, windowMs: HOUR };
export const INCIDENT_CHANGES_PER_DAY = { max: 300, windowMs: 24 * HOUR };
/**
 * New incidents per person and company: each one schedules deadline reminders mailed to every owner and admin. Counted
 * per person, so that one member (or a leaked key) cannot use up the day and keep the owner from recording a real
 * incident under its legal deadlines.
 */
export const COMPANY_INCIDENTS_PER_DAY = { max: 20, windowMs: 24 * HOUR };

/** Counts one change to the incident before it is written; refused, nothing may be written. */
export async function reserveIncidentChange(deps: AppDeps, incidentId: string): Promise<{ ok: true } | RateLimited> {
  const refused = await refusedByLimits(deps, [
    { key: `incident-change:h:${incidentId}`, ...INCIDENT_CHANGES_PER_HOUR },
    { key: `incident-change:d:${incidentId}`, ...INCIDENT_CHANGES_PER_DAY },
  ]);
  return refused ?? { ok: true };
}

/** A company's new incident, counted against the company's daily limit before anything is stored. */
export async function createCompanyIncident(
  deps: AppDeps,
  input: { facts: FactsInput; lang: Locale; companyId: string; user: User | null },
): Promise<{ ok: true; id: string } | RateLimited> {
  const refused = await refusedByLimits(deps, [{ key: `incident-create:${input.companyId}:${input.user?.id ?? 'anonymous'}`, ...COMPANY_INCIDENTS_PER_DAY }]);
  if (refused) return refused;
  const { id } = await createIncident(deps, input);
  return { ok: true, id };
}

export async function createIncident(
  deps: AppDeps,
  input: { facts: FactsInput; lang: Locale; companyId: string | null; user: User | null },
): Promise<{ id: string; followToken: string | null }> {
  const now = deps.clock.now();
  const id = randomUUID();
  const facts = normalizeFacts(input.facts);
  const t = triage(facts);
  // Anonymous reports get a private follow-up link instead of an account.
  const followToken = input.companyId ? null : randomToken();
  await transact(deps.db, async (trx) => {
    await insertIncident(trx, {
      id,
      company_id: input.companyId,
      created_by: input.user?.id ?? null,
      follow_token_hash: followToken ? sha256(followToken) : null,
      lang: input.lang,
      category: facts.category,
      facts: JSON.stringify(facts),
      triage: JSON.stringify(t),
      severity: t.severity,
      status: 'suspected',
      details: JSON.stringify(EMPTY_DETAILS),
      aware_at: new Date(facts.awareAt).toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      closed_at: null,
      lessons: null,
      stats_consent: 0,
      story_consent: 0,
      story: null,
      follow_token_expires_at: followToken ? followLinkExpiryFrom(deps, now) : null,
    });
    await addIncidentEvent(trx, { incidentId: id, kind: 'created', userId: input.user?.id ?? null, now: now.toISOString() });
    // Reminder e-mails go to the company's owners and admins; anonymous reports have no address to write to.
    if (input.companyId) for (const o of t.obligations) await scheduleReminders(trx, id, o, now);
  });
  deps.kickWorker();
  return { id, followToken };
}

/** Reminder jobs before a deadline; the payload names the deadline, so a job for a deadline that moved is skipped. */
async function scheduleReminders(db: Conn, incidentId: string, o: Obligation, now: Date): Promise<void> {
  if (!o.dueAt) return;
  for (const hours of REMINDER_HOURS) {
    const runAt = new Date(new Date(o.dueAt).getTime() - hours * 3_600_000);
    if (runAt.getTime() <= now.getTime()) continue;
    await enqueueJob(db, { type: INCIDENT_REMINDER_JOB, payload: { incidentId, obligationId: o.id, hoursBefore: hours, dueAt: o.dueAt }, runAt, maxAttempts: 5 }, now);
  }
}

function followLinkExpiryFrom(deps: AppDeps, now: Date): string {
  return addMonthsBrussels(now, deps.config.incidentLinkTtlMonths).toISOString();
}

/** Renews an anonymous report's follow-up link for another configured period, counted from now. */
export async function renewFollowLink(deps: AppDeps, r: IncidentRecord): Promise<string> {
  const now = deps.clock.now();
  const expiresAt = followLinkExpiryFrom(deps, now);
  await updateIncident(deps.db, r.id, { follow_token_expires_at: expiresAt, updated_at: now.toISOString() });
  await addIncidentEvent(deps.db, { incidentId: r.id, kind: 'link_renewed', userId: null, now: now.toISOString() });
  return expiresAt;
}

function isOpen(r: IncidentRecord): boolean {
  return r.status !== 'closed' && r.status !== 'false_positive';
}

export async function addUpdate(deps: AppDeps, r: IncidentRecord, user: User | null, kind: 'update' | 'evidence', text: string): Promise<void> {
  await addIncidentEvent(deps.db, { incidentId: r.id, kind, text: text.trim().slice(0, 4000), userId: user?.id ?? null, now: deps.clock.now().toISOString() });
  await updateIncident(deps.db, r.id, { updated_at: deps.clock.now().toISOString() });
}

/** True when `itemId` can be ticked on this incident: one of its obligations, or any first-aid step. */
export function canTick(r: IncidentRecord, kind: 'obligation' | 'first_aid', itemId: string): boolean {
  return itemId.length <= 60 && (kind === 'obligation' ? r.triage.obligations.some((o) => o.id === itemId) : true);
}

export async function tick(deps: AppDeps, r: IncidentRecord, user: User | null, kind: 'obligation' | 'first_aid', itemId: string, done: boolean, reference: string | null): Promise<boolean> {
  if (!canTick(r, kind, itemId)) return false;
  const clock = deps.clock.now();
  const now = clock.toISOString();
  await transact(deps.db, async (trx) => {
    await setTick(trx, r.id, kind, itemId, done, now, reference?.slice(0, 200) ?? null);
    await addIncidentEvent(trx, { incidentId: r.id, kind: `${kind}_${done ? 'done' : 'undone'}`, ref: itemId, text: reference, userId: user?.id ?? null, now });
    // NIS2 Art. 23(4)(d): the final report is due one month after the notification was submitted, so ticking the
    // notification as sent moves that deadline (and its reminders) to one month after this moment.
    if (kind === 'obligation' && itemId === 'nis2_notification') {
      const next: Triage = withNotificationSent(r.triage, r.awareAt, done ? now : null);
      await updateIncident(trx, r.id, { triage: JSON.stringify(next), updated_at: now });
      const finalReport = next.obligations.find((o) => o.id === 'nis2_final_report');
      if (finalReport && r.companyId) await scheduleReminders(trx, r.id, finalReport, clock);
    }
  });
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
