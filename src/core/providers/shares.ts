/**
 * Sharing a plan with an IT provider (issue 12, docs/providers.md "Sharing a plan"): what a company may share, for
 * how long, which plan items the provider may mark done, and when a scan contradicts a "done". Pure rules only: the
 * use cases in src/app/provider-shares.ts and provider-work.ts load the values and store the outcome.
 *
 * Data minimisation (GDPR Art. 5(1)(c), Art. 25): the provider gets the scopes the owner ticked and nothing else,
 * for a bounded time, and the owner can end it at once.
 */

export const SHARE_SCOPES = ['plan', 'provider_checklist', 'scan_report'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

/** The periods an owner can choose; a share never lasts longer than a year without the owner renewing it. */
export const SHARE_DAYS = [30, 90, 180, 365] as const;
export type ShareDays = (typeof SHARE_DAYS)[number];

/** A provider's note on a plan item: plain text, shown to the owner as is. */
export const ITEM_NOTE_MAX = 1000;
/** An owner's optional reason when declining a provider's "done". */
export const DECISION_NOTE_MAX = 1000;

export const UPDATE_STATUSES = ['pending', 'confirmed', 'declined', 'withdrawn'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

export function isShareScope(v: unknown): v is ShareScope {
  return typeof v === 'string' && (SHARE_SCOPES as readonly string[]).includes(v);
}

export function isUpdateStatus(v: unknown): v is UpdateStatus {
  return typeof v === 'string' && (UPDATE_STATUSES as readonly string[]).includes(v);
}

/** Scopes stored as JSON text: anything unknown is dropped, so an odd row can only ever show less. */
export function parseScopes(json: string): ShareScope[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? SHARE_SCOPES.filter((s) => v.includes(s)) : [];
  } catch {
    return [];
  }
}

export type ShareField = 'organisationId' | 'scopes' | 'days';
export type ShareProblem = 'choose_provider' | 'choose_scope' | 'choose_days';

export interface ShareInput {
  organisationId: string;
  scopes: ShareScope[];
  days: ShareDays;
}

/**
 * Reads the share form. The provider must be one of `providers` (verified IT provider organisations), at least one
 * scope is ticked and only known ones count, and the period is one of SHARE_DAYS.
 */
export function parseShareInput(
  raw: { organisationId: unknown; scopes: unknown; days: unknown },
  providers: ReadonlySet<string>,
): { ok: true; value: ShareInput } | { ok: false; problems: Partial<Record<ShareField, ShareProblem>> } {
  const problems: Partial<Record<ShareField, ShareProblem>> = {};
  const organisationId = typeof raw.organisationId === 'string' && providers.has(raw.organisationId) ? raw.organisationId : null;
  if (!organisationId) problems.organisationId = 'choose_provider';
  const list = (Array.isArray(raw.scopes) ? raw.scopes : [raw.scopes]).slice(0, 10);
  if (list.some((s) => s !== undefined && !isShareScope(s))) problems.scopes = 'choose_scope';
  const scopes = SHARE_SCOPES.filter((s) => list.includes(s));
  if (scopes.length === 0) problems.scopes = 'choose_scope';
  const daysNumber = typeof raw.days === 'string' && /^\d{1,3}$/.test(raw.days) ? Number(raw.days) : NaN;
  const days = SHARE_DAYS.find((d) => d === daysNumber);
  if (days === undefined) problems.days = 'choose_days';
  if (!organisationId || days === undefined || Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { organisationId, scopes, days } };
}

export function shareExpiry(now: Date, days: ShareDays): string {
  return new Date(now.getTime() + days * 24 * 3_600_000).toISOString();
}

/** A share works while it is neither revoked nor past its end; both are plain comparisons, no job has to run. */
export function isShareActive(s: { revokedAt: string | null; expiresAt: string }, nowIso: string): boolean {
  return s.revokedAt === null && s.expiresAt > nowIso;
}

/**
 * A free-text note as plain text: line breaks kept (as \n), other control characters removed (they could hide text
 * in a mail or a page), trimmed, at most `max` characters (counted as the person sees them, not in UTF-16 units).
 */
export function parseNote(v: unknown, max: number, required: boolean): { ok: true; note: string | null } | { ok: false; problem: 'required' | 'too_long' | 'invalid' } {
  // A repeated field arrives as an array: not a note.
  if (v !== undefined && typeof v !== 'string') return { ok: false, problem: 'invalid' };
  // eslint-disable-next-line no-control-regex
  const note = (v ?? '').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').trim();
  if (note === '') return required ? { ok: false, problem: 'required' } : { ok: true, note: null };
  if ([...note].length > max) return { ok: false, problem: 'too_long' };
  return { ok: true, note };
}

/**
 * The plan items a provider may mark done under a share: every open plan item when the plan is shared; with only
 * the provider checklist shared, the items on it that are the provider's task (never the "I don't know" questions:
 * those are not in the plan, so there is nothing to mark done).
 */
export function markableControls(
  result: { plan: readonly { controlId: string }[]; providerChecklist: readonly { controlId: string; reason: 'unknown' | 'provider_task' }[] },
  scopes: readonly ShareScope[],
): string[] {
  if (scopes.includes('plan')) return result.plan.map((p) => p.controlId);
  if (scopes.includes('provider_checklist')) return result.providerChecklist.filter((p) => p.reason === 'provider_task').map((p) => p.controlId);
  return [];
}

export type MarkRefusal = 'not_in_plan' | 'duplicate';

/** Only an open item of the current plan, and not twice while an earlier "done" still waits for the owner. */
export function markRefusal(
  controlId: string,
  markable: readonly string[],
  updates: readonly { assessmentId: string; controlId: string; status: UpdateStatus }[],
  assessmentId: string,
): MarkRefusal | null {
  if (!markable.includes(controlId)) return 'not_in_plan';
  if (updates.some((u) => u.controlId === controlId && u.assessmentId === assessmentId && u.status === 'pending')) return 'duplicate';
  return null;
}

/** Only a pending update can be confirmed or declined, once. */
export function canDecide(status: UpdateStatus): boolean {
  return status === 'pending';
}

/**
 * A "done" (claimed or confirmed) that the latest scan contradicts: the scan observed the control as not met. A
 * scan that could not test, or saw it partly met, says nothing against it (see core/scan/assessment-link.ts).
 */
export function scanContradicts(status: UpdateStatus, observed: 'yes' | 'partly' | 'no' | undefined): boolean {
  return (status === 'pending' || status === 'confirmed') && observed === 'no';
}

/** The checks of one observation that did not pass (what the owner is told the scan "still sees"). */
export function failingChecks(checks: readonly { id: string; status: string }[]): string[] {
  return checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id);
}
