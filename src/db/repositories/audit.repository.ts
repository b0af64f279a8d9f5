import type { Conn } from './types.ts';

/** Security events kept for owners to review. Types are stable codes; `detail` holds no secrets. */
export const AUDIT_TYPES = [
  'user.signed_up',
  'user.email_verified',
  'user.login',
  'user.login_failed',
  'user.login_rate_limited',
  'user.logout',
  'user.password_reset_requested',
  'user.password_changed',
  'user.mfa_enabled',
  'user.mfa_disabled',
  'user.mfa_failed',
  'user.recovery_code_used',
  'user.recovery_codes_regenerated',
  'user.sessions_revoked',
  'user.api_token_created',
  'user.api_token_revoked',
  'user.api_tokens_revoked',
  'company.created',
  'company.profile_updated',
  'company.require_mfa_changed',
  'company.member_invited',
  'company.invitation_revoked',
  'company.member_joined',
  'company.role_changed',
  'company.member_removed',
  'company.report_forwarding_changed',
  'company.grant_created',
  'company.grant_revoked',
  'phishing.campaign_created',
  'phishing.campaign_cancelled',
  'organisation.created',
  'organisation.verified',
  'organisation.staff_invited',
  'organisation.staff_joined',
  'organisation.staff_role_changed',
  'organisation.staff_removed',
  'organisation.join_link_created',
  'organisation.join_link_revoked',
  'organisation.companies_invited',
  'organisation.company_joined',
  'organisation.company_left',
  'organisation.figures_choice_changed',
  'organisation.answers_granted',
  'organisation.answers_revoked',
  'organisation.announcement_sent',
  'organisation.offer_created',
  'organisation.offer_withdrawn',
  'organisation.offer_accepted',
  'organisation.offer_declined',
  'company.stats_consent_changed',
  'sector_pack.edited',
  'sector_pack.submitted',
  'sector_pack.approved',
  'sector_pack.returned',
  'provider_track.lesson_passed',
  'provider.profile_updated',
  'provider.certification_declared',
  'provider.certification_withdrawn',
  'provider.certification_verified',
  'provider.certification_rejected',
  // Issue 12: a plan shared with an IT provider, and the items the provider marks done (docs/providers.md).
  'company.provider_share_created',
  'company.provider_share_revoked',
  'company.provider_item_marked',
  'company.provider_item_confirmed',
  'company.provider_item_declined',
  'testimony.consented',
  'testimony.withdrawn',
  'testimony.published',
  'testimony.rejected',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditEvent {
  id: number;
  companyId: string | null;
  userId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  subjectEmail: string | null;
  type: AuditType;
  ip: string | null;
  detail: Record<string, string | number | boolean | null>;
  createdAt: string;
}

export interface AuditInput {
  type: AuditType;
  companyId?: string | null;
  userId?: string | null;
  actorId?: string | null;
  /** Set when an organisation is concerned: the event then shows in its log as well as the company's. */
  organisationId?: string | null;
  ip?: string | null;
  detail?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Conn, event: AuditInput, now: string): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      company_id: event.companyId ?? null,
      user_id: event.userId ?? null,
      actor_id: event.actorId ?? event.userId ?? null,
      organisation_id: event.organisationId ?? null,
      type: event.type,
      ip: event.ip ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      created_at: now,
    })
    .execute();
}

function parseDetail(text: string): AuditEvent['detail'] {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as AuditEvent['detail']) : {};
  } catch {
    return {};
  }
}

/**
 * The events an owner sees for a company: events recorded on the company itself, plus the personal security
 * events (log-ins, failed log-ins, MFA changes) of its current members since they joined.
 */
export async function listCompanyAudit(db: Conn, companyId: string, limit = 200): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .leftJoin('users as subject', 'subject.id', 'a.user_id')
    .select([
      'a.id',
      'a.company_id',
      'a.user_id',
      'a.actor_id',
      'a.type',
      'a.ip',
      'a.detail',
      'a.created_at',
      'actor.email as actor_email',
      'subject.email as subject_email',
    ])
    .where((eb) =>
      eb.or([
        eb('a.company_id', '=', companyId),
        eb.and([
          eb('a.company_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('memberships as m')
              .select('m.user_id')
              .whereRef('m.user_id', '=', 'a.user_id')
              .where('m.company_id', '=', companyId)
              .whereRef('m.created_at', '<=', 'a.created_at'),
          ),
        ]),
      ]),
    )
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    companyId: r.company_id,
    userId: r.user_id,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    subjectEmail: r.subject_email,
    type: r.type as AuditType,
    ip: r.ip,
    detail: parseDetail(r.detail),
    createdAt: r.created_at,
  }));
}

/**
 * The events of one organisation's own staff, for its owners. Events a member company recorded about the
 * organisation (joined, left, counting, grants) carry the organisation id too but stay in the company's log: shown
 * to the organisation they would tell which company stopped counting (docs/organisations.md).
 */
export async function listOrganisationAudit(db: Conn, organisationId: string, types: readonly AuditType[], limit = 100): Promise<{ type: AuditType; actorEmail: string | null; createdAt: string }[]> {
  const rows = await db
    .selectFrom('audit_events as a')
    .leftJoin('users as actor', 'actor.id', 'a.actor_id')
    .select(['a.type', 'a.created_at', 'actor.email as actor_email'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.type', 'in', [...types])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ type: r.type as AuditType, actorEmail: r.actor_email, createdAt: r.created_at }));
}
